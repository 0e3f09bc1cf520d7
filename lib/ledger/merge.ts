/**
 * The merge rules (DESIGN.md "ledger contract"), as pure functions over documents:
 *
 * - same kind + key (+ vendor when both know it) is the same document; an invoice first seen
 *   without a vendor and later with one is the same document;
 * - a vendor that restarts numbering each year: the same vendor + key with issue dates more than a
 *   year apart are two documents;
 * - a sighting adds provenance and fills missing fields;
 * - a conflicting value is kept beside the kept one (`conflicts`) and flagged, never overwritten;
 * - a person's value outranks an import's, which outranks a detected one.
 */
import type { Conflict, DocKind, Document, Line, Sighting } from '@/lib/model/document';
import { looseKey, vendorKey as toVendorKey } from '@/lib/model/keys';
import type { Money } from '@/lib/model/money';
import { otherRecord, recordOf } from '@/lib/model/record-address';
import { sightingUrls } from './db';

/** Who supplies a value. Detection is every automatic reading of a page. */
export type Origin = 'detected' | 'import' | 'manual';

const RANK: Record<Origin, number> = { detected: 0, import: 1, manual: 2 };

/** What one sighting, import row group or manual entry says about a document. */
export interface Incoming {
  kind: DocKind;
  number: string;
  key: string;
  vendor?: string;
  date?: string;
  dueDate?: string;
  total?: Money;
  poKeys?: string[];
  correctsKey?: string;
  status?: 'open' | 'closed';
  matchMode?: '2way' | '3way';
  lines?: Line[];
  /**
   * Values another reading of the same document gave (the printed text of a PDF whose embedded XML
   * was recorded): kept in `conflicts` beside the recorded value, which raises conflicting_values.
   */
  conflicts?: Array<{ field: string; value: unknown }>;
  sighting: Sighting;
  origin: Origin;
}

/** The fields merged one value at a time; `poKeys` and `lines` have rules of their own. */
export const SCALAR_FIELDS = ['vendor', 'date', 'dueDate', 'total', 'correctsKey', 'status', 'matchMode'] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

/** Past this many sightings a document keeps its first ones and its newest ones. */
export const MAX_SIGHTINGS = 500;
const KEEP_FIRST_SIGHTINGS = 50;

const DAY_MS = 86_400_000;

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS;
}

/**
 * Which of the stored documents with the same kind and key the incoming one is, if any.
 * `candidates` must all share the incoming kind and key.
 */
export function findSameDocument(all: Document[], incoming: Incoming): Document | undefined {
  const candidates = sameRecordCandidates(all, incoming);
  if (candidates.length === 0) return undefined;
  const vKey = incoming.vendor ? toVendorKey(incoming.vendor) : '';
  const sameYear = (doc: Document) =>
    !(incoming.date && doc.date && incoming.kind !== 'po' && daysApart(incoming.date, doc.date) > 366);
  if (vKey) {
    const same = candidates.find((d) => d.vendorKey === vKey && sameYear(d));
    if (same) return same;
    // Seen before without a vendor: this sighting names it.
    return candidates.find((d) => !d.vendorKey && sameYear(d));
  }
  const fitting = candidates.filter(sameYear);
  if (fitting.length <= 1) return fitting[0];
  // Several vendors use this number: the one already seen on this page, else the latest touched.
  const onPage = fitting.filter((d) => (d.urls ?? sightingUrls(d)).includes(incoming.sighting.url));
  const pool = onPage.length > 0 ? onPage : fitting;
  return [...pool].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))[0];
}

/**
 * One document per record: a vendor's document read from the fields of an application's record
 * is the document already read on that record, and never one read on another record of the same
 * collection (the same invoice entered twice is two documents, a duplicate). A reading tied to no
 * record (a list, a message's text: an e-mail and its reminder are one invoice) may be any of
 * them. The company's own POs keep one document per number.
 */
function sameRecordCandidates(candidates: Document[], incoming: Incoming): Document[] {
  if (incoming.kind === 'po' || candidates.length === 0) return candidates;
  const here = recordOf(incoming.sighting);
  if (!here) return candidates;
  const recordsOf = (d: Document) => d.sightings.map(recordOf);
  const onThis = candidates.filter((d) =>
    recordsOf(d).some((r) => r && r.collection === here.collection && r.id === here.id),
  );
  if (onThis.length) return onThis;
  return candidates.filter((d) => !recordsOf(d).some((r) => otherRecord(r, here)));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ma = a as Partial<Money>;
    const mb = b as Partial<Money>;
    return ma.minor === mb.minor && ma.currency === mb.currency;
  }
  return false;
}

function sourceOf(doc: Document, field: string): Origin {
  if (doc.sources?.[field]) return doc.sources[field];
  return doc.confirmed.includes(field) ? 'manual' : 'detected';
}

function setSource(doc: Document, field: string, origin: Origin): void {
  if (origin === 'detected') return;
  doc.sources = { ...doc.sources, [field]: origin };
  if (!doc.confirmed.includes(field)) doc.confirmed = [...doc.confirmed, field];
}

function addConflict(doc: Document, conflict: Conflict): boolean {
  if (doc.conflicts.some((c) => c.field === conflict.field && sameValue(c.value, conflict.value))) return false;
  doc.conflicts = [...doc.conflicts, conflict];
  return true;
}

/** Drops the conflicts of a field that now holds the value they reported. */
function settleConflicts(doc: Document, field: string): void {
  const value = (doc as Record<string, unknown>)[field];
  if (doc.conflicts.some((c) => c.field === field && sameValue(c.value, value))) {
    doc.conflicts = doc.conflicts.filter((c) => !(c.field === field && sameValue(c.value, value)));
  }
}

function addSighting(doc: Document, sighting: Sighting): void {
  const sightings = [...doc.sightings, sighting];
  doc.sightings =
    sightings.length > MAX_SIGHTINGS
      ? [
          ...sightings.slice(0, KEEP_FIRST_SIGHTINGS),
          ...sightings.slice(sightings.length - (MAX_SIGHTINGS - KEEP_FIRST_SIGHTINGS)),
        ]
      : sightings;
  doc.urls = sightingUrls(doc);
}

/** Copies without `undefined` members, so what is stored round-trips through JSON unchanged. */
export function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

export interface MergeResult {
  doc: Document;
  created: boolean;
  /** Conflicts this merge added (each becomes a `conflicting_values` exception through matching). */
  newConflicts: Conflict[];
}

/**
 * Merges what `incoming` says into `existing` (a copy; the argument is left untouched), or builds a
 * new document. `now` is the ISO time of the change.
 */
export function mergeIncoming(
  existing: Document | undefined,
  incoming: Incoming,
  now: string,
  newId: () => string,
  options: { withSighting?: boolean } = {},
): MergeResult {
  if (!existing) {
    const doc = newDocument(incoming, now, newId);
    return { doc, created: true, newConflicts: addReported(doc, incoming, now) };
  }
  const created = false;
  const doc: Document = existing
    ? { ...existing, sources: existing.sources ? { ...existing.sources } : undefined }
    : {
        id: newId(),
        kind: incoming.kind,
        number: incoming.number,
        key: incoming.key,
        looseKey: looseKey(incoming.number),
        lines: [],
        poKeys: [],
        sightings: [],
        confirmed: [],
        conflicts: [],
        createdAt: now,
        updatedAt: now,
      };
  const newConflicts: Conflict[] = [];
  const rank = RANK[incoming.origin];

  // The printed number: the first one stays, unless a person or an import gives it.
  if (!created && rank > RANK[sourceOf(doc, 'number')] && incoming.number !== doc.number) {
    doc.number = incoming.number;
    doc.looseKey = looseKey(incoming.number);
    setSource(doc, 'number', incoming.origin);
  } else if (created) {
    setSource(doc, 'number', incoming.origin);
  }

  for (const field of SCALAR_FIELDS) {
    const value = incoming[field];
    if (value === undefined) continue;
    const record = doc as Record<string, unknown>;
    const current = record[field];
    if (field === 'vendor') {
      // Vendors that share a vendor key are the same vendor printed differently: fill only.
      if (current === undefined) {
        doc.vendor = value as string;
        doc.vendorKey = toVendorKey(value as string);
        setSource(doc, field, incoming.origin);
      } else if (rank > RANK[sourceOf(doc, field)]) {
        setSource(doc, field, incoming.origin);
      }
      continue;
    }
    if (current === undefined) {
      record[field] = value;
      setSource(doc, field, incoming.origin);
      continue;
    }
    const held = sourceOf(doc, field);
    if (sameValue(current, value)) {
      if (rank > RANK[held]) setSource(doc, field, incoming.origin);
      continue;
    }
    const conflictOf = (v: unknown, origin: Origin): Conflict =>
      withoutUndefined({
        field,
        value: v,
        seenAt: now,
        via: origin === 'detected' ? incoming.sighting.via : origin,
        url: origin === incoming.origin ? incoming.sighting.url : undefined,
      });
    if (rank > RANK[held]) {
      // The better source wins; the value it replaces stays on record beside it.
      record[field] = value;
      setSource(doc, field, incoming.origin);
      const kept = conflictOf(current, held);
      if (held === 'detected' && addConflict(doc, kept)) newConflicts.push(kept);
      settleConflicts(doc, field);
    } else if (rank === RANK[held] && incoming.origin !== 'detected') {
      // A newer export from the ERP, or a person correcting themselves: the newer word stands.
      record[field] = value;
      settleConflicts(doc, field);
    } else {
      const c = conflictOf(value, incoming.origin);
      if (addConflict(doc, c)) newConflicts.push(c);
    }
  }

  if (incoming.poKeys && incoming.poKeys.length > 0) {
    const held = sourceOf(doc, 'poKeys');
    if (rank >= RANK[held] && incoming.origin !== 'detected') {
      doc.poKeys = [...new Set(incoming.poKeys)];
      setSource(doc, 'poKeys', incoming.origin);
    } else if (held === 'detected') {
      // References add up: an invoice may cite several POs on different pages.
      doc.poKeys = [...new Set([...doc.poKeys, ...incoming.poKeys])];
    }
  }

  if (incoming.lines && incoming.lines.length > 0) {
    const held = sourceOf(doc, 'lines');
    if (doc.lines.length === 0 || (rank >= RANK[held] && incoming.origin !== 'detected')) {
      doc.lines = incoming.lines;
      setSource(doc, 'lines', incoming.origin);
    }
  }

  newConflicts.push(...addReported(doc, incoming, now));

  // One report that names a document twice (a table and a footer) is one sighting.
  if (options.withSighting !== false) addSighting(doc, incoming.sighting);
  doc.updatedAt = now;
  return { doc: withoutUndefined(doc), created, newConflicts };
}

/** The conflicting values an incoming reading brings along (see `Incoming.conflicts`). */
function addReported(doc: Document, incoming: Incoming, now: string): Conflict[] {
  const added: Conflict[] = [];
  for (const c of incoming.conflicts ?? []) {
    const conflict = withoutUndefined({
      field: c.field,
      value: c.value,
      seenAt: now,
      via: incoming.sighting.via,
      url: incoming.sighting.url,
    });
    if (addConflict(doc, conflict)) added.push(conflict);
  }
  return added;
}

/**
 * A document that did not exist: the same result as merging into an empty one, built in one go
 * because an import creates a hundred thousand of them.
 */
function newDocument(incoming: Incoming, now: string, newId: () => string): Document {
  const vouched = incoming.origin !== 'detected';
  const confirmed: string[] = vouched ? ['number'] : [];
  const doc: Record<string, unknown> = {
    id: newId(),
    kind: incoming.kind,
    number: incoming.number,
    key: incoming.key,
    looseKey: looseKey(incoming.number),
  };
  for (const field of SCALAR_FIELDS) {
    const value = incoming[field];
    if (value === undefined) continue;
    doc[field] = value;
    if (field === 'vendor') doc.vendorKey = toVendorKey(value as string);
    if (vouched) confirmed.push(field);
  }
  const poKeys = incoming.poKeys && incoming.poKeys.length > 0 ? [...new Set(incoming.poKeys)] : [];
  if (vouched && poKeys.length > 0) confirmed.push('poKeys');
  const lines = incoming.lines && incoming.lines.length > 0 ? incoming.lines : [];
  if (vouched && lines.length > 0) confirmed.push('lines');
  doc.lines = lines;
  doc.poKeys = poKeys;
  doc.sightings = [incoming.sighting];
  doc.confirmed = confirmed;
  doc.conflicts = [];
  doc.createdAt = now;
  doc.updatedAt = now;
  if (vouched) {
    const sources: Record<string, 'manual' | 'import'> = {};
    for (const f of confirmed) sources[f] = incoming.origin as 'manual' | 'import';
    doc.sources = sources;
  }
  doc.urls = [incoming.sighting.url];
  return doc as unknown as Document;
}
