/**
 * A record with its PO group, read straight on Dexie (inside the popup's `liveQuery`). It reads what
 * it shows and no more, so it stays fast at 100,000 documents; the service (service.ts) answers
 * `getRecord` through it. The quick lookup and "numbers on this page" are in lookup.ts, which the
 * popup loads up front (this module brings matching with it).
 */
import type { IndexableType, Table } from 'dexie';
import { affectedPoKeys, rematch } from '@/lib/match';
import { isEstablishedPo } from '@/lib/match/references';
import type { PoBalance, Suggestion } from '@/lib/match/types';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, MatchSettingsSchema } from '@/lib/model/settings';
import type { TieoutDB } from './db';

/** The `settings` row holding the match tolerances. */
export const SETTINGS_ID = 'match';

/** The match tolerances the options page edits; the defaults when none were saved or they no longer parse. */
export async function getSettings(db: TieoutDB): Promise<MatchSettings> {
  const row = await db.settings.get(SETTINGS_ID);
  const parsed = MatchSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_MATCH_SETTINGS;
}

/**
 * Rows whose index matches any of `keys`. Dexie's `anyOf` walks one cursor with a round trip per
 * row; one `getAll` per key, all queued at once, reads the same rows in a single round.
 */
export async function whereAnyOf<T extends { id: string }, TInsert>(
  table: Table<T, string, TInsert>,
  index: string,
  keys: IndexableType[],
): Promise<T[]> {
  if (keys.length === 0) return [];
  if (keys.length === 1)
    return table
      .where(index)
      .equals(keys[0] as IndexableType)
      .toArray();
  const lists = await Promise.all(keys.map((k) => table.where(index).equals(k).toArray()));
  const byId = new Map<string, T>();
  for (const list of lists) for (const row of list) byId.set(row.id, row);
  return [...byId.values()];
}

function byUpdatedDesc(a: Document, b: Document): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

export interface RecordView {
  doc: Document;
  /** For a PO: its invoices, credit notes and receipts. For the others: their POs and the credit notes that correct them. */
  linked: Document[];
  /** Other documents with the same kind and key (other vendors, other years). */
  sameNumber: Document[];
  balances: PoBalance[];
  exceptions: MatchException[];
  suggestions: Suggestion[];
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

    const linked =
      doc.kind === 'po'
        ? referencing.filter((d) => d.id !== doc.id)
        : [...pos, ...correcting.filter((d) => d.kind === 'credit_note')].filter((d) => d.id !== doc.id);
    const exceptions = own.concat(doc.kind === 'po' ? byPo.filter((e) => !e.docIds.includes(doc.id)) : []);
    exceptions.sort((a, b) => (a.state !== b.state ? (a.state === 'open' ? -1 : 1) : a.openedAt < b.openedAt ? 1 : -1));
    return {
      doc,
      linked: linked.sort(byUpdatedDesc),
      sameNumber: sameKind.filter((d) => d.id !== doc.id),
      balances: out.balances.filter((b) => poKeys.includes(b.poKey)),
      exceptions,
      suggestions: out.suggestions.filter((s) => s.docId === doc.id),
    };
  });
}
