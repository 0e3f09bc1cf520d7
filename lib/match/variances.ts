/**
 * Line checks of one PO: `price_variance` (an invoice's unit price above the PO's beyond tolerance),
 * `quantity_variance` (invoiced beyond ordered, or in 3-way beyond received) and `missing_receipt`.
 */
import type { Document } from '@/lib/model/document';
import type { Tolerance } from '@/lib/model/settings';
import { type Allocation, hasLineQuantities, lineQuantity, type PoSums } from './balance';
import { docLabel, listLabels, money } from './describe';
import type { Finding } from './finding';
import {
  describeMoneyTolerance,
  describeQuantityTolerance,
  formatNumber,
  percentOf,
  withinMoneyTolerance,
  withinQuantityTolerance,
} from './tolerance';

/** Ids of the documents with a quantity on PO line `i`. */
function docsOnLine(allocs: Allocation[], i: number): string[] {
  const ids: string[] = [];
  for (const a of allocs) if (lineQuantity(a, i) !== undefined) ids.push(a.doc.id);
  return ids;
}

function lineName(po: Document, i: number): string {
  const l = po.lines[i];
  return l?.sku ?? l?.description ?? `line ${i + 1}`;
}

/** Each invoice's unit prices against the PO's, one exception per invoice naming the worst line. */
export function checkPrices(
  po: Document,
  invAllocs: Allocation[],
  currency: string,
  tol: Tolerance,
  findings: Finding[],
): void {
  for (const a of invAllocs) {
    const inv = a.doc;
    // The lines as allocate() matched them to this PO's.
    const matched = a.matched;
    if (!matched) continue;
    let worst: { i: number; over: number; base: number; unit: number } | undefined;
    let count = 0;
    for (let j = 0; j < matched.length; j++) {
      const i = matched[j] ?? -1;
      const invUnit = inv.lines[j]?.unitPrice;
      const poUnit = po.lines[i]?.unitPrice;
      if (i < 0 || !invUnit || !poUnit || invUnit.currency !== currency || poUnit.currency !== currency) continue;
      const over = invUnit.minor - poUnit.minor;
      if (over > 0 && !withinMoneyTolerance(tol, over, poUnit.minor, currency)) {
        count++;
        // Worst by ratio, compared by cross-multiplication to stay in integers.
        if (!worst || over * worst.base > worst.over * poUnit.minor) {
          worst = { i, over, base: poUnit.minor, unit: invUnit.minor };
        }
      }
    }
    if (!worst) continue;
    const more = count > 1 ? ` (and ${count - 1} more ${count - 1 === 1 ? 'line' : 'lines'})` : '';
    findings.push({
      type: 'price_variance',
      severity: 'medium',
      poKey: po.key,
      docIds: [po.id, inv.id],
      message:
        `${docLabel(inv)} charges ${money(worst.unit, currency)} a unit for ${lineName(po, worst.i)}, ` +
        `${money(worst.over, currency)} (${percentOf(worst.over, worst.base)}) above PO ${po.number} ` +
        `(${money(worst.base, currency)})${more}; tolerance ${describeMoneyTolerance(tol, currency)}`,
    });
  }
}

/**
 * Invoiced quantity (less credited) against ordered, and in 3-way against received; in 3-way an
 * invoice with nothing received is `missing_receipt`. Receipts without lines prove delivery but not
 * quantities, so they satisfy `missing_receipt` and skip the received-quantity check.
 */
export function checkQuantities(
  po: Document,
  sums: PoSums,
  currency: string,
  invAllocs: Allocation[],
  rcAllocs: Allocation[],
  mode: '2way' | '3way',
  tol: Tolerance,
  findings: Finding[],
): void {
  if (invAllocs.length === 0) return;
  // Filled only when a line is off: most POs have nothing to report.
  const problems: string[] = [];
  let involved: Set<string> | undefined;
  let receiptLines = false;
  for (const a of rcAllocs) if (hasLineQuantities(a)) receiptLines = true;
  const missing: string[] = [];
  let missingIds: Set<string> | undefined;
  for (let i = 0; i < po.lines.length; i++) {
    const invoiced = sums.invoiced.lineQty[i] ?? null;
    const net = (invoiced ?? 0) - (sums.credited.lineQty[i] ?? 0);
    if (invoiced === null || net <= 0) continue;
    const ordered = po.lines[i]!.quantity ?? null;
    if (ordered !== null && net <= ordered && (mode !== '3way' || !receiptLines)) continue;
    const name = lineName(po, i);
    if (ordered !== null && net > ordered && !withinQuantityTolerance(tol, net - ordered, ordered)) {
      problems.push(`${formatNumber(net)} invoiced of ${formatNumber(ordered)} ordered on ${name}`);
      involved ??= new Set();
      for (const id of docsOnLine(invAllocs, i)) involved.add(id);
    }
    if (mode !== '3way' || !receiptLines) continue;
    const received = sums.received.lineQty[i] ?? 0;
    if (received <= 0) {
      missing.push(`${formatNumber(net)} of ${name}`);
      missingIds ??= new Set();
      for (const id of docsOnLine(invAllocs, i)) missingIds.add(id);
    } else if (net > received && !withinQuantityTolerance(tol, net - received, received)) {
      problems.push(`${formatNumber(net)} invoiced but ${formatNumber(received)} received on ${name}`);
      involved ??= new Set();
      for (const id of docsOnLine(invAllocs, i)) involved.add(id);
      for (const id of docsOnLine(rcAllocs, i)) involved.add(id);
    }
  }
  if (problems.length > 0) {
    const more = problems.length > 2 ? `; and ${problems.length - 2} more lines` : '';
    findings.push({
      type: 'quantity_variance',
      severity: 'medium',
      poKey: po.key,
      docIds: [po.id, ...(involved ?? [])],
      message: `PO ${po.number}: ${problems.slice(0, 2).join('; ')}${more}; tolerance ${describeQuantityTolerance(tol)}`,
    });
  }
  if (mode !== '3way' || invAllocs.length === 0) return;
  if (rcAllocs.length === 0) {
    findings.push({
      type: 'missing_receipt',
      severity: 'high',
      poKey: po.key,
      docIds: [po.id, ...invAllocs.map((a) => a.doc.id)],
      message: `PO ${po.number} is 3-way matched, and ${listLabels(invAllocs.map((a) => a.doc))} ${invAllocs.length === 1 ? 'bills' : 'bill'} ${money(sums.invoiced.amount, currency)} with no goods receipt`,
    });
  } else if (missing.length > 0) {
    findings.push({
      type: 'missing_receipt',
      severity: 'high',
      poKey: po.key,
      docIds: [po.id, ...(missingIds ?? [])],
      message: `PO ${po.number} is 3-way matched; nothing received for ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more lines` : ''} already invoiced`,
    });
  }
}
