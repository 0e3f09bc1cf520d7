/**
 * Detection entry point. Pure: no DOM globals, no browser APIs. Text blocks in (lib/page builds
 * them from a page, a saved .html, an .eml or an XML e-invoice), detections out: each PO, invoice,
 * credit note or goods receipt number with its key, confidence, evidence, span, and the fields found
 * with it (vendor, total, currency, dates, referenced POs).
 */
import type { Detection } from '@/lib/model/detection';
import type { DocKind } from '@/lib/model/document';
import { numberKey } from '@/lib/model/keys';
import { currencyExponent, decimalString, type Money } from '@/lib/model/money';
import { readAmount, readCurrency } from './amounts';
import { type CustomFormat, compileFormats } from './custom';
import { type DayOrder, decideOrder, isoOf, type RawDate, readDate } from './dates';
import { isStillDueLabel } from './lexicon';
import {
  type AmountFact,
  classifyLabel,
  type DateFact,
  emptyFacts,
  type Facts,
  kindFromHeading,
  type NumberFact,
  scanBlock,
} from './scan';
import type { PageContext, TextBlock } from './types';

export type { CustomFormat } from './custom';
export { CustomFormatSchema, validateCustomFormat } from './custom';
export type { PageContext, TextBlock } from './types';
// XML is read through lib/detect/xml.ts itself: its parser stays out of the content script.

export interface DetectOptions {
  /** Vendor number formats from the options page; invalid or unsafe ones are skipped. */
  customFormats?: CustomFormat[];
  /** Page language (BCP 47), used to read `03/04/2025`; defaults to the blocks' context. */
  lang?: string;
  /** Today, for two-digit years. */
  now?: Date;
}

/** Detections at or above this confidence are reported as numbers; below it they are only evidence. */
export const REPORT_THRESHOLD = 0.5;

export function detect(blocks: TextBlock[], options: DetectOptions = {}): Detection[] {
  const now = options.now ?? new Date();
  const context: PageContext = blocks.find((b) => b.context)?.context ?? {};
  const lang = options.lang ?? context.lang;
  const contextKind = kindFromHeading(context.heading) ?? kindFromHeading(context.title);
  const formats = compileFormats(options.customFormats);
  const facts = emptyFacts();
  blocks.forEach((block, i) => {
    scanBlock(i, block, facts, { now, lang, formats, contextKind });
  });
  const numbers = dedupe(facts.numbers);
  applyCreditNoteCode(numbers, facts);
  promoteOnlyReference(numbers, facts, contextKind);
  demoteCorrectedInvoices(numbers);
  demoteReferencedInvoices(numbers);
  ordersOnPurchaseOrders(numbers, facts, contextKind);
  shopOrders(numbers, facts);

  const order = decideOrder(facts.allDates, lang, documentCurrency(facts));
  const doc = documentFields(facts, order, context, lang);
  const poKeys = unique(
    numbers
      .filter((n) => n.kind === 'po' && !n.seller && n.confidence >= REPORT_THRESHOLD)
      .map((n) => keyOf(blocks, n))
      .filter((k): k is string => !!k),
  ).slice(0, 50);
  // A page that is an invoice keeps its total, date and vendor for its own document, never for the
  // PO it quotes: by its invoice number, or by its title when the number itself was missed.
  const titled = facts.titleKind?.kind ?? contextKind;
  const hasInvoice =
    titled === 'invoice' ||
    titled === 'credit_note' ||
    numbers.some((n) => (n.kind === 'invoice' || n.kind === 'credit_note') && !n.seller);

  const cells = new Map<string, Fields>();
  /** The fields of one list cell read on its own, over its row's (see `inCell` below). */
  const cellFields = (b: number, kind: DocKind, rowRecord: Record<string, string>): Fields => {
    const id = `${b}:${kind}`;
    const known = cells.get(id);
    if (known) return known;
    const block = blocks[b] as TextBlock;
    const own = emptyFacts();
    scanBlock(0, block, own, { now, lang, formats, contextKind });
    const mine = documentFields(own, order, {}, lang);
    const f: Fields = { ...rowFields(rowRecord, kind, facts, order, lang, now) };
    if (mine.vendor) f.vendor = mine.vendor;
    if (mine.total) {
      f.total = mine.total;
      f.currency = mine.total.currency;
    }
    if (mine.issueDate) {
      f.issueDate = mine.issueDate;
      if (mine.issueNote) f.issueNote = mine.issueNote;
    }
    if (mine.dueDate) f.dueDate = mine.dueDate;
    const pos = dedupe(own.numbers)
      .filter((m) => m.kind === 'po' && !m.seller && m.confidence >= REPORT_THRESHOLD)
      .map((m) => keyOf([block], m))
      .filter((k): k is string => !!k);
    f.poKeys = unique([...pos, ...(f.poKeys ?? [])]);
    cells.set(id, f);
    return f;
  };

  const out: Detection[] = [];
  for (const n of numbers) {
    const block = blocks[n.block];
    if (!block) continue;
    const number = block.text.slice(n.start, n.end);
    const key = numberKey(number);
    if (!key) continue;
    const d: Detection = {
      kind: n.kind,
      number,
      key,
      confidence: Math.max(0, Math.min(1, n.confidence)),
      evidence: n.evidence.slice(0, 500),
      span: { block: n.block, start: n.start, end: n.end },
    };
    // a row carries its own fields; otherwise the page's fields belong to its invoice, else to all
    const primary = !n.seller && (n.row || !hasInvoice || n.kind === 'invoice' || n.kind === 'credit_note');
    if (primary) {
      const row = n.row ? rowFields(n.row, n.kind, facts, order, lang, now) : undefined;
      // A number in the free text of a list cell ("Invoice 123 for your order P00042", a webmail
      // list's subject) belongs to its row: it takes the vendor, amount and POs of its own cell and
      // row, never those of the other rows (the page's fields are the first row's as much as any).
      const inCell = !n.row && block.role === 'cell' && block.row ? block.row : undefined;
      // A PO on a row that lists the invoice billing it keeps only the vendor; the invoice's poKeys link the two.
      const fields = row?.billed
        ? { vendor: row.vendor }
        : (row ?? (inCell ? cellFields(n.block, n.kind, inCell) : doc));
      if (n.vendor ?? fields.vendor) d.vendor = (n.vendor ?? fields.vendor)?.slice(0, 300);
      if (fields.total) {
        d.total = creditedAmount(n.kind, fields.total);
        d.currency = fields.total.currency;
      } else if (fields.currency) d.currency = fields.currency;
      let issue = fields.issueDate;
      let note = fields.issueNote;
      if (n.date) {
        const iso = isoOf(n.date, order);
        issue = iso.iso;
        note = iso.note;
      }
      if (issue) d.issueDate = issue;
      if (fields.dueDate) d.dueDate = fields.dueDate;
      if (note) d.evidence = `${d.evidence}; ${note}`.slice(0, 500);
      const refs = n.row || inCell ? (fields.poKeys ?? []) : poKeys;
      if (n.kind !== 'po' && refs.length > 0) d.poKeys = refs.filter((k) => k !== key);
      if (d.poKeys?.length === 0) delete d.poKeys;
    }
    out.push(d);
  }
  return out;
}

/**
 * A credit note's amount is what it credits: `-119,00 €` and `119,00 €` print the same credit (the
 * minus is the credit note's sign convention, as in a UBL CreditNote's positive PayableAmount). An
 * invoice keeps its sign: a negative amount due there means the buyer is owed money.
 */
function creditedAmount(kind: DocKind, total: Money): Money {
  return kind === 'credit_note' && total.minor < 0 ? { ...total, minor: -total.minor } : total;
}

function keyOf(blocks: TextBlock[], n: NumberFact): string | undefined {
  const text = blocks[n.block]?.text.slice(n.start, n.end);
  return text ? numberKey(text) || undefined : undefined;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Overlapping findings in one block: the most confident wins, then the longer one. */
function dedupe(numbers: NumberFact[]): NumberFact[] {
  const sorted = [...numbers].sort((a, b) => a.block - b.block || a.start - b.start || b.end - a.end);
  const out: NumberFact[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last.block === n.block && n.start < last.end) {
      if (n.confidence > last.confidence) out[out.length - 1] = n;
      continue;
    }
    out.push(n);
  }
  return out;
}

function applyCreditNoteCode(numbers: NumberFact[], facts: Facts): void {
  if (!facts.creditNoteCode) return;
  for (const n of numbers) {
    if (n.exact && n.kind === 'invoice') {
      n.kind = 'credit_note';
      n.evidence += `; type code ${facts.creditNoteCode} is a credit note`;
    }
  }
}

/**
 * A booking confirmation or payment receipt whose only reference is a seller-side booking/order
 * ID: that ID is the document's number (what the clerk files it under), with modest confidence.
 */
function promoteOnlyReference(numbers: NumberFact[], facts: Facts, contextKind: DocKind | undefined): void {
  const strong = numbers.some(
    (n) => (n.kind === 'invoice' || n.kind === 'credit_note') && n.confidence >= REPORT_THRESHOLD,
  );
  if (strong) return;
  const title = facts.titleKind ?? (contextKind ? { kind: contextKind, evidence: 'page heading' } : undefined);
  if (title?.kind !== 'invoice') return;
  const seller = numbers.filter((n) => n.seller);
  if (seller.length !== 1 || numbers.some((n) => !n.seller && n.confidence >= REPORT_THRESHOLD)) return;
  const only = seller[0];
  if (!only) return;
  only.kind = 'invoice';
  only.seller = false;
  only.confidence = 0.55;
  only.evidence += `; the only reference on a ${title.evidence}, so it is taken as the document number`;
}

/**
 * On a credit note, the invoice numbers printed are the invoices it corrects, not documents of their
 * own: they stay as evidence (below the report threshold) so the credit note is what is reported.
 */
function demoteCorrectedInvoices(numbers: NumberFact[]): void {
  const credit = numbers.some((n) => n.kind === 'credit_note' && n.confidence >= REPORT_THRESHOLD);
  if (!credit) return;
  for (const n of numbers) {
    if (n.kind !== 'invoice' || n.exact || n.confidence < REPORT_THRESHOLD) continue;
    n.confidence = 0.4;
    n.evidence += '; an invoice the credit note on this page refers to';
  }
}

/**
 * An invoice number printed inside a priced line (`abzgl. Abschlagsrechnung Nr. 2024-17  -3.200,00`,
 * `Reeds gefactureerd (voorschotfactuur 2024.0301)  -1.500,00`) is an earlier invoice the line
 * items or totals deduct or refer to, when the page has its own number outside such lines: it stays
 * as evidence. A statement, whose every invoice is on a priced line, keeps them all.
 */
function demoteReferencedInvoices(numbers: NumberFact[]): void {
  const own = numbers.some(
    (n) =>
      (n.kind === 'invoice' || n.kind === 'credit_note') &&
      !n.seller &&
      !n.inPricedLine &&
      n.confidence >= REPORT_THRESHOLD,
  );
  if (!own) return;
  for (const n of numbers) {
    if (!n.inPricedLine || n.confidence < REPORT_THRESHOLD) continue;
    n.confidence = 0.4;
    n.evidence += '; an earlier invoice referred to in a priced line, not this document';
  }
}

/**
 * On a document titled "Purchase Order" (the buyer's own PO, an ERP record), "Order No." is that
 * purchase order's number, not a seller's order.
 */
function ordersOnPurchaseOrders(numbers: NumberFact[], facts: Facts, contextKind: DocKind | undefined): void {
  const title = facts.titleKind ?? (contextKind ? { kind: contextKind, evidence: 'page heading' } : undefined);
  if (title?.kind !== 'po') return;
  for (const n of numbers) {
    if (!n.seller || n.kind !== 'po' || !n.plainOrder) continue;
    n.seller = false;
    n.confidence = 0.75;
    n.evidence = `${n.evidence.replace(/; not a purchase order unless the buyer issued it|; seller-side order number, not a purchase order unless the buyer issued it/, '')}; the order number of a ${title.evidence}`;
  }
}

/**
 * On a shop's retail page (it thanks for the order, or offers free shipping), an order number whose
 * label names no owner (`Bestellnummer`, `Número de pedido`, `Commande n°`) is the shop's own order
 * number: the consumer placed the order in the shop's system, no buyer issued a PO. It stays as
 * low-confidence evidence. A label that names the buyer (`Ihre Bestellnummer`, `Customer PO`) keeps
 * its PO.
 */
function shopOrders(numbers: NumberFact[], facts: Facts): void {
  if (!facts.shopCue) return;
  for (const n of numbers) {
    if (n.kind !== 'po' || n.seller || !n.ownerless) continue;
    n.seller = true;
    n.confidence = 0.3;
    n.evidence += `; the shop's own order number on a retail page ("${facts.shopCue}")`;
  }
}

interface Fields {
  vendor?: string;
  total?: Money;
  currency?: string;
  issueDate?: string;
  issueNote?: string;
  dueDate?: string;
  poKeys?: string[];
  /**
   * The row also lists an invoice or credit note number: its amount and dates are that document's
   * (it bills the PO on the row), so the row's other numbers do not take them.
   */
  billed?: boolean;
}

function bestAmount(amounts: AmountFact[]): AmountFact | undefined {
  let best: AmountFact | undefined;
  for (const a of amounts) if (!best || a.rank > best.rank || (a.rank === best.rank && a.pos > best.pos)) best = a;
  return best;
}

function isZero(a: AmountFact): boolean {
  return /^-?0*(\.0*)?$/.test(a.decimal);
}

/**
 * The document's total: the amount due or the tax-inclusive total, by label rank (then the last
 * printed). Never a net, tax or paid amount. An amount due of zero when a non-zero total is
 * printed means the invoice was paid in advance: its total is that total. A receipt that prints
 * only what was paid has that as its total.
 */
export function chooseTotal(amounts: AmountFact[]): AmountFact | undefined {
  const totals = amounts.filter((a) => !a.role);
  let best = bestAmount(totals);
  if (best && isZero(best)) best = bestAmount(totals.filter((a) => !isZero(a) && a.rank >= 1)) ?? best;
  return best ?? bestAmount(amounts.filter((a) => a.role === 'paid'));
}

function bestDate(dates: DateFact[], role: 'issue' | 'due'): DateFact | undefined {
  let best: DateFact | undefined;
  for (const d of dates) if (d.role === role && (!best || d.rank > best.rank)) best = d;
  return best;
}

function toMoney(decimal: string, currency: string | undefined): Money | undefined {
  if (!currency) return undefined;
  const parts = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!parts) return undefined;
  const exp = currencyExponent(currency);
  const frac = (parts[3] ?? '').padEnd(exp, '0');
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) return undefined;
  const minor = Number((parts[2] ?? '0') + frac.slice(0, exp));
  if (!Number.isSafeInteger(minor)) return undefined;
  return { minor: parts[1] ? -minor : minor, currency };
}

/** Currencies of the countries whose IBAN a domestic invoice prints without naming its currency. */
const IBAN_CURRENCY: Record<string, string> = {
  AT: 'EUR',
  BE: 'EUR',
  CY: 'EUR',
  DE: 'EUR',
  EE: 'EUR',
  ES: 'EUR',
  FI: 'EUR',
  FR: 'EUR',
  GR: 'EUR',
  HR: 'EUR',
  IE: 'EUR',
  IT: 'EUR',
  LT: 'EUR',
  LU: 'EUR',
  LV: 'EUR',
  MT: 'EUR',
  NL: 'EUR',
  PT: 'EUR',
  SI: 'EUR',
  SK: 'EUR',
  CH: 'CHF',
  LI: 'CHF',
  GB: 'GBP',
  PL: 'PLN',
  CZ: 'CZK',
  DK: 'DKK',
  SE: 'SEK',
  NO: 'NOK',
  HU: 'HUF',
};

/**
 * The page's currency: the one it names as such, else the one printed most, else (a domestic
 * invoice that prints bare figures) the currency of the country of the IBAN it asks to be paid to.
 */
function documentCurrency(facts: Facts): string | undefined {
  if (facts.explicitCurrency) return facts.explicitCurrency;
  let best: string | undefined;
  let count = 0;
  for (const [code, c] of facts.currencies) if (c > count) [best, count] = [code, c];
  return best ?? (facts.ibanCountry ? IBAN_CURRENCY[facts.ibanCountry] : undefined);
}

function documentFields(
  facts: Facts,
  order: { order: DayOrder; reason: string },
  context: PageContext,
  _lang?: string,
): Fields {
  const f: Fields = {};
  const currency = documentCurrency(facts);
  const total = chooseTotal(facts.amounts);
  if (total) {
    const m = toMoney(total.decimal, total.currency ?? currency);
    if (m) f.total = m;
  }
  f.currency = f.total?.currency ?? currency;
  const issue = bestDate(facts.dates, 'issue');
  if (issue) {
    const iso = isoOf(issue.raw, order);
    f.issueDate = iso.iso;
    f.issueNote = iso.note;
  }
  const due = bestDate(facts.dates, 'due');
  if (due) f.dueDate = isoOf(due.raw, order).iso;
  f.vendor = chooseVendor(facts, context);
  return f;
}

/**
 * The vendor is the seller, chosen by role: a name the page labels as the seller (or heads a
 * seller block), else the company printed most with seller evidence (its legal or bank details)
 * outside every buyer block, else the payee of the bank details or the name of a sender line,
 * else the e-mail's sender, else the letterhead. A company printed only inside buyer blocks is
 * never chosen.
 */
function chooseVendor(facts: Facts, context: PageContext): string | undefined {
  const buyerOnly = new Set<string>();
  for (const [key, l] of facts.legalNames) if (l.buyer > 0 && l.buyer >= l.count) buyerOnly.add(key);
  const allowed = (name: string): boolean => !buyerOnly.has(name.toUpperCase().replace(/[^\p{L}\d]+/gu, ''));
  const best = (min: number): string | undefined => {
    let top: { name: string; rank: number } | undefined;
    for (const v of facts.vendors) if (v.rank >= min && allowed(v.name) && (!top || v.rank > top.rank)) top = v;
    return top?.name;
  };
  const labelled = best(2);
  if (labelled) return labelled;
  let legal: { name: string; score: number; first: number } | undefined;
  for (const l of facts.legalNames.values()) {
    const outside = l.count - l.buyer;
    if (outside <= 0) continue;
    const score = outside + 2 * l.seller;
    if (!legal || score > legal.score || (score === legal.score && l.first < legal.first))
      legal = { name: l.name, score, first: l.first };
  }
  if (legal) return legal.name;
  return best(1) ?? vendorFromSender(context.sender) ?? best(0);
}

/** Mailbox words that name a department, not the company: "Acme Billing" is Acme. */
const ROLE_WORDS =
  /\b(billing|accounts?( receivable| payable)?|invoices?|invoicing|receivables|payments?|finance|notifications?|no-?reply|do not reply|team|support|service|customer service|rechnungen|rechnungsstelle|buchhaltung|facturation|factures|comptabilit[eé]|facturaci[oó]n|contabilidad|fatturazione|amministrazione|facturatie|administratie|debiteuren|faturamento)\b/gi;

const PUBLIC_MAIL =
  /^(gmail|googlemail|outlook|hotmail|live|yahoo|icloud|me|aol|gmx|web|t-online|orange|free|libero|proton|protonmail|mail)$/i;

function vendorFromSender(sender: PageContext['sender']): string | undefined {
  const name = (sender?.name ?? '')
    .replace(/["']/g, '')
    .replace(ROLE_WORDS, ' ')
    .replace(/[\s\-–|,:]+/g, ' ')
    .trim();
  if (name.length >= 2) return name;
  // only a role mailbox ("Billing <billing@acme.example>"): the company is the mail domain
  const domain = sender?.address?.split('@')[1]?.toLowerCase();
  const labels = domain?.split('.') ?? [];
  const org = labels.length >= 2 ? labels[labels.length - 2] : undefined;
  if (!org || PUBLIC_MAIL.test(org) || org.length < 2) return undefined;
  // `globex-components` → `Globex Components`, as the page adapters name it
  return org
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** Fields from the other cells of a table row (a supplier portal's list page). */
function rowFields(
  row: Record<string, string>,
  kind: DocKind,
  facts: Facts,
  order: { order: DayOrder; reason: string },
  lang: string | undefined,
  now: Date,
): Fields {
  const f: Fields = {};
  const currency = documentCurrency(facts);
  let totalRank = 0;
  /** A column of what is still to pay: the row's total only when the row prints no other. */
  let stillDue: Money | undefined;
  const pos: string[] = [];
  // for…in rather than Object.entries: an array per row entry, for every cell of a long list.
  for (const header in row) {
    const value = row[header] ?? '';
    const c = classifyLabel(header);
    if (!c) {
      // A cell of free text that quotes the row's PO ("PO 9" under Description).
      pos.push(...posInCell(header, value, now, lang));
      continue;
    }
    if (c.cls.type === 'total' && (c.cls.rank > totalRank || isStillDueLabel(header))) {
      const a = firstIn(value, (t, i) => readAmount(t, i, lang));
      const m = a ? toMoney(a.decimal, a.currency ?? currency) : undefined;
      if (m && isStillDueLabel(header)) stillDue ??= m;
      else if (m) {
        f.total = m;
        totalRank = c.cls.rank;
      }
    } else if (
      c.cls.type === 'date' &&
      (c.cls.role !== 'other' || (kind === 'po' && /order|bestell|commande|pedido|ordine/i.test(header)))
    ) {
      // on a PO list the order date is the PO's own date
      const role = c.cls.role === 'other' ? 'issue' : c.cls.role;
      const d = firstIn(value, (t, i) => readDate(t, i, now));
      if (d) {
        const iso = isoOf(d as RawDate, order);
        if (role === 'issue' && !f.issueDate) {
          f.issueDate = iso.iso;
          f.issueNote = iso.note;
        }
        if (role === 'due') f.dueDate = iso.iso;
      }
    } else if (c.cls.type === 'vendor') {
      const name = value.replace(/\s+/g, ' ').trim();
      if (name) f.vendor = name.slice(0, 300);
    } else if (c.cls.type === 'currency') {
      const cur = readCurrency(value.trim(), 0, lang);
      if (cur) f.currency = cur.code;
    } else if (c.cls.type === 'number' && c.cls.kind === 'po' && !c.cls.seller) {
      const key = numberKey(firstWordOf(value));
      if (key && /\d/.test(key)) pos.push(key);
    } else if (
      c.cls.type === 'number' &&
      (c.cls.kind === 'invoice' || c.cls.kind === 'credit_note') &&
      !c.cls.seller &&
      kind !== 'invoice' &&
      kind !== 'credit_note'
    ) {
      const key = numberKey(firstWordOf(value));
      if (key && /\d/.test(key)) f.billed = true;
    }
  }
  f.total ??= stillDue;
  if (f.total && f.currency && f.total.currency !== f.currency) f.total = toMoney(decimalString(f.total), f.currency);
  f.currency ??= f.total?.currency ?? currency;
  f.poKeys = pos;
  return f;
}

/** The POs quoted by a short cell of free text, read as the cell's own labelled value. */
function posInCell(header: string, value: string, now: Date, lang: string | undefined): string[] {
  if (value.length > 80 || !/\d/.test(value) || !/\p{L}/u.test(value)) return [];
  const block: TextBlock = { text: value, role: 'cell', label: header };
  const facts = emptyFacts();
  scanBlock(0, block, facts, { now, lang, formats: [] });
  return dedupe(facts.numbers)
    .filter((n) => n.kind === 'po' && !n.seller && n.confidence >= REPORT_THRESHOLD)
    .map((n) => keyOf([block], n))
    .filter((k): k is string => !!k);
}

/** The first whitespace-delimited word of a value, as `value.trim().split(/\s+/)[0]`, without the array. */
function firstWordOf(value: string): string {
  const t = value.trim();
  const space = t.search(/\s/);
  return space < 0 ? t : t.slice(0, space);
}

function firstIn<T>(text: string, read: (t: string, i: number) => T | undefined): T | undefined {
  for (let i = 0; i < text.length && i < 120; i++) {
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    if ((prev >= 48 && prev <= 57) || (prev >= 65 && prev <= 90) || (prev >= 97 && prev <= 122)) continue;
    const r = read(text, i);
    if (r) return r;
  }
  return undefined;
}
