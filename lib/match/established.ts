import type { Document } from '@/lib/model/document';

/**
 * Whether a PO document shows that the PO exists: an import or a person vouched for it, or it was
 * seen as a document of its own, with its total or lines. A PO number only quoted on invoices and
 * e-mails proves nothing — treating it as known would hide every `unknown_po`, because the page
 * that quotes the number is also where the overlay first sees it.
 */
export function isEstablishedPo(po: Document): boolean {
  if (po.total !== undefined || po.lines.length > 0) return true;
  if (po.sources && Object.keys(po.sources).length > 0) return true;
  return po.confirmed.length > 0;
}
