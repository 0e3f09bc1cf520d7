/**
 * Conflicting revisions of one team record, as CouchDB keeps them: the winner is CouchDB's
 * deterministic pick (the same on every machine), the losing leaves stay attached. Pure.
 *
 * - Values differ (two clerks set a total, a vendor, a decision): a `sync_conflict` exception names
 *   both values and both clerks until a clerk accepts one (after editing, if they want the other).
 * - Only provenance differs (both clerks saw the invoice; identical edits): nothing to choose; the
 *   sightings are united and the losing leaves closed — deterministically, so every machine writes
 *   the very same revision and the conflict does not come back.
 */
import { docLabel } from '@/lib/match/describe';
import type { Document, Sighting } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { formatMoney, type Money } from '@/lib/model/money';
import { canonical, FORMATS_KEY, type TeamRecord } from './records';

/** The fields a clerk sets; what differs elsewhere (sightings, timestamps, sources) is provenance. */
const DOCUMENT_VALUES = [
  'number',
  'kind',
  'vendor',
  'date',
  'dueDate',
  'total',
  'poKeys',
  'correctsKey',
  'status',
  'matchMode',
  'lines',
] as const;

export interface Leaf {
  rev: string;
  record: TeamRecord;
}

export interface FieldDiff {
  field: string;
  winner: unknown;
  loser: unknown;
  winnerBy: string;
  loserBy: string;
  loserRev: string;
}

function valuesOf(record: TeamRecord): Record<string, unknown> {
  const body = record.body as Record<string, unknown>;
  if (record.kind === 'document') return Object.fromEntries(DOCUMENT_VALUES.map((f) => [f, body[f]]));
  if (record.kind === 'decision') {
    const r = body.resolution as { kind?: string } | null;
    return { state: body.state, resolution: r?.kind ?? null };
  }
  if (record.kind === 'formats') return { formats: record.body };
  return { ...body };
}

function byOf(record: TeamRecord, field: string): string {
  if (record.kind === 'document') {
    const edited = record.body.editedBy?.[field]?.by;
    if (edited) return edited;
  }
  if (record.kind === 'decision' && field === 'resolution' && record.body.resolution?.by)
    return record.body.resolution.by;
  return record.by ?? 'a clerk without a name';
}

/** Which values differ between the winner and each losing leaf. */
export function valueDiffs(winner: TeamRecord, losers: Leaf[]): FieldDiff[] {
  const w = valuesOf(winner);
  const out: FieldDiff[] = [];
  for (const leaf of losers) {
    const l = valuesOf(leaf.record);
    for (const field of Object.keys({ ...w, ...l })) {
      if (canonical(w[field]) === canonical(l[field])) continue;
      out.push({
        field,
        winner: w[field],
        loser: l[field],
        winnerBy: byOf(winner, field),
        loserBy: byOf(leaf.record, field),
        loserRev: leaf.rev,
      });
    }
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'object' && value && 'minor' in value && 'currency' in value) return formatMoney(value as Money);
  if (Array.isArray(value))
    return value.length === 0
      ? 'none'
      : value
          .map((v) => describe(v))
          .join(', ')
          .slice(0, 80);
  const s = typeof value === 'string' ? value.replace(/_/g, ' ') : JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function subject(record: TeamRecord): string {
  if (record.kind === 'document') return docLabel(record.body as Document);
  if (record.kind === 'decision') return `The decision on “${record.body.message.slice(0, 120)}”`;
  if (record.key === FORMATS_KEY) return 'The custom number formats';
  return 'The match tolerances';
}

const LABEL: Record<string, string> = { dueDate: 'due date', poKeys: 'PO numbers', correctsKey: 'corrected invoice' };

/**
 * The `sync_conflict` for a record whose leaves disagree on values; its id is the same on every
 * machine. `losingRevs` are all the losing leaves, also those that could not be read (`diffs` come
 * from the readable ones), so the id names the conflict as CouchDB keeps it.
 */
export function conflictException(
  winner: Leaf,
  losingRevs: readonly string[],
  diffs: FieldDiff[],
  openedAt: string,
): MatchException {
  const record = winner.record;
  const parts = diffs.map(
    (d) =>
      `${LABEL[d.field] ?? d.field} ${describe(d.winner)} by ${d.winnerBy} (kept, the server’s pick) vs ${describe(d.loser)} by ${d.loserBy}`,
  );
  const doc = record.kind === 'document' ? (record.body as Document) : undefined;
  const poKey = doc ? (doc.kind === 'po' ? doc.key : doc.poKeys.length === 1 ? doc.poKeys[0] : undefined) : undefined;
  const docIds = doc ? [doc.id] : record.kind === 'decision' ? [...record.body.docIds] : [];
  const id = conflictId(record.key, [winner.rev, ...losingRevs]);
  const ex: MatchException = {
    id,
    type: 'sync_conflict',
    severity: 'high',
    docIds,
    message:
      `${subject(record)} was changed by two clerks before either saw the other’s change: ${parts.join('; ')}. Edit it to the right value, then accept.`.slice(
        0,
        2000,
      ),
    openedAt,
    resolvedAt: null,
    resolution: null,
    state: 'open',
  };
  if (poKey) ex.poKey = poKey;
  return ex;
}

/**
 * `sync_conflict::<record key>:<hash of its leaf revisions>`: one id per standing conflict, the same
 * on every machine, and a record id like any other (backups and restores check ids' characters).
 */
export function conflictId(key: string, revs: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const c of [...revs].sort().join(',')) h = Math.imul(h ^ (c.codePointAt(0) as number), 0x01000193);
  return `sync_conflict::${key}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** The record key a `sync_conflict` id stands for. */
export function conflictKey(exception: Pick<MatchException, 'id' | 'type'>): string | undefined {
  if (exception.type !== 'sync_conflict') return undefined;
  const m = /^sync_conflict::(.+):[0-9a-f]{8}$/.exec(exception.id);
  return m?.[1];
}

/** Every sighting of the winner and the losing leaves, once each, oldest first. */
export function unitedSightings(winner: Document, losers: Document[]): Sighting[] {
  const seen = new Map<string, Sighting>();
  for (const s of [winner, ...losers].flatMap((d) => d.sightings)) seen.set(canonical(s), s);
  const all = [...seen.values()].sort((a, b) => (a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : 0));
  return all.length > 500 ? [...all.slice(0, 50), ...all.slice(all.length - 450)] : all;
}
