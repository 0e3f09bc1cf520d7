/**
 * The ledger's entry for the team's changes (lib/sync): documents, deletions, clerk decisions and
 * tolerances that came from the team server, written in one transaction together with the sync's
 * bookkeeping (revision bases, the feed position) and followed by the re-match of the PO groups they
 * touch — so the duplicate another clerk entered is raised here.
 *
 * A row with a local change that the sync has not handed on yet (an outbox row) is left as it is:
 * the local change is pushed next as a child of the revision it was made on, and if the team moved
 * on meanwhile CouchDB keeps both and the conflict is shown. Nothing local is overwritten unseen.
 */
import type { MatchOutput } from '@/lib/match';
import { rematch } from '@/lib/match';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import type { MatchSettings } from '@/lib/model/settings';
import { whereAnyOf } from './any-of';
import type { TieoutDB } from './db';
import { RESET_KEY } from './team-tables';

export interface TeamBatch {
  documents: Document[];
  deletedDocIds: string[];
  /** Clerk decisions and `sync_conflict` exceptions, stored as they are. */
  exceptions: MatchException[];
  /** Exception ids whose `sync_conflict` no longer stands (closed as resolved by data unless a clerk decided). */
  settledConflicts: string[];
  settings?: MatchSettings;
}

export interface TeamBatchOptions {
  /**
   * Skip the group re-match (a first sync of a large ledger): the caller runs `rematchAll` once at
   * the end; `syncState.rematchPending` says so across a worker stop.
   */
  deferMatching?: boolean;
  /** Runs inside the transaction after the writes: the sync's bookkeeping, told which keys were left alone. */
  bookkeeping: (skipped: ReadonlySet<string>) => Promise<void>;
}

export const REMATCH_PENDING_ID = 'rematchPending';

type RematchAfter = (changed: Document[], before: Document[]) => Promise<MatchOutput>;

export async function applyTeamBatch(
  db: TieoutDB,
  now: () => string,
  rematchAfter: RematchAfter,
  batch: TeamBatch,
  opts: TeamBatchOptions,
): Promise<{ applied: number; skipped: string[] }> {
  const tables = [db.documents, db.exceptions, db.settings, db.ignored, db.trash, db.outbox, db.syncBase, db.syncState];
  return db.transaction('rw', tables, async () => {
    const keys = [
      ...batch.documents.map((d) => `doc:${d.id}`),
      ...batch.deletedDocIds.map((id) => `doc:${id}`),
      ...batch.exceptions.map((e) => `exception:${e.id}`),
    ];
    const pending = new Set(
      (await db.outbox.bulkGet([...keys, RESET_KEY])).filter((r) => r !== undefined).map((r) => r.key),
    );
    const skipped = new Set(keys.filter((k) => pending.has(k)));
    const docs = batch.documents.filter((d) => !skipped.has(`doc:${d.id}`));
    const deleted = batch.deletedDocIds.filter((id) => !skipped.has(`doc:${id}`));
    const before = (await db.documents.bulkGet([...docs.map((d) => d.id), ...deleted])).filter(
      (d): d is Document => d !== undefined,
    );

    if (docs.length > 0) await db.documents.bulkPut(docs);
    if (deleted.length > 0) {
      const gone = await whereAnyOf(db.exceptions, 'docIds', deleted);
      await db.exceptions.bulkDelete(gone.map((e) => e.id));
      await db.documents.bulkDelete(deleted);
    }
    const exceptions = batch.exceptions.filter((e) => !skipped.has(`exception:${e.id}`));
    if (exceptions.length > 0) await db.exceptions.bulkPut(exceptions);
    if (batch.settledConflicts.length > 0) {
      const stale = (await db.exceptions.bulkGet(batch.settledConflicts)).filter(
        (e): e is MatchException => e?.state === 'open',
      );
      await db.exceptions.bulkPut(
        stale.map((e) => ({ ...e, state: 'resolved', resolvedAt: now(), resolution: { kind: 'resolved_by_data' } })),
      );
    }
    if (batch.settings) await db.settings.put({ id: 'match', value: batch.settings });

    await opts.bookkeeping(skipped);
    if (opts.deferMatching || (await db.syncState.get(REMATCH_PENDING_ID))?.value === true) {
      await db.syncState.put({ id: REMATCH_PENDING_ID, value: true });
    } else if (batch.settings) {
      await rematchAll(db, now, batch.settings);
    } else if (docs.length + before.length > 0) {
      await rematchAfter(docs, before);
    }
    return { applied: docs.length + deleted.length + exceptions.length, skipped: [...skipped] };
  });
}

/** One re-match of the whole ledger (after a deferred first sync, or new tolerances), and the pending mark cleared. */
export async function rematchAll(db: TieoutDB, now: () => string, settings: MatchSettings): Promise<void> {
  await db.transaction('rw', [db.documents, db.exceptions, db.syncState, db.syncBase], async () => {
    const out = rematch({
      docs: await db.documents.toArray(),
      existing: await db.exceptions.toArray(),
      settings,
      now: now(),
      returns: 'exceptions',
    });
    if (out.upserts.length > 0) await db.exceptions.bulkPut(out.upserts);
    await db.syncState.delete(REMATCH_PENDING_ID);
  });
}
