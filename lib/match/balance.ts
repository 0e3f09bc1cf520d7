import type { Document } from '../model/document';
import type { MatchMode } from '../model/settings';
import { lineAmount, matchLines, poLineKey } from './lines';
import type { LineAmounts, LineBalance, PoBalance } from './types';

/** What one invoice, credit note or receipt contributes to one PO. */
export interface Allocation {
  doc: Document;
  /** Minor units of the PO currency (credit notes positive). */
  amount: number;
  /** PO line index → quantity (absolute). */
  lineQty: Map<number, number>;
  /** PO line index → amount, minor units. */
  lineAmt: Map<number, number>;
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
 * several gives each the lines whose SKU is on that PO, or else an even share of its total (largest
 * remainder, in key order), so that every PO group can be decided without loading the others.
 */
export function allocate(po: Document, doc: Document, currency: string, docPoKeys: readonly string[]): Allocation {
  const keys = docPoKeys.length > 0 ? [...new Set(docPoKeys)].sort() : [po.key];
  const multi = keys.length > 1;
  const matched = matchLines(po, doc, multi);
  const lineQty = new Map<number, number>();
  const lineAmt = new Map<number, number>();
  let matchedAmount = 0;
  let anyMatched = false;
  for (let j = 0; j < matched.length; j++) {
    const i = matched[j] ?? -1;
    const line = doc.lines[j];
    if (i < 0 || !line) continue;
    anyMatched = true;
    if (line.quantity !== undefined) lineQty.set(i, (lineQty.get(i) ?? 0) + Math.abs(line.quantity));
    const poUnit = po.lines[i]?.unitPrice;
    const amt =
      lineAmount(line, currency) ??
      (poUnit && poUnit.currency === currency && line.quantity !== undefined
        ? Math.abs(Math.round(poUnit.minor * line.quantity))
        : undefined);
    if (amt !== undefined) {
      lineAmt.set(i, (lineAmt.get(i) ?? 0) + amt);
      matchedAmount += amt;
    }
  }
  let amount: number;
  const total = doc.total && doc.total.currency === currency ? Math.abs(doc.total.minor) : undefined;
  if (!multi) {
    amount = total ?? matchedAmount;
  } else if (anyMatched) {
    amount = matchedAmount;
  } else {
    const t = total ?? 0;
    const n = keys.length;
    const base = Math.floor(t / n);
    const rem = t - base * n;
    amount = base + (keys.indexOf(po.key) < rem ? 1 : 0);
  }
  return { doc, amount, lineQty, lineAmt };
}

function amounts(quantity: number | null, amount: number): LineAmounts {
  return { quantity, amount };
}

function addQty(a: number | null, b: number | undefined): number | null {
  if (b === undefined) return a;
  return round6((a ?? 0) + b);
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export interface BalanceParts {
  invoices: Allocation[];
  creditNotes: Allocation[];
  receipts: Allocation[];
  skippedDocIds: string[];
}

/** Ordered, received, invoiced, credited and remaining for one PO, in total and per line. */
export function buildBalance(po: Document, currency: string, mode: MatchMode, parts: BalanceParts): PoBalance {
  const lines: LineBalance[] = po.lines.map((l, i) => {
    const orderedAmt = lineAmount(l, currency) ?? 0;
    const lb: LineBalance = {
      lineKey: poLineKey(l, i),
      ordered: amounts(l.quantity ?? null, orderedAmt),
      received: amounts(null, 0),
      invoiced: amounts(null, 0),
      credited: amounts(null, 0),
      remaining: amounts(null, 0),
    };
    if (l.sku !== undefined) lb.sku = l.sku;
    if (l.description !== undefined) lb.description = l.description;
    if (l.unitPrice && l.unitPrice.currency === currency) lb.unitPrice = l.unitPrice.minor;
    return lb;
  });
  const sum = (allocs: Allocation[], field: 'received' | 'invoiced' | 'credited'): LineAmounts => {
    let amount = 0;
    let quantity: number | null = null;
    for (const a of allocs) {
      amount += a.amount;
      for (const [i, q] of a.lineQty) {
        const lb = lines[i];
        if (!lb) continue;
        lb[field] = amounts(addQty(lb[field].quantity, q), lb[field].amount);
        quantity = addQty(quantity, q);
      }
      for (const [i, m] of a.lineAmt) {
        const lb = lines[i];
        if (lb) lb[field] = amounts(lb[field].quantity, lb[field].amount + m);
      }
    }
    return amounts(quantity, amount);
  };
  const invoiced = sum(parts.invoices, 'invoiced');
  const credited = sum(parts.creditNotes, 'credited');
  const received = sum(parts.receipts, 'received');
  let orderedQty: number | null = null;
  for (const l of po.lines) orderedQty = addQty(orderedQty, l.quantity);
  const ordered = amounts(orderedQty, orderedAmount(po, currency) ?? 0);
  for (const lb of lines) lb.remaining = remainingOf(lb.ordered, lb.invoiced, lb.credited);
  const counted = [...parts.invoices, ...parts.creditNotes, ...parts.receipts].map((a) => a.doc.id).sort();
  return {
    poKey: po.key,
    poId: po.id,
    currency,
    mode,
    ordered,
    received,
    invoiced,
    credited,
    remaining: remainingOf(ordered, invoiced, credited),
    lines,
    countedDocIds: counted,
    skippedDocIds: [...parts.skippedDocIds].sort(),
  };
}

function remainingOf(ordered: LineAmounts, invoiced: LineAmounts, credited: LineAmounts): LineAmounts {
  const q =
    ordered.quantity === null ? null : round6(ordered.quantity - (invoiced.quantity ?? 0) + (credited.quantity ?? 0));
  return amounts(q, ordered.amount - invoiced.amount + credited.amount);
}
