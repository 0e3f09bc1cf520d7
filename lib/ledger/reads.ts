/**
 * A record with its PO group, read straight on Dexie (inside the popup's `liveQuery`). It reads what
 * it shows and no more, so it stays fast at 100,000 documents; the service (service.ts) answers
 * `getRecord` through it. The quick lookup and "numbers on this page" are in lookup.ts, which the
 * popup loads up front (this module brings matching with it).
 */
import { affectedPoKeys, poBalance, rematch } from '@/lib/match';
import { isEstablishedPo } from '@/lib/match/established';
import { type BalanceFigures, balanceFigures, type DocStatus } from '@/lib/match/status';
import type { PoBalance, Suggestion } from '@/lib/match/types';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, MatchSettingsSchema } from '@/lib/model/settings';
import { whereAnyOf } from './any-of';
import type { TieoutDB } from './db';
import { readStatuses } from './statuses';

/** The `settings` row holding the match tolerances. */
export const SETTINGS_ID = 'match';

/** The match tolerances the options page edits; the defaults when none were saved or they no longer parse. */
export async function getSettings(db: TieoutDB): Promise<MatchSettings> {
  const row = await db.settings.get(SETTINGS_ID);
  const parsed = MatchSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_MATCH_SETTINGS;
}

function byUpdatedDesc(a: Document, b: Document): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

export interface RecordView {
  doc: Document;
  /**
   * What matching ties it to. For a PO on file: its invoices, credit notes and receipts (for a PO
   * only quoted so far: the documents quoting it). For the others: their POs and the credit notes
   * that correct them.
   */
  linked: Document[];
  /** For an invoice, credit note or receipt: the POs it references that are only quoted so far (not on file). */
  quoted: Document[];
  /** Other documents with the same kind and key (other vendors, other years). */
  sameNumber: Document[];
  balances: PoBalance[];
  exceptions: MatchException[];
  suggestions: Suggestion[];
  /** The status of the document and of every document listed with it (lib/match/status.ts), by id. */
  statuses: Record<string, DocStatus>;
}

/**
 * One document with its PO group: the POs it references (or, for a PO, what references it), the
 * balance of each, its stored exceptions, and PO suggestions for an unknown reference.
 *
 * Reads only what those need: a balance depends on the POs with its key and the documents that
 * reference the key (and on "not a duplicate" decisions, stored under the PO key); suggestions on
 * the vendor's POs, read only when a referenced PO is unknown. Matching the vendor's whole history
 * or every same-amount invoice (what a re-match after a write needs, for duplicates) is not needed
 * to show a record.
 */
export async function readRecord(db: TieoutDB, docId: string, now: string): Promise<RecordView | undefined> {
  return db.transaction('r', [db.documents, db.exceptions, db.settings], async () => {
    const doc = await db.documents.get(docId);
    if (!doc) return undefined;
    const poKeys = affectedPoKeys(doc);
    const [pos, referencing, sameKind, own, byPo, correcting, settings] = await Promise.all([
      whereAnyOf(
        db.documents,
        '[kind+key]',
        poKeys.map((k) => ['po', k]),
      ),
      whereAnyOf(db.documents, 'poKeys', poKeys),
      db.documents.where('[kind+key]').equals([doc.kind, doc.key]).toArray(),
      db.exceptions.where('docIds').equals(doc.id).toArray(),
      whereAnyOf(db.exceptions, 'poKey', poKeys),
      doc.kind === 'invoice' ? db.documents.where('correctsKey').equals(doc.key).toArray() : [],
      getSettings(db),
    ]);
    const unknownRef = poKeys.some((k) => !pos.some((p) => p.key === k && isEstablishedPo(p)));
    // Suggestions come from the vendor's POs; receipts are never offered one (as after a re-match).
    const vendorPos =
      unknownRef && doc.kind !== 'po' && doc.kind !== 'receipt' && doc.vendorKey !== undefined
        ? await db.documents.where('[vendorKey+kind]').equals([doc.vendorKey, 'po']).toArray()
        : [];
    const docs = new Map<string, Document>();
    for (const d of [doc, ...pos, ...referencing, ...vendorPos]) docs.set(d.id, d);
    const existing = new Map<string, MatchException>();
    for (const e of [...own, ...byPo]) existing.set(e.id, e);
    const out = rematch({
      docs: [...docs.values()],
      existing: [...existing.values()],
      settings,
      now,
      scope: { poKeys, docIds: [doc.id] },
    });

    // Linked is what matching links: with two POs sharing a key, a document is tied to one of them.
    const mine = out.links.filter((l) => (doc.kind === 'po' ? l.poId === doc.id : l.docId === doc.id));
    const linkedIds = new Set(mine.map((l) => (doc.kind === 'po' ? l.docId : l.poId)));
    const linked =
      doc.kind === 'po'
        ? referencing.filter((d) => d.id !== doc.id && (linkedIds.has(d.id) || !isEstablishedPo(doc)))
        : [
            ...pos.filter((p) => linkedIds.has(p.id)),
            ...correcting.filter((d) => d.kind === 'credit_note' && d.id !== doc.id),
          ];
    // A referenced PO only quoted so far is not linked: it is listed as not on file.
    const quoted =
      doc.kind === 'po' ? [] : pos.filter((p) => !isEstablishedPo(p) && !linked.some((l) => l.key === p.key));
    const exceptions = own.concat(doc.kind === 'po' ? byPo.filter((e) => !e.docIds.includes(doc.id)) : []);
    exceptions.sort((a, b) => (a.state !== b.state ? (a.state === 'open' ? -1 : 1) : a.openedAt < b.openedAt ? 1 : -1));
    const sameNumber = sameKind.filter((d) => d.id !== doc.id);
    // Every document listed shows its own status, from the same function as the card and the lists.
    const related = new Map<string, Document[]>();
    for (const k of poKeys)
      related.set(
        k,
        referencing.filter((d) => d.poKeys.includes(k)),
      );
    // Matching's balances of this group's POs say by how much an invoice among them is over-billed.
    const overBy = new Map<string, BalanceFigures>();
    for (const b of out.balances) if (b.remaining.amount < 0) overBy.set(b.poKey, balanceFigures(b));
    const statuses: Record<string, DocStatus> = {};
    const listed = [doc, ...linked, ...quoted, ...sameNumber];
    for (const s of await readStatuses(db, listed, {
      poBalance: () => (po, rel) => poBalance(po, rel, settings),
      pos,
      related,
      balances: overBy,
    })) {
      statuses[s.doc.id] = s.status;
    }
    return {
      doc,
      statuses,
      linked: linked.sort(byUpdatedDesc),
      quoted,
      sameNumber,
      // Its own balance for a PO; for the others, those of the POs matching tied them to.
      balances: out.balances.filter((b) => (doc.kind === 'po' ? b.poId === doc.id : linkedIds.has(b.poId))),
      exceptions,
      suggestions: out.suggestions.filter((s) => s.docId === doc.id),
    };
  });
}
