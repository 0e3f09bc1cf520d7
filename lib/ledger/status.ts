import type { Document } from '@/lib/model/document';

/** Fields whose presence from an import or a person means the ledger vouches for a PO. */
const VOUCHED_FIELDS = ['total', 'vendor', 'date', 'lines', 'status'];

/**
 * Tied, without looking at exceptions (an open exception outranks it): an invoice, credit note or
 * receipt whose every PO reference is a known PO; a PO that an import or a person vouched for
 * (more than its bare number) or that documents reference.
 */
export function isTied(
  doc: Document,
  knownPoKeys: ReadonlySet<string>,
  referencedPoKeys: ReadonlySet<string>,
): boolean {
  if (doc.kind === 'po') {
    return VOUCHED_FIELDS.some((f) => doc.sources?.[f] !== undefined) || referencedPoKeys.has(doc.key);
  }
  return doc.poKeys.length > 0 && doc.poKeys.every((k) => knownPoKeys.has(k));
}
