/**
 * Pure matching (DESIGN.md "Matching vocabulary"): links, PO balances, tolerances, duplicates and
 * exceptions. No Dexie, no browser: the ledger loads a PO group, calls `rematch`, and writes `upserts`.
 *
 * How the ledger uses it, after every change to documents `changed`:
 *   changed += credit notes (correctsKey ∈ changed invoices' keys, no poKeys) given creditNotePoKeys
 *   const poKeys = [...new Set(changed.flatMap(affectedPoKeys))]  // also the OLD versions' keys
 *   const q = groupQuery(poKeys, changed)
 *   docs = POs with key in q.poKeys ∪ docs with poKeys ∩ q.poKeys ∪ docs by q.docKeys ∪ docs by q.vendorKeys
 *          ∪ invoices by q.totals ∪ the docs named by stored exceptions of the changed docs
 *   existing = exceptions with poKey in q.poKeys ∪ exceptions whose docIds include any loaded doc
 *   out = rematch({ docs, existing, settings, now, scope: { poKeys: q.poKeys, docIds: q.docIds } })
 *   bulkPut(out.upserts)   // nothing else: an unchanged ledger yields zero upserts
 *
 * Decisions stated here because the ledger and the UI rely on them:
 * - Exception identity is `${type}:${poKey}:${sorted docIds}` (docIds hashed when long), so the same
 *   facts give the same id. New facts (another invoice on an over-billed PO) give a new id: a clerk's
 *   acceptance covers what was shown, not later invoices.
 * - A user resolution (accepted, not_duplicate, linked) is never changed by a re-match. An open
 *   exception no longer produced is closed as `resolved_by_data` and kept; one that comes back is reopened.
 * - Only what the scope fully covers is decided: PO checks for `scope.poKeys`, pairwise and per-doc
 *   checks when every doc involved is loaded and one of them is in scope. The rest of `existing` is left alone.
 * - `unknown_po` only where the PO was expected on file (po-file.ts): once any PO was imported, or
 *   when the document's vendor has an established PO. Otherwise a reference to a PO not on file is
 *   "PO not on file" (status.ts), no exception. A scoped run is told what the rest of the ledger
 *   says (`MatchInput.poFile`); a change that gives a vendor its first PO on file re-decides that
 *   vendor's references, and the first imported PO re-decides the whole ledger.
 * - Credit notes: attributed to the POs in their own `poKeys`, else to those of the invoice named by
 *   `correctsKey` (`correctedInvoices`: same vendor, latest dated on or before the credit note). A
 *   credit note whose PO keys match no PO gets `unknown_po`, like an invoice. A credit note that references no PO and corrects no known invoice gets `no_po_reference`
 *   ("credits nothing in the ledger") and changes no balance. The ledger must store the corrected
 *   invoice's PO keys on the credit note (`creditNotePoKeys`, again whenever an invoice with its
 *   `correctsKey` changes: GroupQuery.correctsKeys): a scoped run counts credit notes by their stored
 *   `poKeys` only, since what it loaded cannot tell which invoice a credit note corrects.
 * - An invoice referencing several POs: each PO gets the lines whose SKU is on it (lines with SKUs
 *   elsewhere give it nothing); without SKU lines its total is split evenly over the keys it references
 *   (largest remainder, in key order), so each PO group is decided from that group alone.
 * - Duplicates (`duplicate_invoice`): same vendor and key in one numbering period — the same calendar
 *   year, or within 31 days across New Year (vendors restart numbering in January). Possible duplicates:
 *   three of {near key, same vendor, issue dates ≤ 7 days apart, same total}, where a near key is the
 *   same loose (OCR-folded) key or one character dropped/doubled — not one digit changed, which is what
 *   consecutive invoices of a vendor look like. Suggestions for an unknown PO use loose key or any edit
 *   distance 1 among the same vendor's POs, and are only ever offered.
 * - 3-way: invoiced quantity (less credited) ≤ received, per PO line; an invoice on a 3-way PO with no
 *   receipt at all, or on a line nothing was received for, is `missing_receipt`. Receipts without lines
 *   prove delivery but not quantities.
 * - `closed_po`: an invoice on a PO with status `closed`, or one dated after earlier invoices (less
 *   earlier credits) had already billed the PO in full.
 * - Output arrays other than `exceptions`/`upserts` (sorted by id) come in no promised order.
 * - Amounts in another currency than the PO's are not counted in its balance (`currency_mismatch`).
 *   A later copy (same vendor and key) of an invoice already counted for the same PO is not counted again.
 */

export { createMatchIndex, type MatchIndex } from './memory';
export {
  expectsPoOnFile,
  importFlipped,
  importMayHaveFlipped,
  isImportedPo,
  type PoFile,
  poFileOf,
  poFileQuestions,
  vendorFileFlipped,
  vendorsOfChangedPos,
} from './po-file';
export { affectedPoKeys, correctedInvoices, creditNotePoKeys, groupQuery } from './query';
export { poBalance, rematch } from './rematch';
export { reopenException, resolveException } from './resolve';
export type * from './types';
