/**
 * The checks of one PO against the invoices, credit notes and receipts attributed to it:
 * `over_billed` (invoiced less credited beyond the ordered amount and its tolerance), `closed_po`,
 * `vendor_mismatch`, `currency_mismatch` and `invoice_before_po`; line prices and quantities are in
 * variances.ts. `checkPo` also builds the PO's balance when the caller reads it.
 */
import type { Document } from '@/lib/model/document';
import { type Allocation, allocate, buildBalance, docCurrency, orderedAmount, poCurrency, sumParts } from './balance';
import { sameNumberingPeriod } from './dates';
import { docLabel, listLabels, money, vendorName } from './describe';
import { chronological, commonPoKey } from './duplicates';
import type { Finding } from './finding';
import { exceptionId } from './ids';
import { attributedKeys, type PoContext, tolerancesOf } from './po-context';
import { describeMoneyTolerance, percentOf, withinMoneyTolerance } from './tolerance';
import type { PoBalance } from './types';
import { checkPrices, checkQuantities } from './variances';

/** Every PO-level check for one PO and the documents attributed to it; its balance when asked for. */
export function checkPo(po: Document, related: Document[], ctx: PoContext): PoBalance | undefined {
  const { findings } = ctx;
  // A PO without currency or vendor takes them from its lowest-id document, whatever the load order.
  const poCur = poCurrency(po);
  let currency = poCur;
  let vendor = po.vendorKey;
  if (poCur === undefined || po.vendorKey === undefined) {
    let curFrom: string | undefined;
    let vendorFrom: string | undefined;
    for (const d of related) {
      const c = poCur === undefined ? docCurrency(d) : undefined;
      if (c !== undefined && (curFrom === undefined || d.id < curFrom)) {
        currency = c;
        curFrom = d.id;
      }
      if (po.vendorKey === undefined && d.vendorKey !== undefined && (vendorFrom === undefined || d.id < vendorFrom)) {
        vendor = d.vendorKey;
        vendorFrom = d.id;
      }
    }
  }
  currency ??= 'XXX';
  const tol = tolerancesOf(ctx.tolerances, vendor);
  const mode = po.matchMode ?? tol.mode;
  const poKey = po.key;
  const skipped: string[] = [];
  const invoices: Document[] = [];
  const cnAllocs: Allocation[] = [];
  const rcAllocs: Allocation[] = [];

  for (const d of related) {
    if (d.vendorKey !== undefined && po.vendorKey !== undefined && d.vendorKey !== po.vendorKey) {
      findings.push({
        type: 'vendor_mismatch',
        severity: d.kind === 'invoice' ? 'high' : 'medium',
        poKey,
        docIds: [po.id, d.id],
        message: `${docLabel(d)} is from ${vendorName(d)}, but PO ${po.number} is with ${vendorName(po)}`,
      });
    }
    const cur = docCurrency(d);
    if (cur !== undefined && cur !== currency) {
      skipped.push(d.id);
      const amount = d.total ? ` (${money(d.total.minor, d.total.currency)})` : '';
      findings.push({
        type: 'currency_mismatch',
        severity: d.kind === 'receipt' ? 'medium' : 'high',
        poKey,
        docIds: [po.id, d.id],
        message: `${docLabel(d)} is in ${cur}${amount}, but PO ${po.number} is in ${currency}; it is not counted in the PO balance`,
      });
      continue;
    }
    if (d.kind === 'invoice') {
      if (d.date && po.date && d.date < po.date) {
        findings.push({
          type: 'invoice_before_po',
          severity: 'medium',
          poKey,
          docIds: [po.id, d.id],
          message: `${docLabel(d)} is dated ${d.date}, before PO ${po.number} (${po.date})`,
        });
      }
      invoices.push(d);
    } else if (d.kind === 'credit_note') {
      cnAllocs.push(allocate(po, d, currency, attributedKeys(d, ctx.effKeys)));
    } else if (mode === '3way' || ctx.balances) {
      // Goods received matter to a 2-way PO's balance only, never to its checks.
      rcAllocs.push(allocate(po, d, currency, attributedKeys(d, ctx.effKeys)));
    }
  }

  // A later copy of an invoice already counted for this PO would bill it twice.
  if (invoices.length > 1) sortSmall(invoices, chronological);
  const invAllocs: Allocation[] = [];
  for (const inv of invoices) {
    if (invAllocs.length > 0 && isCountedCopy(inv, invAllocs, ctx.notDuplicate)) {
      skipped.push(inv.id);
      continue;
    }
    invAllocs.push(allocate(po, inv, currency, attributedKeys(inv, ctx.effKeys)));
  }
  const parts = { invoices: invAllocs, creditNotes: cnAllocs, receipts: rcAllocs, skippedDocIds: skipped };
  const sums = sumParts(po, currency, parts, ctx.balances);
  const ordered = orderedAmount(po, currency);

  checkClosed(po, invAllocs, cnAllocs, ordered, currency, findings);

  if (ordered !== undefined) {
    const net = sums.invoiced.amount - sums.credited.amount;
    const over = net - ordered;
    if (over > 0 && !withinMoneyTolerance(tol.total, over, ordered, currency)) {
      const docIds = [po.id, ...invAllocs.map((a) => a.doc.id), ...cnAllocs.map((a) => a.doc.id)];
      const toleranceText = describeMoneyTolerance(tol.total, currency);
      const overText = `${money(over, currency)} (${percentOf(over, ordered)})`;
      let message: string;
      if (invAllocs.length === 1 && cnAllocs.length === 0) {
        message = `Invoice ${invAllocs[0]!.doc.number} is ${overText} over PO ${po.number}; tolerance ${toleranceText}`;
      } else {
        const credits = cnAllocs.length ? ` less ${money(sums.credited.amount, currency)} credited` : '';
        message =
          `${invAllocs.length} invoices (${listLabels(invAllocs.map((a) => a.doc))}) total ` +
          `${money(sums.invoiced.amount, currency)}${credits}, ${overText} over PO ${po.number} ` +
          `(${money(ordered, currency)}); tolerance ${toleranceText}`;
      }
      findings.push({ type: 'over_billed', severity: 'high', poKey, docIds, message });
    }
  }

  checkPrices(po, invAllocs, currency, tol.price, findings);
  checkQuantities(po, sums, currency, invAllocs, rcAllocs, mode, tol.quantity, findings);
  return ctx.balances ? buildBalance(po, currency, mode, parts, sums) : undefined;
}

/**
 * Sorts in place; a PO has a handful of invoices, and for those an insertion sort costs a fraction
 * of `Array.prototype.sort`'s set-up, which a full run pays a hundred thousand times.
 */
function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): void {
  if (items.length > 16) {
    items.sort(compare);
    return;
  }
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
}

function isCountedCopy(inv: Document, counted: Allocation[], notDuplicate: Set<string>): boolean {
  for (const { doc: c } of counted) {
    if (
      c.key === inv.key &&
      c.vendorKey !== undefined &&
      c.vendorKey === inv.vendorKey &&
      sameNumberingPeriod(c.date, inv.date) &&
      !notDuplicate.has(exceptionId('duplicate_invoice', commonPoKey(c, inv), [c.id, inv.id]))
    ) {
      return true;
    }
  }
  return false;
}

/** An invoice against a closed PO, or one arriving when earlier invoices (less credits) already billed it in full. */
function checkClosed(
  po: Document,
  invAllocs: Allocation[],
  cnAllocs: Allocation[],
  ordered: number | undefined,
  currency: string,
  findings: Finding[],
): void {
  if (po.status === 'closed') {
    for (const a of invAllocs) {
      findings.push({
        type: 'closed_po',
        severity: 'high',
        poKey: po.key,
        docIds: [po.id, a.doc.id],
        message: `${docLabel(a.doc)} bills PO ${po.number}, which is closed`,
      });
    }
    return;
  }
  if (ordered === undefined || ordered <= 0) return;
  // invAllocs are in chronological order already (checkPo sorts the invoices before allocating).
  let billed = 0;
  for (const a of invAllocs) {
    let credited = 0;
    for (const c of cnAllocs) if (!c.doc.date || !a.doc.date || c.doc.date <= a.doc.date) credited += c.amount;
    if (billed - credited >= ordered) {
      findings.push({
        type: 'closed_po',
        severity: 'high',
        poKey: po.key,
        docIds: [po.id, a.doc.id],
        message: `${docLabel(a.doc)} (${money(a.amount, currency)}) bills PO ${po.number}, which earlier invoices had already billed in full (${money(billed - credited, currency)} of ${money(ordered, currency)})`,
      });
    }
    billed += a.amount;
  }
}
