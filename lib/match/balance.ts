import type { Document } from '../model/document';
import type { MatchMode } from '../model/settings';
import { lineAmount, matchLines, poLineKey } from './lines';
import type { LineAmounts, LineBalance, PoBalance } from './types';

/** What one invoice, credit note or receipt contributes to one PO. */
export interface Allocation {
  doc: Document;
  /** Minor units of the PO currency (credit notes positive). */
  amount: number;
  /** By PO line index: quantity (absolute), unset where no line of the doc is for it; null without lines. */
  lineQty: number[] | null;
  /** By PO line index: amount in minor units; null without lines. */
  lineAmt: number[] | null;
  /** By line of the document: the PO line it is for (-1: none); null when either has no lines. */
  matched: number[] | null;
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
  let lineQty: number[] | null = null;
  let lineAmt: number[] | null = null;
  let matched: number[] | null = null;
  let matchedAmount = 0;
  let anyMatched = false;
  let anySku = false;
  if (doc.lines.length > 0 && po.lines.length > 0) {
    matched = matchLines(po, doc, multi);
    lineQty = [];
    lineAmt = [];
    for (let j = 0; j < matched.length; j++) {
      const i = matched[j]!;
      const line = doc.lines[j]!;
      if (line.sku !== undefined) anySku = true;
      if (i < 0) continue;
      anyMatched = true;
      if (line.quantity !== undefined) lineQty[i] = (lineQty[i] ?? 0) + Math.abs(line.quantity);
      let amt = lineAmount(line, currency);
      if (amt === undefined) {
        const poUnit = po.lines[i]!.unitPrice;
        if (poUnit && poUnit.currency === currency && line.quantity !== undefined) {
          amt = Math.abs(Math.round(poUnit.minor * line.quantity));
        }
      }
      if (amt !== undefined) {
        lineAmt[i] = (lineAmt[i] ?? 0) + amt;
        matchedAmount += amt;
      }
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
  return { doc, amount, lineQty, lineAmt, matched };
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

/** Sums of allocations, in total and per PO line; quantities stay null until some line states one. */
export class Sums {
  amount = 0;
  quantity: number | null = null;
  lineQty: (number | null)[] = NO_LINES;
  lineAmt: number[] = NO_LINES;
  constructor(n: number, allocs: Allocation[]) {
    for (const a of allocs) {
      this.amount += a.amount;
      const q = a.lineQty;
      const m = a.lineAmt;
      if (!q && !m) continue;
      if (this.lineQty === NO_LINES) {
        this.lineQty = [];
        this.lineAmt = [];
      }
      for (let i = 0; i < n; i++) {
        const qi = q?.[i];
        if (qi !== undefined) {
          this.lineQty[i] = round6((this.lineQty[i] ?? 0) + qi);
          this.quantity = round6((this.quantity ?? 0) + qi);
        }
        const mi = m?.[i];
        if (mi !== undefined) this.lineAmt[i] = (this.lineAmt[i] ?? 0) + mi;
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

/** What a PO's checks read: the sums of its invoices, credit notes and receipts. */
export interface PoSums {
  invoiced: Sums;
  credited: Sums;
  received: Sums;
}

export function sumParts(po: Document, parts: Omit<BalanceParts, 'skippedDocIds'>): PoSums {
  const n = po.lines.length;
  return {
    invoiced: new Sums(n, parts.invoices),
    credited: new Sums(n, parts.creditNotes),
    received: new Sums(n, parts.receipts),
  };
}

/** Ordered, received, invoiced, credited and remaining for one PO, in total and per line. */
export function buildBalance(
  po: Document,
  currency: string,
  mode: MatchMode,
  parts: BalanceParts,
  sums: PoSums = sumParts(po, parts),
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
