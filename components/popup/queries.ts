/**
 * The popup's reads, straight on Dexie so they run inside `liveQuery` and re-run when the worker
 * writes. Each is bounded (indexed range + limit) so the popup stays fast at 100,000 documents.
 */
import type { TieoutDB } from '@/lib/ledger/db';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { vendorKey } from '@/lib/model/keys';
import { compareNewestFirst } from '../format';

/** Open exceptions per document id, for the status badges of a page of documents. */
export async function openExceptionsByDoc(
  db: TieoutDB,
  ids: readonly string[],
): Promise<Map<string, MatchException[]>> {
  const byDoc = new Map<string, MatchException[]>();
  if (ids.length === 0) return byDoc;
  const wanted = new Set(ids);
  const related = await db.exceptions
    .where('docIds')
    .anyOf([...wanted])
    .toArray();
  const seen = new Set<string>();
  for (const e of related) {
    if (e.state !== 'open' || seen.has(e.id)) continue;
    seen.add(e.id);
    for (const id of e.docIds) if (wanted.has(id)) byDoc.set(id, [...(byDoc.get(id) ?? []), e]);
  }
  return byDoc;
}

export interface DocRow {
  doc: Document;
  open: MatchException[];
}

/** The most recently touched documents, newest first. */
export async function recentDocuments(db: TieoutDB, limit: number): Promise<{ rows: DocRow[]; more: boolean }> {
  const docs = await db.documents
    .orderBy('updatedAt')
    .reverse()
    .limit(limit + 1)
    .toArray();
  const shown = docs.slice(0, limit);
  const open = await openExceptionsByDoc(
    db,
    shown.map((d) => d.id),
  );
  return { rows: shown.map((doc) => ({ doc, open: open.get(doc.id) ?? [] })), more: docs.length > limit };
}

export interface AttentionFilter {
  type: string;
  vendor: string;
}

export interface AttentionData {
  /** Every open exception matching the filter, newest first. */
  matching: MatchException[];
  /** Open exceptions per type before the type filter (for the filter's counts). */
  all: MatchException[];
  /** Documents of the exceptions shown, for vendor names and links. */
  docs: Map<string, Document>;
}

/**
 * Open exceptions newest first, filtered by type and by vendor (vendor-key prefix, so "acme"
 * finds "ACME Inc."). Vendor filtering goes through the `vendorKey` index of documents rather than
 * loading every exception's documents.
 */
export async function openExceptions(db: TieoutDB, filter: AttentionFilter, shown: number): Promise<AttentionData> {
  let all = await db.exceptions.where('state').equals('open').toArray();
  const vKey = vendorKey(filter.vendor);
  if (vKey) {
    const ids = new Set(await db.documents.where('vendorKey').startsWith(vKey).primaryKeys());
    all = all.filter((e) => e.docIds.some((id) => ids.has(id)));
  }
  all.sort(compareNewestFirst);
  const matching = filter.type ? all.filter((e) => e.type === filter.type) : all;
  const docIds = [...new Set(matching.slice(0, shown).flatMap((e) => e.docIds))];
  const docs = new Map<string, Document>();
  for (const d of await db.documents.bulkGet(docIds)) if (d) docs.set(d.id, d);
  return { matching, all, docs };
}
