import type { DocKind, Document } from '@/lib/model/document';
import { dayNumber, isoDay } from './dates';
import type { GroupQuery } from './types';

/** Which PO groups a changed doc touches: its own key for a PO, its `poKeys` otherwise. */
export function affectedPoKeys(doc: Document): string[] {
  return doc.kind === 'po' ? [doc.key] : [...new Set(doc.poKeys)].sort();
}

/**
 * What the ledger must load so `rematch` sees every document its decisions depend on: the PO
 * groups (POs and everything referencing them), docs with the same kind and key as a changed one
 * (exact duplicates; a changed PO's namesakes; the invoice a credit note corrects), and every doc of a
 * changed invoice's or PO's vendor (possible duplicates, near-key PO suggestions), and invoices with
 * a changed invoice's total dated within 7 days of it (possible duplicates across vendors). Every pair
 * of three signs in four has either the vendor or the total with the dates in common, so these find all.
 */
export function groupQuery(poKeys: string[], changed: Document[]): GroupQuery {
  const keys = new Set(poKeys);
  const docKeys = new Map<string, { kind: DocKind; key: string }>();
  const vendors = new Set<string>();
  const totals = new Map<string, GroupQuery['totals'][number]>();
  const addDocKey = (kind: DocKind, key: string) => docKeys.set(`${kind}\u0000${key}`, { kind, key });
  for (const d of changed) {
    for (const k of affectedPoKeys(d)) keys.add(k);
    addDocKey(d.kind, d.key);
    if (d.kind === 'credit_note' && d.correctsKey) addDocKey('invoice', d.correctsKey);
    if (d.vendorKey !== undefined && d.kind !== 'receipt') vendors.add(d.vendorKey);
    if (d.kind === 'invoice' && d.total && d.date) {
      const day = dayNumber(d.date);
      const t = { currency: d.total.currency, minor: d.total.minor, from: isoDay(day - 7), to: isoDay(day + 7) };
      totals.set(`${t.currency}${t.minor}:${t.from}`, t);
    }
  }
  return {
    poKeys: [...keys].sort(),
    docKeys: [...docKeys.values()].sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : 1)),
    vendorKeys: [...vendors].sort(),
    correctsKeys: [...new Set(changed.filter((d) => d.kind === 'invoice').map((d) => d.key))].sort(),
    totals: [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => t),
    docIds: [...new Set(changed.map((d) => d.id))].sort(),
  };
}

/**
 * The invoice(s) a credit note corrects, among `invoices`: its `correctsKey`, from its own vendor if
 * any such invoice is known (else from invoices without a vendor), and — since vendors reuse numbers
 * each year — the latest dated on or before the credit note when dates allow choosing.
 */
export function correctedInvoices(creditNote: Document, invoices: readonly Document[]): Document[] {
  const key = creditNote.correctsKey;
  if (key === undefined) return [];
  let found = invoices.filter((i) => i.kind === 'invoice' && i.key === key);
  if (creditNote.vendorKey !== undefined) {
    const same = found.filter((i) => i.vendorKey === creditNote.vendorKey);
    found = same.length > 0 ? same : found.filter((i) => i.vendorKey === undefined);
  }
  const cnDate = creditNote.date;
  if (cnDate !== undefined && found.length > 1) {
    let latest: string | undefined;
    for (const i of found)
      if (i.date !== undefined && i.date <= cnDate && (latest === undefined || i.date > latest)) latest = i.date;
    if (latest !== undefined) found = found.filter((i) => i.date === latest);
  }
  return found;
}

/** The PO keys a credit note should carry: its own, else those of the invoice it corrects. */
export function creditNotePoKeys(creditNote: Document, invoices: readonly Document[]): string[] {
  if (creditNote.poKeys.length > 0) return [...new Set(creditNote.poKeys)].sort();
  return [...new Set(correctedInvoices(creditNote, invoices).flatMap((i) => i.poKeys))].sort();
}
