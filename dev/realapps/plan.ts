/**
 * What every real ERP of `npm run realapps` is seeded with, and what the ledger should then hold.
 * The plan names vendors, purchase orders with their lines and the supplier invoices received
 * against them; each app's seed turns it into that app's records and answers with the numbers the
 * app gave them (its own PO numbers, its own invoice record numbers), from which `truth` follows.
 */

export interface PlanLine {
  product: string;
  quantity: number;
  /** Unit price in cents. */
  unitCents: number;
}

export interface PlanPurchase {
  /** Index into `vendors`. */
  vendor: number;
  /** YYYY-MM-DD. */
  date: string;
  lines: PlanLine[];
}

export interface PlanInvoice {
  vendor: number;
  /** The vendor's own invoice number, keyed in by the clerk. */
  reference: string;
  date: string;
  /** Index into `purchases` of the PO the invoice quotes, or undefined (no PO). */
  purchase?: number;
  lines: PlanLine[];
  /** Why this invoice is in the seed: what a clerk should see about it. */
  role: 'match' | 'over_billed' | 'partial' | 'duplicate' | 'no_po';
}

export interface Plan {
  currency: 'EUR';
  vendors: string[];
  purchases: PlanPurchase[];
  invoices: PlanInvoice[];
}

const year = new Date().getFullYear();
const d = (month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const VENDORS = [
  'Alder Fasteners GmbH',
  'Birchwood Office Supply Ltd',
  'Cedar Line Logistics BV',
  'Dogwood Lab Chemicals SA',
  'Elm Packaging Oy',
];

const PRODUCTS: Record<string, number> = {
  'Hex bolt M8 (box of 100)': 1450,
  'Washer M8 (box of 500)': 875,
  'Copy paper A4 (carton)': 3290,
  'Toner cartridge TN-420': 6840,
  'Pallet freight, zone 2': 18500,
  'Acetone 5 l': 4125,
  'Nitrile gloves (box of 100)': 990,
  'Corrugated box 40x30x30 (bundle of 25)': 2760,
};

function line(product: string, quantity: number): PlanLine {
  const unitCents = PRODUCTS[product];
  if (unitCents === undefined) throw new Error(`No product called ${product} in the plan.`);
  return { product, quantity, unitCents };
}

/** Twelve purchase orders from five vendors, one to three lines each. */
const PURCHASES: PlanPurchase[] = [
  { vendor: 0, date: d(1, 6), lines: [line('Hex bolt M8 (box of 100)', 20), line('Washer M8 (box of 500)', 10)] },
  { vendor: 1, date: d(1, 8), lines: [line('Copy paper A4 (carton)', 15), line('Toner cartridge TN-420', 4)] },
  { vendor: 2, date: d(1, 9), lines: [line('Pallet freight, zone 2', 6)] },
  { vendor: 3, date: d(1, 13), lines: [line('Acetone 5 l', 12), line('Nitrile gloves (box of 100)', 30)] },
  { vendor: 4, date: d(1, 14), lines: [line('Corrugated box 40x30x30 (bundle of 25)', 40)] },
  { vendor: 0, date: d(1, 20), lines: [line('Hex bolt M8 (box of 100)', 35)] },
  {
    vendor: 1,
    date: d(1, 22),
    lines: [
      line('Copy paper A4 (carton)', 8),
      line('Toner cartridge TN-420', 2),
      line('Nitrile gloves (box of 100)', 5),
    ],
  },
  { vendor: 2, date: d(1, 27), lines: [line('Pallet freight, zone 2', 9)] },
  { vendor: 3, date: d(2, 3), lines: [line('Acetone 5 l', 24)] },
  {
    vendor: 4,
    date: d(2, 5),
    lines: [line('Corrugated box 40x30x30 (bundle of 25)', 25), line('Washer M8 (box of 500)', 4)],
  },
  { vendor: 0, date: d(2, 10), lines: [line('Washer M8 (box of 500)', 18)] },
  { vendor: 1, date: d(2, 12), lines: [line('Toner cartridge TN-420', 6)] },
];

const billed = (p: number): PlanLine[] => PURCHASES[p]!.lines.map((l) => ({ ...l }));

/**
 * Eleven supplier invoices on twelve records: eight that match their PO, one over-billed (a higher
 * unit price than ordered), one partial (half the ordered quantity), one of the matching ones keyed
 * in twice, one for a service bought without a PO. POs 11 and 12 are not invoiced yet.
 */
const INVOICES: PlanInvoice[] = [
  { vendor: 0, reference: `AF-${year}-0113`, date: d(1, 16), purchase: 0, lines: billed(0), role: 'match' },
  { vendor: 1, reference: `BOS/${year}/2207`, date: d(1, 19), purchase: 1, lines: billed(1), role: 'match' },
  { vendor: 2, reference: `CLL-480912`, date: d(1, 21), purchase: 2, lines: billed(2), role: 'match' },
  { vendor: 3, reference: `DLC-${year}-00771`, date: d(1, 24), purchase: 3, lines: billed(3), role: 'match' },
  { vendor: 4, reference: `EP-30415`, date: d(1, 28), purchase: 4, lines: billed(4), role: 'match' },
  { vendor: 0, reference: `AF-${year}-0158`, date: d(1, 30), purchase: 5, lines: billed(5), role: 'match' },
  { vendor: 1, reference: `BOS/${year}/2291`, date: d(2, 2), purchase: 6, lines: billed(6), role: 'match' },
  {
    vendor: 2,
    reference: `CLL-481377`,
    date: d(2, 4),
    purchase: 7,
    lines: [{ ...line('Pallet freight, zone 2', 9), unitCents: 20350 }],
    role: 'over_billed',
  },
  {
    vendor: 3,
    reference: `DLC-${year}-00802`,
    date: d(2, 9),
    purchase: 8,
    lines: [line('Acetone 5 l', 12)],
    role: 'partial',
  },
  { vendor: 4, reference: `EP-30466`, date: d(2, 11), purchase: 9, lines: billed(9), role: 'match' },
  { vendor: 4, reference: `EP-30466`, date: d(2, 11), purchase: 9, lines: billed(9), role: 'duplicate' },
  {
    vendor: 2,
    reference: `CLL-481502`,
    date: d(2, 13),
    lines: [{ product: 'Warehouse storage, February', quantity: 1, unitCents: 64000 }],
    role: 'no_po',
  },
];

export const PLAN: Plan = { currency: 'EUR', vendors: VENDORS, purchases: PURCHASES, invoices: INVOICES };

export const totalCents = (lines: PlanLine[]) => lines.reduce((sum, l) => sum + l.quantity * l.unitCents, 0);
