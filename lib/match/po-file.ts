/**
 * Which PO references the clerk can expect to find on file, and so which missing PO is an
 * exception (`unknown_po`) rather than data not brought in yet ("PO not on file").
 *
 * The rule, as an AP clerk sees it. PO numbers are the buyer's own, issued from its ERP:
 * - Once the clerk has imported POs (any PO came in through an import), Tieout holds the company's
 *   list of POs, and a reference to a PO that is not on it is `unknown_po`, whoever the vendor.
 * - Without an import, a vendor's POs are expected once the ledger holds one established PO of that
 *   vendor (its PO page was read with a total or lines, or a person entered or confirmed one):
 *   the clerk works with that vendor's POs here, and a reference to another one that is not on
 *   file is `unknown_po`.
 * - Otherwise (no import, no PO of that vendor on file, or the vendor is not known) the reference is
 *   "PO not on file": not tied out, not an exception, shown calmly with the way to import POs.
 */
import type { Document } from '@/lib/model/document';
import { isEstablishedPo } from './established';

export interface PoFile {
  /** Some PO came in through an import. */
  imported: boolean;
  /** Vendor keys with at least one established PO. */
  vendors: ReadonlySet<string>;
}

/** A PO that came in through an import (a sighting from an import is what every imported row carries). */
export function isImportedPo(doc: Document): boolean {
  if (doc.kind !== 'po') return false;
  for (const s of doc.sightings) if (s.via === 'import') return true;
  return false;
}

/** What `docs` (the whole ledger, in a full run) say is on file. */
export function poFileOf(docs: readonly Document[]): PoFile {
  let imported = false;
  const vendors = new Set<string>();
  for (const d of docs) {
    if (d.kind !== 'po' || !isEstablishedPo(d)) continue;
    if (d.vendorKey !== undefined) vendors.add(d.vendorKey);
    if (!imported && isImportedPo(d)) imported = true;
  }
  return { imported, vendors };
}

/** Whether the PO a document references should be on file (see the rule above). */
export function expectsPoOnFile(doc: Document, file: PoFile): boolean {
  return file.imported || (doc.vendorKey !== undefined && file.vendors.has(doc.vendorKey));
}

/**
 * What a scoped run needs to be told about the rest of the ledger: the vendors of documents in
 * `docs` that reference a PO key with no established PO among `docs`, and whether one of those has
 * no vendor. Documents referencing only POs on file need nothing.
 */
export function poFileQuestions(docs: readonly Document[]): { vendorKeys: string[]; vendorless: boolean } {
  const established = new Set<string>();
  for (const d of docs) if (d.kind === 'po' && isEstablishedPo(d)) established.add(d.key);
  const vendors = new Set<string>();
  let vendorless = false;
  for (const d of docs) {
    if (d.kind === 'po' || !d.poKeys.some((k) => !established.has(k))) continue;
    if (d.vendorKey === undefined) vendorless = true;
    else vendors.add(d.vendorKey);
  }
  return { vendorKeys: [...vendors].sort(), vendorless };
}

/**
 * Whether a vendor's POs went from none on file to some, or back, with this change: then every
 * reference of that vendor to a PO not on file is decided anew. `othersOnFile`: an established PO
 * of the vendor that the change did not touch is stored; `changed` and `before` are the changed
 * documents after and before the change.
 */
export function vendorFileFlipped(
  vendorKey: string,
  othersOnFile: boolean,
  changed: readonly Document[],
  before: readonly Document[],
): boolean {
  if (othersOnFile) return false;
  const isOn = (d: Document) => d.kind === 'po' && d.vendorKey === vendorKey && isEstablishedPo(d);
  return changed.some(isOn) !== before.some(isOn);
}

/**
 * Whether "some PO was imported" flipped with this change (then every reference is decided anew).
 * `othersImported`: an imported PO that the change did not touch is stored.
 */
export function importFlipped(othersImported: boolean, changed: readonly Document[], before: readonly Document[]) {
  if (othersImported) return false;
  return changed.some(isImportedPo) !== before.some(isImportedPo);
}

/**
 * The vendors whose POs on file this change may have flipped (vendorFileFlipped decides): those of
 * changed POs, before and after the change.
 */
export function vendorsOfChangedPos(changed: readonly Document[], before: readonly Document[]): string[] {
  const out = new Set<string>();
  for (const d of [...changed, ...before]) if (d.kind === 'po' && d.vendorKey !== undefined) out.add(d.vendorKey);
  return [...out].sort();
}

/** Whether this change may have flipped "some PO was imported": an imported PO changed, came or went. */
export function importMayHaveFlipped(changed: readonly Document[], before: readonly Document[]): boolean {
  return changed.some(isImportedPo) || before.some(isImportedPo);
}
