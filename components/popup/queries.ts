/**
 * The popup's reads, straight on Dexie so they run inside `liveQuery` and re-run when the worker
 * writes. Each is bounded (indexed range + limit) so the popup stays fast at 100,000 documents.
 */
import type { TieoutDB } from '@/lib/ledger/db';
import type { Document } from '@/lib/model/document';
import { EXCEPTION_TYPES, type ExceptionType, type MatchException } from '@/lib/model/exception';
import { vendorKey } from '@/lib/model/keys';
import { compareNewestFirst, countByType } from '../format';

/**
 * Open exceptions per document id, for the status badges of a page of documents. One equality
 * read per id, all issued at once in one transaction: an `anyOf` over the multi-entry index would
 * walk a cursor with a seek per id, one round trip to the browser's storage each.
 */
export async function openExceptionsByDoc(
  db: TieoutDB,
  ids: readonly string[],
): Promise<Map<string, MatchException[]>> {
  const byDoc = new Map<string, MatchException[]>();
  if (ids.length === 0) return byDoc;
  const wanted = [...new Set(ids)];
  const lists = await db.transaction('r', db.exceptions, () =>
    Promise.all(wanted.map((id) => db.exceptions.where('docIds').equals(id).toArray())),
  );
  wanted.forEach((id, i) => {
    const open = (lists[i] ?? []).filter((e) => e.state === 'open');
    if (open.length > 0) byDoc.set(id, open);
  });
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
  /** The first `shown` open exceptions matching the filter, newest first. */
  page: MatchException[];
  /** How many open exceptions match the filter. */
  total: number;
  /** Open exceptions per type under the vendor filter, before the type filter (the filter's counts). */
  counts: Map<ExceptionType, number>;
  /** Documents of the exceptions shown, for vendor names and links. */
  docs: Map<string, Document>;
}

/** Past this many documents for a vendor filter, exceptions are walked rather than looked up per document. */
const VENDOR_LOOKUP_LIMIT = 5000;

/**
 * The type of an exception from its id alone. Exception ids are `${type}:${poKey}:${docIds}`
 * (lib/match/ids.ts), so counting per type needs only the `state` index's keys, not the rows.
 */
export function typeFromId(id: string): ExceptionType | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return (EXCEPTION_TYPES as readonly string[]).includes(prefix) ? (prefix as ExceptionType) : undefined;
}

async function docsOf(db: TieoutDB, exceptions: readonly MatchException[]): Promise<Map<string, Document>> {
  const docs = new Map<string, Document>();
  const ids = [...new Set(exceptions.flatMap((e) => e.docIds))];
  for (const d of await db.documents.bulkGet(ids)) if (d) docs.set(d.id, d);
  return docs;
}

/**
 * Open exceptions newest first, filtered by type and by vendor (vendor-key prefix, so "acme" finds
 * "ACME Inc."). Bounded work for the first paint at any ledger size: counts come from index keys,
 * and the page is read by walking the `openedAt` index backwards until `shown` rows are found.
 */
export async function openExceptions(db: TieoutDB, filter: AttentionFilter, shown: number): Promise<AttentionData> {
  const vKey = vendorKey(filter.vendor);
  const wantType = (e: MatchException) => !filter.type || e.type === filter.type;
  if (!vKey) {
    // Keys for the counts and the newest page are read side by side: two reads, no waiting on each other.
    const [ids, newest] = await Promise.all([
      db.exceptions.where('state').equals('open').primaryKeys() as Promise<string[]>,
      db.exceptions
        .orderBy('openedAt')
        .reverse()
        .filter((e) => e.state === 'open' && wantType(e))
        .limit(shown)
        .toArray(),
    ]);
    const counts = new Map<ExceptionType, number>();
    let unknown = false;
    for (const id of ids) {
      const type = typeFromId(id);
      if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
      else unknown = true;
    }
    if (unknown) return fromRows(db, await db.exceptions.where('state').equals('open').toArray(), filter, shown);
    const total = filter.type ? (counts.get(filter.type as ExceptionType) ?? 0) : ids.length;
    return { page: newest, total, counts, docs: await docsOf(db, newest) };
  }
  const vendorDocs = (await db.documents.where('vendorKey').startsWith(vKey).primaryKeys()) as string[];
  const wanted = new Set(vendorDocs);
  const rows =
    vendorDocs.length <= VENDOR_LOOKUP_LIMIT
      ? await db.exceptions.where('docIds').anyOf(vendorDocs).distinct().toArray()
      : await db.exceptions.where('state').equals('open').toArray();
  return fromRows(
    db,
    rows.filter((e) => e.state === 'open' && e.docIds.some((id) => wanted.has(id))),
    filter,
    shown,
  );
}

async function fromRows(
  db: TieoutDB,
  open: MatchException[],
  filter: AttentionFilter,
  shown: number,
): Promise<AttentionData> {
  const counts = countByType(open);
  const matching = (filter.type ? open.filter((e) => e.type === filter.type) : open).sort(compareNewestFirst);
  const page = matching.slice(0, shown);
  return { page, total: matching.length, counts, docs: await docsOf(db, page) };
}
