/**
 * The demo's data: one seeded @faker-js/faker run makes the open POs (dev/demo/open-pos.csv, which
 * the demo ledger imports on first run), the supplier portal's invoices and ~20 vendor e-mails
 * (dev/demo/data.js). The output is committed and deterministic: `npx tsx dev/seed.ts` rewrites it,
 * `npx tsx dev/seed.ts --check` fails when the committed files differ from a fresh run.
 *
 * Faker supplies names, people, addresses, items, quantities and prices; the storyline is fixed
 * here, because the demo must show each case a clerk meets: an invoice that ties out, one in the
 * subject only, one in an HTML table, a possible duplicate, an over-billed invoice, a credit note,
 * an invoice that references an unknown PO, and a bill with no PO at all.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type Faker, fakerDE, fakerEN_GB, fakerEN_US, fakerFR } from '@faker-js/faker';

export const DEMO_SEED = 20260316;
const ROOT = resolve(import.meta.dirname, '..');
export const DEMO_DIR = join(ROOT, 'dev/demo');

/** The buying company the AP clerk works for. */
export const BUYER = {
  name: 'Harbor & Pine Foods',
  domain: 'harborpine.example',
  clerk: 'Dana Whitfield',
  address: '2200 Alder Street, Portland, OR 97209, USA',
};

/** The demo's "today", so dates never drift between runs. */
const TODAY = '2026-03-16';

type Currency = 'USD' | 'EUR' | 'GBP' | 'JPY';
type Lang = 'en-US' | 'en-GB' | 'de-DE' | 'fr-FR' | 'ja-JP';

export interface DemoLine {
  line: number;
  sku: string;
  description: string;
  quantity: number;
  /** Minor units. */
  unitPrice: number;
  amount: number;
}

export interface DemoVendor {
  id: string;
  name: string;
  contact: string;
  email: string;
  city: string;
  currency: Currency;
  lang: Lang;
}

export interface DemoPo {
  number: string;
  vendor: string;
  vendorId: string;
  currency: Currency;
  orderDate: string;
  buyer: string;
  terms: string;
  status: 'Open' | 'Partly invoiced' | 'Invoiced';
  /** Invoiced less credited, minor units, as the portal shows it. */
  invoiced: number;
  lines: DemoLine[];
  total: number;
  totalText: string;
}

export interface DemoInvoice {
  number: string;
  kind: 'invoice' | 'credit_note';
  po: string;
  vendor: string;
  vendorId: string;
  currency: Currency;
  date: string;
  dueDate: string;
  total: number;
  totalText: string;
  status: 'Approved' | 'Pending approval' | 'On hold' | 'Paid' | 'Credit applied';
}

export type Block =
  | { type: 'p'; text: string }
  | { type: 'table'; head: string[]; rows: string[][]; foot?: string[] }
  | { type: 'sig'; lines: string[] };

export interface DemoEmail {
  id: string;
  from: { name: string; email: string };
  subject: string;
  date: string;
  unread: boolean;
  starred: boolean;
  attachment?: string;
  /** What the demo shows this e-mail for (used by the tour and the README). */
  scenario: string;
  body: Block[];
}

export interface DemoData {
  seed: number;
  today: string;
  buyer: typeof BUYER;
  vendors: DemoVendor[];
  pos: DemoPo[];
  invoices: DemoInvoice[];
  emails: DemoEmail[];
}

const EXPONENT: Record<Currency, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };

/** `$12,400.00`, `4.980,00 €`, `4 980,00 €` — as the vendor's own system would print it. */
export function formatMoney(minor: number, currency: Currency, lang: Lang): string {
  const exponent = EXPONENT[currency];
  // Japanese vendors writing to a US customer print amounts the English way, with the ASCII yen sign.
  const locale = lang === 'ja-JP' ? 'en-US' : lang;
  const text = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(minor / 10 ** exponent);
  // Outlook and Word type a no-break space, not ICU's narrow one, between French digit groups.
  return text.replace(/\u202f/g, '\u00a0');
}

/** Plain decimal for the CSV: `12400.00`, `1250000`. */
function plainAmount(minor: number, currency: Currency): string {
  const exponent = EXPONENT[currency];
  return exponent ? (minor / 10 ** exponent).toFixed(exponent) : String(minor);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function longDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ja-JP' ? 'en-US' : lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/**
 * Catalogue per trade: what a food company buys from each kind of vendor, with a unit price band
 * (major units) and a quantity band.
 */
type Item = [description: string, lo: number, hi: number, qmin: number, qmax: number];
const CATALOGUE: Record<string, Item[]> = {
  furniture: [
    ['Ergonomic task chair, mesh back', 289, 349, 8, 24],
    ['Sit-stand desk 160 x 80 cm', 610, 720, 4, 12],
    ['Mobile pedestal, 3 drawers', 149, 189, 4, 12],
    ['Acoustic desk screen 120 cm', 95, 130, 6, 20],
  ],
  machinery: [
    ['Förderband-Gurt 600 mm, lebensmittelecht', 780, 920, 2, 4],
    ['Edelstahl-Lager 6204-2RS', 18, 26, 20, 60],
    ['Wartungssatz Abfüllanlage', 1150, 1390, 1, 2],
  ],
  packaging: [
    ['Étiquettes adhésives 100 x 150 mm (rouleau de 1000)', 38, 52, 20, 60],
    ['Film étirable alimentaire 450 mm', 21, 29, 30, 90],
    ['Caisse carton double cannelure', 1.1, 1.6, 500, 2000],
  ],
  paper: [
    ['Copy paper A4 80 g, case of 5 reams', 24, 31, 10, 40],
    ['Thermal receipt rolls 80 mm, box of 50', 42, 55, 5, 20],
    ['Kraft paper bags, pack of 500', 61, 78, 5, 15],
  ],
  logistics: [
    ['Refrigerated haulage, Felixstowe – Portland', 2400, 2400, 2, 4],
    ['Customs clearance and documentation', 380, 380, 2, 4],
    ['Pallet storage, cold store (per pallet week)', 14, 14, 40, 120],
  ],
  cleaning: [['Sanitation crew, production hall (monthly)', 2400, 2400, 12, 12]],
  precision: [
    ['Stainless dosing nozzle DN15', 42000, 48000, 6, 12],
    ['Calibration service, filling heads', 180000, 180000, 1, 2],
  ],
  catering: [
    ['Staff canteen lunches (per week)', 1050, 1050, 8, 13],
    ['Event catering, quarterly town hall', 980, 980, 2, 4],
  ],
  safety: [
    ['Cut-resistant gloves, level D (box of 12)', 58, 66, 10, 30],
    ['Hi-vis vest, class 2', 7.5, 9.5, 40, 120],
    ['Hearing protection earmuffs SNR 30', 19, 24, 20, 60],
  ],
};

interface VendorSpec {
  id: string;
  faker: Faker;
  lang: Lang;
  currency: Currency;
  trade: keyof typeof CATALOGUE;
  name: (f: Faker) => string;
  /** Where faker's locale has no fitting people or places (Japan, written to in English). */
  person?: (f: Faker) => { contact: string; city: string };
}

const VENDOR_SPECS: VendorSpec[] = [
  {
    id: 'furniture',
    faker: fakerEN_US,
    lang: 'en-US',
    currency: 'USD',
    trade: 'furniture',
    name: (f) => `${f.person.lastName()} Office Interiors Inc.`,
  },
  {
    id: 'machinery',
    faker: fakerDE,
    lang: 'de-DE',
    currency: 'EUR',
    trade: 'machinery',
    name: (f) => `${f.person.lastName()} Industrietechnik GmbH`,
  },
  {
    id: 'packaging',
    faker: fakerFR,
    lang: 'fr-FR',
    currency: 'EUR',
    trade: 'packaging',
    name: (f) => `Emballages ${f.person.lastName()} SARL`,
  },
  {
    id: 'paper',
    faker: fakerEN_US,
    lang: 'en-US',
    currency: 'USD',
    trade: 'paper',
    name: (f) => `${f.person.lastName()} Paper Co.`,
  },
  {
    id: 'logistics',
    faker: fakerEN_GB,
    lang: 'en-GB',
    currency: 'GBP',
    trade: 'logistics',
    name: (f) => `${f.person.lastName()} Cold Chain Logistics Ltd`,
  },
  {
    id: 'cleaning',
    faker: fakerEN_US,
    lang: 'en-US',
    currency: 'USD',
    trade: 'cleaning',
    name: (f) => `${f.person.lastName()} Facility Services LLC`,
  },
  {
    id: 'precision',
    faker: fakerEN_US,
    lang: 'ja-JP',
    currency: 'JPY',
    trade: 'precision',
    name: (f) => `${f.helpers.arrayElement(['Tanaka', 'Morita', 'Kobayashi', 'Yamazaki'])} Precision K.K.`,
    person: (f) => ({
      contact: f.helpers.arrayElement(['Haruto Sato', 'Yui Nakamura', 'Ren Suzuki', 'Aoi Watanabe']),
      city: f.helpers.arrayElement(['Osaka', 'Nagoya', 'Kobe', 'Hamamatsu']),
    }),
  },
  {
    id: 'catering',
    faker: fakerEN_US,
    lang: 'en-US',
    currency: 'USD',
    trade: 'catering',
    name: (f) => `${f.person.lastName()} Catering Co.`,
  },
  {
    id: 'safety',
    faker: fakerEN_US,
    lang: 'en-US',
    currency: 'USD',
    trade: 'safety',
    name: (f) => `${f.person.lastName()} Safety Supply Inc.`,
  },
];

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function buildDemo(seed = DEMO_SEED): DemoData {
  // One seed per locale instance, offset so that two instances never draw the same names.
  for (const [i, instance] of [fakerEN_US, fakerDE, fakerFR, fakerEN_GB].entries()) instance.seed(seed + i);
  const f = fakerEN_US;

  const vendors: DemoVendor[] = VENDOR_SPECS.map((spec) => {
    const name = spec.name(spec.faker);
    const who = spec.person?.(spec.faker) ?? {
      contact: `${spec.faker.person.firstName()} ${spec.faker.person.lastName()}`,
      city: spec.faker.location.city(),
    };
    const first = who.contact.split(' ')[0] ?? who.contact;
    const domain = `${slug(name.split(' ').slice(0, 2).join(''))}.example`;
    return {
      id: spec.id,
      name,
      contact: who.contact,
      email: `${spec.id === 'precision' ? 'billing' : slug(first)}@${domain}`,
      city: who.city,
      currency: spec.currency,
      lang: spec.lang,
    };
  });
  const vendor = (id: string): DemoVendor => {
    const v = vendors.find((x) => x.id === id);
    if (!v) throw new Error(`no vendor ${id}`);
    return v;
  };

  // Open POs, SAP-style numbers in sequence, ordered over January and February.
  const pos: DemoPo[] = VENDOR_SPECS.map((spec, i) => {
    const v = vendor(spec.id);
    const exponent = EXPONENT[v.currency];
    const items = CATALOGUE[spec.trade] ?? [];
    // The first item of each trade is always ordered: the storyline bills against it.
    const [anchor, ...rest] = items as [Item, ...Item[]];
    const chosen = [anchor, ...f.helpers.arrayElements(rest, Math.min(rest.length, f.number.int({ min: 1, max: 2 })))];
    const lines: DemoLine[] = chosen.map(([description, lo, hi, qmin, qmax], n) => {
      const unit = Math.round(f.number.float({ min: lo, max: hi, fractionDigits: exponent ? 2 : 0 }) * 10 ** exponent);
      const quantity = f.number.int({ min: qmin, max: qmax });
      return {
        line: (n + 1) * 10,
        sku: `${spec.id.slice(0, 3).toUpperCase()}-${f.string.numeric(4)}`,
        description,
        quantity,
        unitPrice: unit,
        amount: unit * quantity,
      };
    });
    const total = lines.reduce((s, l) => s + l.amount, 0);
    return {
      number: String(4500012345 + i),
      vendor: v.name,
      vendorId: v.id,
      currency: v.currency,
      orderDate: addDays('2026-01-05', i * 5 + f.number.int({ min: 0, max: 3 })),
      buyer: BUYER.clerk,
      terms: f.helpers.arrayElement(['Net 30', 'Net 45', '2/10 Net 30']),
      status: 'Open',
      invoiced: 0,
      lines,
      total,
      totalText: formatMoney(total, v.currency, v.lang),
    };
  });
  const po = (id: string): DemoPo => pos.find((p) => p.vendorId === id) as DemoPo;

  const invoices: DemoInvoice[] = [];
  const invoice = (
    vendorId: string,
    number: string,
    total: number,
    date: string,
    status: DemoInvoice['status'],
    kind: DemoInvoice['kind'] = 'invoice',
  ): DemoInvoice => {
    const v = vendor(vendorId);
    const inv: DemoInvoice = {
      number,
      kind,
      po: po(vendorId).number,
      vendor: v.name,
      vendorId,
      currency: v.currency,
      date,
      dueDate: addDays(date, 30),
      total,
      totalText: formatMoney(total, v.currency, v.lang),
      status,
    };
    invoices.push(inv);
    return inv;
  };

  const furniture = invoice(
    'furniture',
    `INV-${f.number.int({ min: 10200, max: 10499 })}`,
    po('furniture').total,
    '2026-03-02',
    'Approved',
  );
  const machinery = invoice(
    'machinery',
    `RE-2026-${f.string.numeric(4)}`,
    po('machinery').total,
    '2026-03-04',
    'Approved',
  );
  // The French packaging vendor bills the first line only: the PO stays partly open.
  const packLine = po('packaging').lines[0] as DemoLine;
  const packaging = invoice(
    'packaging',
    `FA-2026-${f.string.numeric(3)}`,
    packLine.amount,
    '2026-03-05',
    'Pending approval',
  );
  const paperPo = po('paper');
  const paperFirst = invoice(
    'paper',
    String(f.number.int({ min: 87000, max: 87999 })),
    Math.round(paperPo.total * 0.4),
    '2026-02-20',
    'Paid',
  );
  const paperSecond = invoice(
    'paper',
    String(Number(paperFirst.number) + f.number.int({ min: 180, max: 320 })),
    paperPo.total - paperFirst.total,
    '2026-03-09',
    'Pending approval',
  );
  // Over-billed: the haulage line is billed 8 % above the PO price.
  const logPo = po('logistics');
  const logLines = logPo.lines.map((l) =>
    l.description.includes('haulage')
      ? { ...l, unitPrice: Math.round(l.unitPrice * 1.08), amount: Math.round(l.unitPrice * 1.08) * l.quantity }
      : l,
  );
  const logistics = invoice(
    'logistics',
    `BL-2026-${f.string.numeric(4)}`,
    logLines.reduce((s, l) => s + l.amount, 0),
    '2026-03-10',
    'On hold',
  );
  // The same month of cleaning billed twice under consecutive-looking numbers: a possible duplicate.
  const cleanPo = po('cleaning');
  const monthly = (cleanPo.lines[0] as DemoLine).unitPrice;
  const cleanFirst = invoice(
    'cleaning',
    `INV-${f.number.int({ min: 20400, max: 20450 })}`,
    monthly,
    '2026-03-02',
    'Approved',
  );
  const cleanSecond = invoice(
    'cleaning',
    `INV-${Number(cleanFirst.number.slice(4)) + f.number.int({ min: 4, max: 9 })}`,
    monthly,
    '2026-03-06',
    'Pending approval',
  );
  const precision = invoice('precision', `TP-${f.string.numeric(4)}`, po('precision').total, '2026-03-03', 'Approved');
  const cateringPo = po('catering');
  const catering = invoice('catering', `INV-${f.string.numeric(4)}`, cateringPo.total, '2026-02-27', 'Paid');
  const creditLine = cateringPo.lines.find((l) => l.description.includes('town hall')) as DemoLine;
  const credit = invoice(
    'catering',
    `CN-${f.string.numeric(4)}`,
    creditLine.unitPrice,
    '2026-03-11',
    'Credit applied',
    'credit_note',
  );

  // An invoice from a vendor with no PO in the ledger, quoting a PO number nobody issued.
  const unknownVendor = `${f.person.lastName()} Software Ltd`;
  const unknownPo = String(4500019000 + f.number.int({ min: 100, max: 999 }));
  const unknownInvoice = `OS-${f.string.numeric(5)}`;
  const unknownTotal = f.number.int({ min: 180, max: 260 }) * 1000;
  // A utility bill: no PO at all.
  const utilityNumber = `${f.string.numeric(3)}-${f.string.numeric(6)}`;
  const utilityTotal = f.number.int({ min: 310000, max: 480000 });

  const usd = (minor: number) => formatMoney(minor, 'USD', 'en-US');
  const person = (v: DemoVendor) => ({ name: v.name, email: v.email });
  const sig = (v: DemoVendor, extra: string[] = []): Block => ({
    type: 'sig',
    lines: [v.contact, v.name, v.city, ...extra],
  });
  const lineRows = (lines: DemoLine[], c: Currency, lang: Lang) =>
    lines.map((l) => [
      l.sku,
      l.description,
      String(l.quantity),
      formatMoney(l.unitPrice, c, lang),
      formatMoney(l.amount, c, lang),
    ]);
  const at = (date: string, hhmm: string) => `${date}T${hhmm}:00`;

  const fv = vendor('furniture');
  const mv = vendor('machinery');
  const pv = vendor('packaging');
  const paperV = vendor('paper');
  const lv = vendor('logistics');
  const cv = vendor('cleaning');
  const jv = vendor('precision');
  const kv = vendor('catering');
  const sv = vendor('safety');
  const colleague = `${f.person.firstName()} ${f.person.lastName()}`;
  const controller = `${f.person.firstName()} ${f.person.lastName()}`;
  const mailOf = (name: string) => `${slug(name.split(' ')[0] ?? name)}@${BUYER.domain}`;

  const emails: DemoEmail[] = [
    {
      id: 'overbilled',
      scenario: 'over-billed invoice (lines in an HTML table)',
      from: person(lv),
      subject: `Invoice ${logistics.number} – refrigerated haulage`,
      date: at('2026-03-12', '09:14'),
      unread: true,
      starred: false,
      attachment: `${logistics.number}.pdf`,
      body: [
        { type: 'p', text: `Good morning,` },
        {
          type: 'p',
          text: `Please find below our invoice for the February shipments under your purchase order ${logPo.number}.`,
        },
        {
          type: 'table',
          head: ['Item', 'Description', 'Qty', 'Unit price', 'Amount'],
          rows: lineRows(logLines, 'GBP', 'en-GB'),
          foot: ['', '', '', 'Total due', logistics.totalText],
        },
        {
          type: 'p',
          text: `Invoice number: ${logistics.number}. Invoice date: ${longDate(logistics.date, 'en-GB')}. Payment due within 30 days.`,
        },
        { type: 'p', text: 'Fuel surcharges have been applied to the haulage rate this month.' },
        sig(lv, ['VAT GB 284 1937 55']),
      ],
    },
    {
      id: 'ties-out',
      scenario: 'invoice in the body that ties out to its PO',
      from: person(fv),
      subject: `Your invoice from ${fv.name}`,
      date: at('2026-03-02', '16:40'),
      unread: false,
      starred: false,
      attachment: `${furniture.number}.pdf`,
      body: [
        { type: 'p', text: `Hello ${BUYER.clerk.split(' ')[0]},` },
        {
          type: 'p',
          text: `Thank you for your order. Invoice ${furniture.number} for PO ${po('furniture').number} is attached. Amount due: ${furniture.totalText}, payable by ${longDate(furniture.dueDate, 'en-US')}.`,
        },
        { type: 'p', text: 'The chairs and desks were delivered to your Alder Street office on February 26.' },
        sig(fv),
      ],
    },
    {
      id: 'subject-only',
      scenario: 'invoice number only in the subject',
      from: person(paperV),
      subject: `Invoice ${paperSecond.number} for PO ${paperPo.number} – ${paperSecond.totalText}`,
      date: at('2026-03-09', '11:02'),
      unread: true,
      starred: false,
      attachment: `${paperSecond.number}.pdf`,
      body: [
        { type: 'p', text: 'Hi, invoice attached for the remaining items. Thanks for your business!' },
        sig(paperV),
      ],
    },
    {
      id: 'german',
      scenario: 'German invoice (Rechnung) in the body',
      from: person(mv),
      subject: `Rechnung ${machinery.number}`,
      date: at('2026-03-04', '08:31'),
      unread: false,
      starred: true,
      attachment: `Rechnung_${machinery.number}.pdf`,
      body: [
        { type: 'p', text: 'Sehr geehrte Damen und Herren,' },
        {
          type: 'p',
          text: `anbei erhalten Sie unsere Rechnung Nr. ${machinery.number} zu Ihrer Bestellung ${po('machinery').number} vom ${longDate(po('machinery').orderDate, 'de-DE')}.`,
        },
        {
          type: 'p',
          text: `Rechnungsbetrag: ${machinery.totalText}, zahlbar bis ${longDate(machinery.dueDate, 'de-DE')} ohne Abzug.`,
        },
        { type: 'p', text: 'Mit freundlichen Grüßen' },
        sig(mv, ['USt-IdNr. DE 318 442 915']),
      ],
    },
    {
      id: 'french-table',
      scenario: 'French invoice (facture) in an HTML table',
      from: person(pv),
      subject: `Facture ${packaging.number} – commande ${po('packaging').number}`,
      date: at('2026-03-05', '14:22'),
      unread: false,
      starred: false,
      body: [
        { type: 'p', text: 'Bonjour,' },
        { type: 'p', text: 'Veuillez trouver ci-dessous le détail de notre facture.' },
        {
          type: 'table',
          head: ['N° facture', 'Bon de commande', 'Date', 'Montant TTC'],
          rows: [[packaging.number, po('packaging').number, longDate(packaging.date, 'fr-FR'), packaging.totalText]],
        },
        { type: 'p', text: 'Le solde de la commande sera livré et facturé en avril.' },
        { type: 'p', text: 'Cordialement,' },
        sig(pv),
      ],
    },
    {
      id: 'duplicate-first',
      scenario: 'monthly invoice (first of a pair)',
      from: person(cv),
      subject: `Invoice ${cleanFirst.number} – March sanitation`,
      date: at('2026-03-02', '07:55'),
      unread: false,
      starred: false,
      attachment: `${cleanFirst.number}.pdf`,
      body: [
        {
          type: 'p',
          text: `Invoice ${cleanFirst.number} dated ${longDate(cleanFirst.date, 'en-US')} for PO ${cleanPo.number}.`,
        },
        { type: 'p', text: `Sanitation crew, production hall — March 2026. Total: ${cleanFirst.totalText}.` },
        sig(cv),
      ],
    },
    {
      id: 'duplicate',
      scenario: 'possible duplicate: the same month billed again under a new number',
      from: person(cv),
      subject: `Invoice ${cleanSecond.number} – March sanitation`,
      date: at('2026-03-06', '08:03'),
      unread: true,
      starred: false,
      attachment: `${cleanSecond.number}.pdf`,
      body: [
        {
          type: 'p',
          text: `Invoice ${cleanSecond.number} dated ${longDate(cleanSecond.date, 'en-US')} for PO ${cleanPo.number}.`,
        },
        { type: 'p', text: `Sanitation crew, production hall — March 2026. Total: ${cleanSecond.totalText}.` },
        sig(cv),
      ],
    },
    {
      id: 'credit-note',
      scenario: 'credit note against an earlier invoice',
      from: person(kv),
      subject: `Credit note ${credit.number}`,
      date: at('2026-03-11', '15:47'),
      unread: true,
      starred: false,
      attachment: `${credit.number}.pdf`,
      body: [
        { type: 'p', text: `Hi ${BUYER.clerk.split(' ')[0]},` },
        {
          type: 'p',
          text: `The quarterly town hall was cancelled, so we have issued credit note ${credit.number} for ${credit.totalText} against invoice ${catering.number} (PO ${cateringPo.number}).`,
        },
        sig(kv),
      ],
    },
    {
      id: 'catering-invoice',
      scenario: 'invoice already paid',
      from: person(kv),
      subject: `Invoice ${catering.number}`,
      date: at('2026-02-27', '10:12'),
      unread: false,
      starred: false,
      attachment: `${catering.number}.pdf`,
      body: [
        {
          type: 'p',
          text: `Invoice ${catering.number} for PO ${cateringPo.number}: ${catering.totalText}, due ${longDate(catering.dueDate, 'en-US')}.`,
        },
        sig(kv),
      ],
    },
    {
      id: 'unknown-po',
      scenario: 'invoice referencing a PO that is not in the ledger',
      from: { name: unknownVendor, email: `accounts@${slug(unknownVendor.split(' ')[0] ?? 'x')}software.example` },
      subject: `Invoice ${unknownInvoice} – annual licence renewal`,
      date: at('2026-03-13', '12:30'),
      unread: true,
      starred: false,
      attachment: `${unknownInvoice}.pdf`,
      body: [
        { type: 'p', text: 'Dear customer,' },
        {
          type: 'p',
          text: `Your annual licence has been renewed. Invoice No. ${unknownInvoice}, PO reference ${unknownPo}, amount ${usd(unknownTotal)}, due ${longDate(addDays('2026-03-13', 30), 'en-US')}.`,
        },
        { type: 'p', text: 'Kind regards,' },
        { type: 'sig', lines: ['Accounts receivable', unknownVendor] },
      ],
    },
    {
      id: 'japanese',
      scenario: 'JPY invoice, number in the subject',
      from: person(jv),
      subject: `請求書 Invoice No. ${precision.number} (PO ${po('precision').number})`,
      date: at('2026-03-03', '02:18'),
      unread: false,
      starred: false,
      attachment: `${precision.number}.pdf`,
      body: [
        { type: 'p', text: 'Dear Sir or Madam,' },
        { type: 'p', text: `Please find attached our invoice. Total amount: ${precision.totalText} (tax included).` },
        { type: 'p', text: 'いつもお世話になっております。請求書を送付いたします。' },
        sig(jv),
      ],
    },
    {
      id: 'reminder',
      scenario: 'the same invoice seen again (a second sighting, not a duplicate)',
      from: person(fv),
      subject: `Reminder: invoice ${furniture.number} due ${longDate(furniture.dueDate, 'en-US')}`,
      date: at('2026-03-14', '09:00'),
      unread: true,
      starred: false,
      body: [
        {
          type: 'p',
          text: `A friendly reminder that invoice ${furniture.number} (${furniture.totalText}) is due soon.`,
        },
        sig(fv),
      ],
    },
    {
      id: 'no-po',
      scenario: 'utility bill with no PO reference',
      from: { name: 'Pacific Northwest Power', email: 'ebill@pnwpower.example' },
      subject: 'Your February electricity bill is ready',
      date: at('2026-03-08', '06:00'),
      unread: false,
      starred: false,
      body: [
        { type: 'p', text: `Account 40-${f.string.numeric(7)} · ${BUYER.address}` },
        {
          type: 'table',
          head: ['Bill number', 'Billing period', 'Amount due', 'Due date'],
          rows: [[utilityNumber, 'Feb 1 – Feb 28, 2026', usd(utilityTotal), longDate('2026-03-28', 'en-US')]],
        },
        { type: 'p', text: 'AutoPay is off for this account.' },
      ],
    },
    {
      id: 'statement',
      scenario: 'statement of account listing several invoices',
      from: person(paperV),
      subject: 'Statement of account – March 2026',
      date: at('2026-03-10', '17:20'),
      unread: false,
      starred: false,
      body: [
        { type: 'p', text: `Statement for ${BUYER.name} as of ${longDate('2026-03-10', 'en-US')}.` },
        {
          type: 'table',
          head: ['Invoice No.', 'PO Number', 'Date', 'Amount', 'Status'],
          rows: [
            [paperFirst.number, paperPo.number, paperFirst.date, paperFirst.totalText, 'Paid'],
            [paperSecond.number, paperPo.number, paperSecond.date, paperSecond.totalText, 'Open'],
          ],
        },
        sig(paperV),
      ],
    },
    {
      id: 'order-confirmation',
      scenario: 'order confirmation quoting an open PO',
      from: person(sv),
      subject: `Order confirmation for PO ${po('safety').number}`,
      date: at('2026-02-24', '13:05'),
      unread: false,
      starred: false,
      body: [
        {
          type: 'p',
          text: `We have received purchase order ${po('safety').number} (${po('safety').totalText}). Expected ship date: March 20.`,
        },
        sig(sv),
      ],
    },
    {
      id: 'delivery-note',
      scenario: 'German delivery note (Lieferschein)',
      from: person(mv),
      subject: `Versandbestätigung zu Bestellung ${po('machinery').number}`,
      date: at('2026-02-27', '10:44'),
      unread: false,
      starred: false,
      body: [
        {
          type: 'p',
          text: `Ihre Bestellung ${po('machinery').number} wurde heute versandt. Spedition: DB Schenker, 2 Paletten.`,
        },
        sig(mv),
      ],
    },
    {
      id: 'colleague',
      // Internal e-mails quote no numbers: the overlay takes a message's sender for the vendor of
      // every number in it, which is wrong for colleagues (reported on issue 7).
      scenario: 'a colleague asking about an invoice on hold',
      from: { name: colleague, email: mailOf(colleague) },
      subject: `Can we pay ${lv.name.split(' ')[0]}?`,
      date: at('2026-03-13', '16:05'),
      unread: true,
      starred: false,
      body: [
        {
          type: 'p',
          text: `${BUYER.clerk.split(' ')[0]}, the latest ${lv.name.split(' ')[0]} haulage invoice looks higher than the rate on our purchase order. Can you check before Friday's payment run?`,
        },
        { type: 'p', text: colleague.split(' ')[0] ?? colleague },
      ],
    },
    {
      id: 'month-end',
      scenario: 'internal e-mail with no numbers',
      from: { name: controller, email: mailOf(controller) },
      subject: 'Month-end close: checklist for March',
      date: at('2026-03-15', '18:30'),
      unread: false,
      starred: false,
      body: [
        { type: 'p', text: 'Hi team, accruals are due on the 27th, vendor statements reconciled by the 30th.' },
        { type: 'p', text: 'Please clear invoices on hold before the last payment run.' },
        { type: 'p', text: controller },
      ],
    },
    {
      id: 'newsletter',
      scenario: 'newsletter with no numbers',
      from: { name: 'AP Weekly', email: 'news@apweekly.example' },
      subject: 'Five signs of duplicate billing (and how to catch them)',
      date: at('2026-03-11', '05:00'),
      unread: false,
      starred: false,
      body: [
        { type: 'p', text: 'Duplicate payments cost mid-size companies 0.1 % to 0.5 % of spend every year.' },
        { type: 'p', text: 'This week: near-identical invoice numbers, resent PDFs and vendor-master hygiene.' },
      ],
    },
    {
      id: 'remittance',
      scenario: 'our own remittance advice',
      from: { name: `${BUYER.name} Accounts Payable`, email: `ap@${BUYER.domain}` },
      subject: `Remittance advice – payment to ${paperV.name}`,
      date: at('2026-03-06', '12:00'),
      unread: false,
      starred: false,
      body: [
        {
          type: 'p',
          text: `We paid ${paperV.name} ${paperFirst.totalText} by ACH on ${longDate('2026-03-06', 'en-US')}; the remittance advice is attached.`,
        },
      ],
    },
  ];
  emails.sort((a, b) => (a.date < b.date ? 1 : -1));

  return {
    seed,
    today: TODAY,
    buyer: BUYER,
    vendors,
    pos: pos.map((p) => {
      const invoiced = invoices
        .filter((i) => i.po === p.number)
        .reduce((sum, i) => sum + (i.kind === 'credit_note' ? -i.total : i.total), 0);
      return { ...p, invoiced, status: invoiced >= p.total ? 'Invoiced' : invoiced > 0 ? 'Partly invoiced' : 'Open' };
    }),
    invoices: [...invoices].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)),
    emails,
  };
}

/** One row per PO line, headers as a plain spreadsheet export names them (the importer maps them). */
export function openPosCsv(data: DemoData): string {
  const header = [
    'PO Number',
    'Vendor',
    'Order Date',
    'Currency',
    'Status',
    'Item Code',
    'Description',
    'Quantity',
    'Unit Price',
    'Line Amount',
  ];
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const rows = data.pos.flatMap((p) =>
    p.lines.map((l) => [
      p.number,
      p.vendor,
      p.orderDate,
      p.currency,
      'Open',
      l.sku,
      l.description,
      String(l.quantity),
      plainAmount(l.unitPrice, p.currency),
      plainAmount(l.amount, p.currency),
    ]),
  );
  return `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\n')}\n`;
}

function biomeFormat(path: string, source: string): string {
  const out = spawnSync('npx', ['biome', 'format', `--stdin-file-path=${relative(ROOT, path)}`], {
    cwd: ROOT,
    input: source,
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`biome could not format ${path}: ${out.stderr}`);
  return out.stdout;
}

/** The files the demo serves, path → content. */
export function demoFiles(data = buildDemo()): Record<string, string> {
  const js = `// Generated by dev/seed.ts (seed ${data.seed}); do not edit by hand.\nwindow.TIEOUT_DEMO = ${JSON.stringify(data)};\n`;
  return {
    [join(DEMO_DIR, 'data.js')]: biomeFormat(join(DEMO_DIR, 'data.js'), js),
    [join(DEMO_DIR, 'open-pos.csv')]: openPosCsv(data),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, content] of Object.entries(demoFiles())) {
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {}
      if (current !== content) {
        console.error(`${relative(ROOT, path)} differs from a fresh seeded run.`);
        stale += 1;
      }
    } else {
      writeFileSync(path, content);
      console.log(relative(ROOT, path));
    }
  }
  if (stale) process.exit(1);
}
