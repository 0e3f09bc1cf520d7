/**
 * The popup's reads, straight on Dexie so they run inside `liveQuery` and re-run when the worker
 * writes. Each is bounded (indexed range + limit) so the popup stays fast at 100,000 documents.
 */
import Dexie from 'dexie';
import { compareNewestFirst, countByType } from '@/components/display';
import type { TieoutDB } from '@/lib/ledger/db';
import { sightingsForUrl } from '@/lib/ledger/lookup';
import { type DocWithStatus, readStatuses } from '@/lib/ledger/statuses';
import type { Document } from '@/lib/model/document';
import { EXCEPTION_TYPES, type ExceptionType, type MatchException } from '@/lib/model/exception';
import { vendorKey } from '@/lib/model/keys';
import { loadPoBalance } from './matching';
import { timed } from './timing';

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

/** A listed document with its open exceptions and its status (lib/match/status.ts, as the card and the record show it). */
export type DocRow = DocWithStatus;

/** The most recently touched documents, newest first. */
export async function recentDocuments(db: TieoutDB, limit: number): Promise<{ rows: DocRow[]; more: boolean }> {
  const docs = await timed('recent.docs', () =>
    db.documents
      .orderBy('updatedAt')
      .reverse()
      .limit(limit + 1)
      .toArray(),
  );
  const shown = docs.slice(0, limit);
  const rows = await timed('recent.statuses', () => readStatuses(db, shown, { poBalance: loadPoBalance }));
  return { rows, more: docs.length > limit };
}

/**
 * The documents seen on `url`, most recently seen there first: the first `limit` with their open
 * exceptions, and how many there are in all.
 */
export async function pageDocuments(
  db: TieoutDB,
  url: string,
  limit: number,
): Promise<{ rows: DocRow[]; total: number }> {
  if (!url) return { rows: [], total: 0 };
  const seen = await timed('page.docs', () => sightingsForUrl(db, url));
  const shown = seen.slice(0, limit);
  const rows = await timed('page.statuses', () =>
    readStatuses(
      db,
      shown.map((s) => s.doc),
      { poBalance: loadPoBalance },
    ),
  );
  return { rows, total: seen.length };
}

export interface AttentionFilter {
  type: string;
  vendor: string;
}

export interface AttentionPage {
  /** The first `shown` open exceptions matching the filter, newest first. */
  page: MatchException[];
  /** Whether more open exceptions match the filter. */
  more: boolean;
  /** Documents of the exceptions shown, for vendor names and links. */
  docs: Map<string, Document>;
  /**
   * Under a vendor filter, the filter's counts per type, from the rows read anyway; without one
   * they come from `openExceptionCounts`, read after the page has painted.
   */
  counts?: Map<ExceptionType, number>;
}

export interface AttentionData extends AttentionPage {
  /** How many open exceptions match the filter. */
  total: number;
  /** Open exceptions per type under the vendor filter, before the type filter (the filter's counts). */
  counts: Map<ExceptionType, number>;
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

/** Open exceptions newest first, of one type or all, as an index range: no resolved row is read. */
function openNewestFirst(db: TieoutDB, type: string) {
  return type
    ? db.exceptions
        .where('[state+type+openedAt]')
        .between(['open', type, Dexie.minKey], ['open', type, Dexie.maxKey])
        .reverse()
    : db.exceptions.where('[state+openedAt]').between(['open', Dexie.minKey], ['open', Dexie.maxKey]).reverse();
}

/**
 * The page of open exceptions the clerk sees first, newest first, filtered by type and by vendor
 * (vendor-key prefix, so "acme" finds "ACME Inc."). Without a vendor filter it reads `shown + 1`
 * rows from an index range and nothing else, at any ledger size.
 */
export async function openExceptionPage(db: TieoutDB, filter: AttentionFilter, shown: number): Promise<AttentionPage> {
  const vKey = vendorKey(filter.vendor);
  if (!vKey) {
    const rows = await timed('attention.page', () =>
      openNewestFirst(db, filter.type)
        .limit(shown + 1)
        .toArray(),
    );
    const page = rows.slice(0, shown);
    return { page, more: rows.length > shown, docs: await timed('attention.docs', () => docsOf(db, page)) };
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

/**
 * Open exceptions per type, from the `state` index's keys (the type is the id's first part); rows
 * are read only when an id does not name its type. Counting walks every open exception's index
 * entry, so the popup reads this after its first view has painted.
 */
export async function openExceptionCounts(db: TieoutDB): Promise<Map<ExceptionType, number>> {
  const ids = (await db.exceptions.where('state').equals('open').primaryKeys()) as string[];
  const counts = new Map<ExceptionType, number>();
  for (const id of ids) {
    const type = typeFromId(id);
    if (!type) return countByType(await db.exceptions.where('state').equals('open').toArray());
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/** The page and its counts together (what the view shows once both have arrived). */
export async function openExceptions(db: TieoutDB, filter: AttentionFilter, shown: number): Promise<AttentionData> {
  const [page, all] = await Promise.all([
    openExceptionPage(db, filter, shown),
    vendorKey(filter.vendor) ? undefined : openExceptionCounts(db),
  ]);
  const counts = page.counts ?? all ?? new Map<ExceptionType, number>();
  return { ...page, counts, total: matchingCount(counts, filter.type) };
}

/** How many open exceptions the type filter lets through, from the counts per type. */
export function matchingCount(counts: ReadonlyMap<ExceptionType, number>, type: string): number {
  if (type) return counts.get(type as ExceptionType) ?? 0;
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

async function fromRows(
  db: TieoutDB,
  open: MatchException[],
  filter: AttentionFilter,
  shown: number,
): Promise<AttentionPage> {
  const counts = countByType(open);
  const matching = (filter.type ? open.filter((e) => e.type === filter.type) : open).sort(compareNewestFirst);
  const page = matching.slice(0, shown);
  return { page, more: matching.length > shown, counts, docs: await docsOf(db, page) };
}
