/**
 * What the webmail is seeded with: the purchase orders the clerk imports as CSV, and the vendor
 * invoices that arrive by e-mail against them (see mails.ts). Amounts are minor units.
 *
 * The invoices are net amounts equal to their PO (reverse charge, exempt or net-only invoices), so
 * an invoice that ties out is exactly its PO; a partial one bills less, one bills more.
 */

export interface PlanVendor {
  name: string;
  currency: string;
}

export const VENDORS = {
  lindqvist: { name: 'Lindqvist Verpackung GmbH', currency: 'EUR' },
  harbour: { name: 'Harbour & Finch Stationers Ltd', currency: 'GBP' },
  moreau: { name: 'Atelier Moreau SARL', currency: 'EUR' },
  quintana: { name: 'Quintana Suministros S.L.', currency: 'EUR' },
  bassi: { name: 'Ferramenta Bassi S.r.l.', currency: 'EUR' },
  dewit: { name: 'De Wit Transport B.V.', currency: 'EUR' },
  nakamura: { name: 'Nakamura Seiki Co., Ltd.', currency: 'JPY' },
  bergfeld: { name: 'Bergfeld Reinraumtechnik AG', currency: 'CHF' },
  northgate: { name: 'Northgate Industrial Supply Inc.', currency: 'USD' },
  fjordline: { name: 'Fjordline Marine AS', currency: 'NOK' },
  cobalt: { name: 'Cobalt Cloud Services LLC', currency: 'USD' },
  stadtwerke: { name: 'Stadtwerke Talheim GmbH', currency: 'EUR' },
  pinecrest: { name: 'Pinecrest Facility Services Inc.', currency: 'USD' },
  polar: { name: 'Polar Freight Oy', currency: 'EUR' },
} satisfies Record<string, PlanVendor>;

export type VendorId = keyof typeof VENDORS;

export interface PlanLine {
  code: string;
  description: string;
  quantity: number;
  /** Minor units. */
  unit: number;
}

export interface PlanPo {
  number: string;
  vendor: VendorId;
  date: string;
  lines: PlanLine[];
}

/** The open POs the clerk imports (options → Data → CSV) before reading the mail. */
export const POS: PlanPo[] = [
  {
    number: '4500017701',
    vendor: 'lindqvist',
    date: '2026-01-12',
    lines: [
      { code: 'FK-4030', description: 'Faltkarton 400 x 300 x 200 mm, 2-wellig', quantity: 800, unit: 162 },
      { code: 'SF-2350', description: 'Stretchfolie 23 µm, 500 mm', quantity: 40, unit: 2220 },
    ],
  },
  {
    number: '4500017702',
    vendor: 'lindqvist',
    date: '2026-02-03',
    lines: [
      { code: 'LP-1200', description: 'Luftpolsterfolie 1200 mm x 100 m', quantity: 60, unit: 4150 },
      { code: 'KB-5066', description: 'Klebeband PP 50 mm x 66 m', quantity: 240, unit: 225 },
    ],
  },
  {
    number: '4500017705',
    vendor: 'harbour',
    date: '2026-01-20',
    lines: [
      { code: 'PA4-80', description: 'Copier paper A4 80 gsm, box of 5 reams', quantity: 40, unit: 2490 },
      { code: 'TN-2420', description: 'Toner cartridge TN-2420', quantity: 6, unit: 2500 },
    ],
  },
  {
    number: '4500017706',
    vendor: 'harbour',
    date: '2026-02-10',
    lines: [
      { code: 'AB-390', description: 'Archive boxes, 390 x 290 x 250 mm', quantity: 120, unit: 315 },
      { code: 'LAF-75', description: 'Lever arch files 75 mm', quantity: 200, unit: 189 },
    ],
  },
  {
    number: '4500017710',
    vendor: 'moreau',
    date: '2026-01-15',
    lines: [
      { code: 'ENS-LED', description: 'Enseigne lumineuse LED, façade', quantity: 2, unit: 145000 },
      { code: 'POSE', description: 'Pose et raccordement', quantity: 1, unit: 58000 },
    ],
  },
  {
    number: '4500017715',
    vendor: 'quintana',
    date: '2026-01-22',
    lines: [
      { code: 'GN-100', description: 'Guantes de nitrilo, caja de 100', quantity: 150, unit: 875 },
      { code: 'GP-01', description: 'Gafas de protección', quantity: 60, unit: 1000 },
    ],
  },
  {
    number: '4500017716',
    vendor: 'quintana',
    date: '2026-02-12',
    lines: [{ code: 'FFP2-20', description: 'Mascarillas FFP2, caja de 20', quantity: 65, unit: 1300 }],
  },
  {
    number: '4500017720',
    vendor: 'bassi',
    date: '2026-01-28',
    lines: [
      { code: 'CD-200', description: 'Chiave dinamometrica 40–200 Nm', quantity: 5, unit: 38900 },
      { code: 'SI-32', description: 'Set inserti 32 pezzi', quantity: 20, unit: 4000 },
    ],
  },
  {
    number: '4500017721',
    vendor: 'bassi',
    date: '2026-02-16',
    lines: [{ code: 'TC-25', description: 'Trapano a colonna 25 mm', quantity: 1, unit: 132000 }],
  },
  {
    number: '4500017725',
    vendor: 'dewit',
    date: '2026-02-02',
    lines: [{ code: 'RIT-RD', description: 'Transport Rotterdam – Duisburg, per rit', quantity: 4, unit: 37000 }],
  },
  {
    number: '4500017730',
    vendor: 'nakamura',
    date: '2026-01-09',
    lines: [
      { code: 'GB-103', description: 'Gauge block set, grade 0, 103 pcs', quantity: 2, unit: 385000 },
      { code: 'DI-10', description: 'Dial indicator 0–10 mm', quantity: 11, unit: 44000 },
    ],
  },
  {
    number: '4500017731',
    vendor: 'nakamura',
    date: '2026-02-20',
    lines: [{ code: 'MC-25', description: 'Outside micrometer 0–25 mm', quantity: 6, unit: 52500 }],
  },
  {
    number: '4500017735',
    vendor: 'bergfeld',
    date: '2026-01-30',
    lines: [
      { code: 'H14-610', description: 'HEPA-Filter H14, 610 x 610 mm', quantity: 10, unit: 41200 },
      { code: 'MONT', description: 'Montage und Partikelmessung', quantity: 1, unit: 75000 },
    ],
  },
  {
    number: '4500017740',
    vendor: 'northgate',
    date: '2026-01-18',
    lines: [
      { code: 'HHA-12', description: 'Hydraulic hose assembly, 1/2 in., 2 m', quantity: 40, unit: 14500 },
      { code: 'QC-12', description: 'Quick coupler, 1/2 in.', quantity: 200, unit: 2900 },
    ],
  },
  {
    number: '4500017741',
    vendor: 'northgate',
    date: '2026-02-05',
    lines: [{ code: 'SRV-150', description: 'Safety relief valve, 150 psi', quantity: 14, unit: 16500 }],
  },
  {
    number: '4500017745',
    vendor: 'fjordline',
    date: '2026-02-08',
    lines: [{ code: 'FT-24', description: 'Fortøyningstau 24 mm, 100 m', quantity: 15, unit: 123000 }],
  },
  {
    number: '4500017750',
    vendor: 'pinecrest',
    date: '2026-01-05',
    lines: [{ code: 'JAN-M', description: 'Janitorial service, plant 2, per month', quantity: 12, unit: 185000 }],
  },
  {
    number: '4500017755',
    vendor: 'polar',
    date: '2026-02-11',
    lines: [{ code: 'RT-HT', description: 'Rahti Helsinki – Tallinna, kontti', quantity: 3, unit: 69000 }],
  },
];

export const poTotal = (po: PlanPo): number => po.lines.reduce((s, l) => s + l.quantity * l.unit, 0);

export function poByNumber(number: string): PlanPo {
  const po = POS.find((p) => p.number === number);
  if (!po) throw new Error(`The plan has no PO ${number}.`);
  return po;
}

/** What an invoice is there to show, beyond tying out. */
export type InvoiceRole = 'tie' | 'partial' | 'over_billed' | 'unknown_po' | 'no_po' | 'possible_duplicate';

export interface PlanInvoice {
  number: string;
  vendor: VendorId;
  /** Minor units. */
  total: number;
  /** The PO it quotes (one the CSV holds, or for `unknown_po` one nobody issued). */
  po?: string;
  date: string;
  role: InvoiceRole;
}

const inv = (
  number: string,
  vendor: VendorId,
  date: string,
  role: InvoiceRole,
  po?: string,
  total?: number,
): PlanInvoice => ({
  number,
  vendor,
  date,
  role,
  total: total ?? poTotal(poByNumber(po ?? '')),
  ...(po ? { po } : {}),
});

export const INVOICES: PlanInvoice[] = [
  inv('RE-2026-03114', 'lindqvist', '2026-03-02', 'tie', '4500017701'),
  // The bubble wrap only: the tape follows in April.
  inv('RE-2026-03187', 'lindqvist', '2026-03-09', 'partial', '4500017702', 60 * 4150),
  inv('HF-88213', 'harbour', '2026-03-03', 'tie', '4500017705'),
  inv('HF-88240', 'harbour', '2026-03-12', 'tie', '4500017706'),
  inv('FA-2026-0457', 'moreau', '2026-03-04', 'tie', '4500017710'),
  inv('F2026/0912', 'quintana', '2026-03-05', 'tie', '4500017715'),
  inv('F2026/0950', 'quintana', '2026-03-16', 'tie', '4500017716'),
  inv('118/2026', 'bassi', '2026-03-06', 'tie', '4500017720'),
  inv('131/2026', 'bassi', '2026-03-17', 'tie', '4500017721'),
  inv('2026-0341', 'dewit', '2026-03-06', 'tie', '4500017725'),
  inv('2026-0388', 'dewit', '2026-03-18', 'no_po', undefined, 26500),
  inv('NS-260318', 'nakamura', '2026-03-10', 'tie', '4500017730'),
  inv('NS-260402', 'nakamura', '2026-03-24', 'tie', '4500017731'),
  inv('26-10452', 'bergfeld', '2026-03-09', 'tie', '4500017735'),
  // The couplers at 35.20 instead of the PO's 29.00: 1,240.00 over.
  inv('NIS-55102', 'northgate', '2026-03-10', 'over_billed', '4500017740', 40 * 14500 + 200 * 3520),
  inv('NIS-55178', 'northgate', '2026-03-13', 'tie', '4500017741'),
  inv('NIS-55190', 'northgate', '2026-03-19', 'unknown_po', '4500017799', 64000),
  inv('70021', 'fjordline', '2026-03-11', 'tie', '4500017745'),
  inv('CC-2026-03-0042', 'cobalt', '2026-03-01', 'no_po', undefined, 118800),
  inv('2026031588', 'stadtwerke', '2026-03-04', 'no_po', undefined, 31244),
  inv('PFS-10296', 'pinecrest', '2026-02-02', 'tie', '4500017750', 185000),
  inv('PFS-10331', 'pinecrest', '2026-03-02', 'tie', '4500017750', 185000),
  // March billed a second time under a new number, four days later.
  inv('PFS-10338', 'pinecrest', '2026-03-06', 'possible_duplicate', '4500017750', 185000),
  inv('100482', 'polar', '2026-03-12', 'tie', '4500017755'),
];

export function invoiceByNumber(number: string): PlanInvoice {
  const found = INVOICES.find((i) => i.number === number);
  if (!found) throw new Error(`The plan has no invoice ${number}.`);
  return found;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const decimal = (minor: number, currency: string) => (currency === 'JPY' ? String(minor) : (minor / 100).toFixed(2));

/** The open POs as the CSV the clerk imports (one row per line, as an ERP exports them). */
export function openPosCsv(): string {
  const rows = ['PO Number,Vendor,Order Date,Currency,Status,Item Code,Description,Quantity,Unit Price,Line Amount'];
  for (const po of POS) {
    const v = VENDORS[po.vendor];
    for (const l of po.lines) {
      rows.push(
        [
          po.number,
          v.name,
          po.date,
          v.currency,
          'Open',
          l.code,
          l.description,
          String(l.quantity),
          decimal(l.unit, v.currency),
          decimal(l.quantity * l.unit, v.currency),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}
