import type { Document, Line } from '@/lib/model/document';
import type { MatchMode } from '@/lib/model/settings';
import { lineAmount, matchLines, poLineKey } from './lines';
import { keepShape } from './shapes';
import type { LineAmounts, LineBalance, PoBalance } from './types';

/**
 * What one invoice, credit note or receipt contributes to one PO. Per-line figures are read through
 * `matched` (lineQuantity, Sums) rather than kept in arrays of their own: a full re-match allocates
 * hundreds of thousands of these, and two more arrays each were a third of all it allocated.
 */
export interface Allocation {
  doc: Document;
  /** Minor units of the PO currency (credit notes positive). */
  amount: number;
  /** By line of the document: the PO line it is for (-1: none); null when either has no lines. */
  matched: number[] | null;
}

/** The quantity (absolute) `a`'s lines put on PO line `i`; undefined when none of them states one for it. */
export function lineQuantity(a: Allocation, i: number): number | undefined {
  const m = a.matched;
  if (!m) return undefined;
  let sum: number | undefined;
  for (let j = 0; j < m.length; j++) {
    const q = m[j] === i ? a.doc.lines[j]!.quantity : undefined;
    if (q !== undefined) sum = (sum ?? 0) + Math.abs(q);
  }
  return sum;
}

/** Whether some line of `a` states a quantity for a line of the PO. */
export function hasLineQuantities(a: Allocation): boolean {
  const m = a.matched;
  if (!m) return false;
  for (let j = 0; j < m.length; j++) if (m[j]! >= 0 && a.doc.lines[j]!.quantity !== undefined) return true;
  return false;
}

/** The amount of `line` (of a document) on PO line `poLine`: its own, else its quantity at the PO's unit price. */
function amountOnPoLine(line: Line, po: Document, poLine: number, currency: string): number | undefined {
  const amt = lineAmount(line, currency);
  if (amt !== undefined) return amt;
  const poUnit = po.lines[poLine]!.unitPrice;
  if (poUnit && poUnit.currency === currency && line.quantity !== undefined) {
    return Math.abs(Math.round(poUnit.minor * line.quantity));
  }
  return undefined;
}

/** The PO's currency: its total's, else its first priced line's. */
export function poCurrency(po: Document): string | undefined {
  if (po.total) return po.total.currency;
  for (const l of po.lines) {
    const c = l.amount?.currency ?? l.unitPrice?.currency;
    if (c) return c;
  }
  return undefined;
}

/** The currency a document's amounts are in, if it states any. */
export function docCurrency(doc: Document): string | undefined {
  return poCurrency(doc);
}

/** The ordered amount: the PO total, else the sum of its line amounts; undefined when neither is known. */
export function orderedAmount(po: Document, currency: string): number | undefined {
  if (po.total) return po.total.minor;
  let sum = 0;
  let any = false;
  for (const l of po.lines) {
    const a = lineAmount(l, currency);
    if (a !== undefined) {
      sum += a;
      any = true;
    }
  }
  return any ? sum : undefined;
}

/**
 * How much of `doc` falls on `po`. A document referencing one PO gives it all; one referencing
 * several gives each PO the lines whose SKU is on it (lines with SKUs elsewhere give it nothing), and
 * without SKU lines an even share of its total (largest remainder, in key order), so that every PO
 * group can be decided without loading the others.
 */
export function allocate(po: Document, doc: Document, currency: string, docPoKeys: readonly string[]): Allocation {
  let multi = false;
  for (let i = 1; i < docPoKeys.length; i++) if (docPoKeys[i] !== docPoKeys[0]) multi = true;
  let matched: number[] | null = null;
  let matchedAmount = 0;
  let anyMatched = false;
  let anySku = false;
  if (doc.lines.length > 0 && po.lines.length > 0) {
    matched = matchLines(po, doc, multi);
    for (let j = 0; j < matched.length; j++) {
      const i = matched[j]!;
      const line = doc.lines[j]!;
      if (line.sku !== undefined) anySku = true;
      if (i < 0) continue;
      anyMatched = true;
      matchedAmount += amountOnPoLine(line, po, i, currency) ?? 0;
    }
  } else {
    for (const l of doc.lines) if (l.sku !== undefined) anySku = true;
  }
  let amount: number;
  const total = doc.total && doc.total.currency === currency ? Math.abs(doc.total.minor) : undefined;
  if (!multi) {
    amount = total ?? matchedAmount;
  } else if (anyMatched || anySku) {
    // Lines with SKUs say which PO they are for: none here means none of it is for this PO.
    amount = matchedAmount;
  } else {
    const keys = [...new Set(docPoKeys)].sort();
    const t = total ?? 0;
    const n = keys.length;
    const base = Math.floor(t / n);
    const rem = t - base * n;
    amount = base + (keys.indexOf(po.key) < rem ? 1 : 0);
  }
  return { doc, amount, matched };
}

export interface BalanceParts {
  invoices: Allocation[];
  creditNotes: Allocation[];
  receipts: Allocation[];
  skippedDocIds: string[];
}

/**
 * Nothing: shared by every line with no receipt, credit or invoice (most of them), so a full run does
 * not allocate — and the collector copy — hundreds of thousands of identical objects. Frozen.
 */
const NONE: LineAmounts = Object.freeze({ quantity: null, amount: 0 }) as LineAmounts;

/** Shared by every Sums no allocation with lines went into (most credited and received sums). Never written. */
const NO_LINES: never[] = Object.freeze([]) as never[];

/**
 * Sums of allocations, in total and per PO line; quantities stay null until some line states one.
 * Per-line amounts only `withAmounts` (balances read them; the checks read quantities only).
 */
export class Sums {
  amount = 0;
  quantity: number | null = null;
  lineQty: (number | null)[] = NO_LINES;
  lineAmt: number[] = NO_LINES;
  constructor(po: Document, currency: string, allocs: Allocation[], withAmounts: boolean) {
    for (const a of allocs) {
      this.amount += a.amount;
      const m = a.matched;
      if (!m) continue;
      const lines = a.doc.lines;
      for (let j = 0; j < m.length; j++) {
        const i = m[j]!;
        if (i < 0) continue;
        if (this.lineQty === NO_LINES) {
          this.lineQty = [];
          this.lineAmt = [];
        }
        const q = lines[j]!.quantity;
        if (q !== undefined) {
          this.lineQty[i] = round6((this.lineQty[i] ?? 0) + Math.abs(q));
          this.quantity = round6((this.quantity ?? 0) + Math.abs(q));
        }
        if (!withAmounts) continue;
        const amt = amountOnPoLine(lines[j]!, po, i, currency);
        if (amt !== undefined) this.lineAmt[i] = (this.lineAmt[i] ?? 0) + amt;
      }
    }
  }
  line(i: number): LineAmounts {
    const quantity = this.lineQty[i] ?? null;
    const amount = this.lineAmt[i] ?? 0;
    return quantity === null && amount === 0 ? NONE : { quantity, amount };
  }
  total(): LineAmounts {
    return this.quantity === null && this.amount === 0 ? NONE : { quantity: this.quantity, amount: this.amount };
  }
}

keepShape(new Sums({ lines: [] as Line[] } as Document, 'XXX', [], false));

/** What a PO's checks read: the sums of its invoices, credit notes and receipts. */
export interface PoSums {
  invoiced: Sums;
  credited: Sums;
  received: Sums;
}

export function sumParts(
  po: Document,
  currency: string,
  parts: Omit<BalanceParts, 'skippedDocIds'>,
  withAmounts = true,
): PoSums {
  return {
    invoiced: new Sums(po, currency, parts.invoices, withAmounts),
    credited: new Sums(po, currency, parts.creditNotes, withAmounts),
    received: new Sums(po, currency, parts.receipts, withAmounts),
  };
}

/** Ordered, received, invoiced, credited and remaining for one PO, in total and per line. */
export function buildBalance(
  po: Document,
  currency: string,
  mode: MatchMode,
  parts: BalanceParts,
  sums: PoSums = sumParts(po, currency, parts),
): PoBalance {
  const n = po.lines.length;
  const { invoiced: inv, credited: cred, received: rec } = sums;
  const lines: LineBalance[] = new Array(n);
  let orderedQty: number | null = null;
  for (let i = 0; i < n; i++) {
    const l = po.lines[i]!;
    if (l.quantity !== undefined) orderedQty = round6((orderedQty ?? 0) + l.quantity);
    const ordered = { quantity: l.quantity ?? null, amount: lineAmount(l, currency) ?? 0 };
    const invoiced = inv.line(i);
    const credited = cred.line(i);
    const lb: LineBalance = {
      lineKey: poLineKey(l, i),
      ordered,
      received: rec.line(i),
      invoiced,
      credited,
      remaining: remainingOf(ordered, invoiced, credited),
    };
    if (l.sku !== undefined) lb.sku = l.sku;
    if (l.description !== undefined) lb.description = l.description;
    if (l.unitPrice && l.unitPrice.currency === currency) lb.unitPrice = l.unitPrice.minor;
    lines[i] = lb;
  }
  const ordered = { quantity: orderedQty, amount: orderedAmount(po, currency) ?? 0 };
  const invoiced = inv.total();
  const credited = cred.total();
  const counted: string[] = [];
  for (const a of parts.invoices) counted.push(a.doc.id);
  for (const a of parts.creditNotes) counted.push(a.doc.id);
  for (const a of parts.receipts) counted.push(a.doc.id);
  return {
    poKey: po.key,
    poId: po.id,
    currency,
    mode,
    ordered,
    received: rec.total(),
    invoiced,
    credited,
    remaining: remainingOf(ordered, invoiced, credited),
    lines,
    countedDocIds: counted.length > 1 ? counted.sort() : counted,
    skippedDocIds: parts.skippedDocIds.length > 1 ? [...parts.skippedDocIds].sort() : parts.skippedDocIds,
  };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function remainingOf(ordered: LineAmounts, invoiced: LineAmounts, credited: LineAmounts): LineAmounts {
  const q =
    ordered.quantity === null ? null : round6(ordered.quantity - (invoiced.quantity ?? 0) + (credited.quantity ?? 0));
  return { quantity: q, amount: ordered.amount - invoiced.amount + credited.amount };
}
