/**
 * The bridge between the Dexie ledger and the PouchDB mirror of the team database.
 *
 * push: the ledger's outbox (and the tolerances and formats, compared with what was last synced)
 *   into the mirror, each change as a child revision of the one it was made on (`syncBase`). The
 *   revision id is a hash of the content and its parent, so writing the same change twice after a
 *   worker stop is the same revision, not a second one. Outbox rows go only once the mirror holds
 *   the change, and only if nothing changed them meanwhile.
 * pull: the mirror's changes feed, from the position last applied, into the ledger: every record
 *   parsed by lib/sync/records.ts (refusals reported, never stored), conflicts turned into
 *   `sync_conflict` exceptions (lib/sync/conflicts.ts), and the position stored in the same
 *   transaction as the rows, so a stop between two batches resumes where it was.
 *
 * Between the two, PouchDB replicates the mirror with the server (lib/sync/engine.ts).
 */
import type { PouchDoc } from 'pouchdb-core';
import type { Ledger, TieoutDB } from '@/lib/ledger';
import { REMATCH_PENDING_ID, type TeamBatch } from '@/lib/ledger';
import { sightingUrls } from '@/lib/ledger/db';
import { RESET_KEY, type SyncBaseRow } from '@/lib/ledger/team-tables';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { MatchSettingsSchema } from '@/lib/model/settings';
import { conflictException, conflictId, conflictKey, type Leaf, unitedSightings, valueDiffs } from './conflicts';
import type { Pouch } from './pouch';
import { canonical, digest, FORMATS_KEY, parseRecord, SETTINGS_KEY, type TeamRecord } from './records';

export const PUSH_BATCH = 500;
export const PULL_BATCH = 500;
/** Past this many changes to apply, matching waits for the end and runs once over the whole ledger. */
export const DEFER_MATCHING_AT = 2000;
const SEQ_ID = 'pulledSeq';
const DELETED = 'deleted';

export interface FormatsPort {
  get(): Promise<unknown[]>;
  set(formats: unknown[]): Promise<void>;
}

export interface BridgeDeps {
  db: TieoutDB;
  ledger: Pick<Ledger, 'applyTeamBatch' | 'rematchAll'>;
  mirror: Pouch;
  formats: FormatsPort;
  clerk: string;
  now: () => string;
}

export interface Refusal {
  id: string;
  reason: string;
}

const generation = (rev: string | undefined) => (rev ? Number.parseInt(rev, 10) || 0 : 0);
const revHash = (rev: string) => rev.slice(rev.indexOf('-') + 1);

/**
 * A revision as a child of `parent` (or a first one), with an id that depends only on content and
 * parent — not on `at`, the time of writing: a push repeated after a worker stop must give the very
 * revision the mirror already holds, not a sibling that would stand as a conflict with itself.
 */
async function childRevision(record: Record<string, unknown>, parent: string | undefined): Promise<PouchDoc> {
  const { at: _at, ...content } = record;
  const hash = await digest(`${canonical(content)}\n${parent ?? ''}`);
  const start = generation(parent) + 1;
  return {
    ...record,
    _id: record._id as string,
    _rev: `${start}-${hash}`,
    _revisions: { start, ids: parent ? [hash, revHash(parent)] : [hash] },
  };
}

/** Closes a losing leaf: a deleted child, the same on every machine that closes it. */
async function closedLeaf(id: string, leaf: string): Promise<PouchDoc> {
  const hash = await digest(`closed\n${leaf}`);
  const start = generation(leaf) + 1;
  return { _id: id, _rev: `${start}-${hash}`, _deleted: true, _revisions: { start, ids: [hash, revHash(leaf)] } };
}

function writeFailures(results: Awaited<ReturnType<Pouch['bulkDocs']>>): string[] {
  return results.flatMap((r) => ('error' in r && r.error ? [`${r.id ?? '?'}: ${r.message ?? String(r.error)}`] : []));
}

function isClerkDecision(e: MatchException): boolean {
  const k = e.resolution?.kind;
  return k === 'accepted' || k === 'not_duplicate' || k === 'linked';
}

export function createBridge(deps: BridgeDeps) {
  const { db, mirror } = deps;

  function recordFor(key: string, type: TeamRecord['kind'], body: unknown): Record<string, unknown> {
    return { _id: key, type, by: deps.clerk, at: deps.now(), body };
  }

  /**
   * Local changes into the mirror: how many revisions were written, and the records left unsent
   * because the team's clerks would refuse them (lib/sync/records.ts), so no clerk's ledger is
   * asked to take what it cannot read; they stay in this ledger as they are.
   */
  async function push(): Promise<{ written: number; unsent: Refusal[] }> {
    let written = 0;
    const unsent: Refusal[] = [];
    // A wipe or restore: apply the team's copy again from the start (nothing is deleted on the team's side).
    const reset = await db.outbox.get(RESET_KEY);
    if (reset) {
      await db.transaction(
        'rw',
        [db.outbox, db.syncState, db.syncBase, db.documents, db.exceptions, db.settings],
        async () => {
          // What the wipe removed here is forgotten as synced, so the pull from the start applies it again;
          // what is still here keeps its base, so a restored row is pushed as a child of what it was.
          const keys = (await db.syncBase.toCollection().primaryKeys()) as string[];
          const docKeys = keys.filter((k) => k.startsWith('doc:'));
          const exKeys = keys.filter((k) => k.startsWith('exception:'));
          const [docs, exceptions, settings] = await Promise.all([
            db.documents.bulkGet(docKeys.map((k) => k.slice(4))),
            db.exceptions.bulkGet(exKeys.map((k) => k.slice(10))),
            db.settings.get('match'),
          ]);
          const gone = [
            ...docKeys.filter((_, i) => !docs[i]),
            ...exKeys.filter((_, i) => !exceptions[i]),
            ...(settings ? [] : [SETTINGS_KEY]),
          ];
          await db.syncBase.bulkDelete(gone);
          await db.syncState.put({ id: SEQ_ID, value: 0 });
          if ((await db.outbox.get(RESET_KEY))?.stamp === reset.stamp) await db.outbox.delete(RESET_KEY);
        },
      );
    }
    written += await pushSingletons(unsent);
    for (;;) {
      const rows = (await db.outbox.limit(PUSH_BATCH + 1).toArray()).filter((r) => r.key !== RESET_KEY);
      if (rows.length === 0) break;
      const batch = rows.slice(0, PUSH_BATCH);
      const keys = batch.map((r) => r.key);
      const docIds = keys.filter((k) => k.startsWith('doc:')).map((k) => k.slice(4));
      const exIds = keys.filter((k) => k.startsWith('exception:')).map((k) => k.slice(10));
      const [docs, exceptions, bases] = await Promise.all([
        db.documents.bulkGet(docIds),
        db.exceptions.bulkGet(exIds),
        db.syncBase.bulkGet(keys),
      ]);
      const local = new Map<string, { type: TeamRecord['kind']; body: unknown }>();
      docIds.forEach((id, i) => {
        const d = docs[i];
        if (d) local.set(`doc:${id}`, { type: 'document', body: d });
      });
      const closing: MatchException[] = [];
      exIds.forEach((id, i) => {
        const e = exceptions[i];
        if (!e || !isClerkDecision(e)) return;
        local.set(`exception:${id}`, { type: 'decision', body: e });
        if (e.type === 'sync_conflict') closing.push(e);
      });
      const baseOf = new Map<string, SyncBaseRow>();
      for (const b of bases) if (b) baseOf.set(b.key, b);

      const out: PouchDoc[] = [];
      const newBases: SyncBaseRow[] = [];
      for (const key of keys) {
        const base = baseOf.get(key);
        const mine = local.get(key);
        if (!mine) {
          // Deleted here (documents only; a decision is never taken back by deleting it).
          if (key.startsWith('doc:') && base && base.hash !== DELETED) {
            const rec = { _id: key, _deleted: true, by: deps.clerk, at: deps.now() };
            const rev = await childRevision(rec, base.rev);
            out.push(rev);
            newBases.push({ ...base, rev: rev._rev as string, hash: DELETED });
          }
          continue;
        }
        const hash = await digest(canonical(mine.body));
        if (base?.hash === hash) continue;
        const record = recordFor(key, mine.type, mine.body);
        const readable = parseRecord(record);
        if (!readable.ok) {
          unsent.push({ id: key, reason: readable.reason });
          continue;
        }
        const rev = await childRevision(record, base?.rev);
        out.push(rev);
        newBases.push({
          key,
          rev: rev._rev as string,
          hash,
          ...(base?.conflicts ? { conflicts: base.conflicts } : {}),
        });
      }
      // A clerk accepted a `sync_conflict`: the losing leaves it named are closed, on the team's side too.
      for (const e of closing) {
        const key = conflictKey(e);
        if (!key) continue;
        const base = newBases.find((b) => b.key === key) ?? baseOf.get(key) ?? (await db.syncBase.get(key));
        if (!base?.conflicts?.length || conflictId(key, [base.rev, ...base.conflicts]) !== e.id) continue;
        for (const leaf of base.conflicts) out.push(await closedLeaf(key, leaf));
        const { conflicts: _closed, ...rest } = base;
        const i = newBases.findIndex((b) => b.key === key);
        if (i >= 0) newBases[i] = rest;
        else newBases.push(rest);
      }
      if (out.length > 0) {
        const failures = writeFailures(await mirror.bulkDocs(out, { new_edits: false }));
        if (failures.length > 0) throw new Error(`the local copy refused ${failures.length} change(s): ${failures[0]}`);
      }
      await db.transaction('rw', [db.outbox, db.syncBase], async () => {
        if (newBases.length > 0) await db.syncBase.bulkPut(newBases);
        const now = await db.outbox.bulkGet(keys);
        const done = batch.filter((r, i) => now[i]?.stamp === r.stamp).map((r) => r.key);
        await db.outbox.bulkDelete(done);
      });
      written += out.length;
    }
    return { written, unsent };
  }

  /** Tolerances and formats: pushed when they differ from what was last synced. */
  async function pushSingletons(unsent: Refusal[]): Promise<number> {
    const settingsRow = await db.settings.get('match');
    const settings = MatchSettingsSchema.safeParse(settingsRow?.value);
    const formats = await deps.formats.get();
    const items: { key: string; type: TeamRecord['kind']; body: unknown }[] = [];
    if (settings.success) items.push({ key: SETTINGS_KEY, type: 'settings', body: settings.data });
    if (formats.length > 0 || (await db.syncBase.get(FORMATS_KEY))) {
      items.push({ key: FORMATS_KEY, type: 'formats', body: formats });
    }
    let written = 0;
    for (const item of items) {
      const base = await db.syncBase.get(item.key);
      const hash = await digest(canonical(item.body));
      if (base?.hash === hash) continue;
      const record = recordFor(item.key, item.type, item.body);
      const readable = parseRecord(record);
      if (!readable.ok) {
        unsent.push({ id: item.key, reason: readable.reason });
        continue;
      }
      const rev = await childRevision(record, base?.rev);
      const failures = writeFailures(await mirror.bulkDocs([rev], { new_edits: false }));
      if (failures.length > 0) throw new Error(`the local copy refused a change: ${failures[0]}`);
      await db.syncBase.put({
        key: item.key,
        rev: rev._rev as string,
        hash,
        ...(base?.conflicts ? { conflicts: base.conflicts } : {}),
      });
      written += 1;
    }
    return written;
  }

  /** The leaves that lost to the winner, parsed; unreadable ones are left out (and reported). */
  async function losingLeaves(id: string, revs: string[], refused: Refusal[]): Promise<Leaf[]> {
    const got = await mirror.get(id, { open_revs: revs });
    const leaves: Leaf[] = [];
    for (const g of got) {
      if (!('ok' in g) || g.ok._deleted) continue;
      const parsed = parseRecord(g.ok);
      if (parsed.ok) leaves.push({ rev: g.ok._rev as string, record: parsed.record });
      else refused.push({ id: `${id} (${g.ok._rev})`, reason: parsed.reason });
    }
    return leaves;
  }

  /** Mirror changes into the ledger. */
  async function pull(onProgress?: (applied: number) => void): Promise<{ applied: number; refused: Refusal[] }> {
    const refused: Refusal[] = [];
    let applied = 0;
    const info = await mirror.info();
    const startSeq = ((await db.syncState.get(SEQ_ID))?.value as number | string | undefined) ?? 0;
    const behind = Number(info.update_seq) - Number(startSeq);
    const deferMatching = Number.isFinite(behind) && behind > DEFER_MATCHING_AT;
    for (;;) {
      const since = ((await db.syncState.get(SEQ_ID))?.value as number | string | undefined) ?? 0;
      const feed = await mirror.changes({
        since,
        limit: PULL_BATCH,
        include_docs: true,
        conflicts: true,
        return_docs: true,
      });
      if (feed.results.length === 0) break;
      const batch: TeamBatch = { documents: [], deletedDocIds: [], exceptions: [], settledConflicts: [] };
      const bases: SyncBaseRow[] = [];
      const merges: PouchDoc[] = [];
      let formats: unknown[] | undefined;
      const keys = feed.results.map((r) => r.id);
      const oldBases = new Map((await db.syncBase.bulkGet(keys)).filter((b) => !!b).map((b) => [b.key, b]));
      for (const change of feed.results) {
        const key = change.id;
        if (key.startsWith('_')) continue;
        const doc = change.doc;
        if (!doc) continue;
        const winnerRev = doc._rev as string;
        const old = oldBases.get(key);
        if (change.deleted || doc._deleted) {
          if (key.startsWith('doc:') && old?.rev !== winnerRev) {
            batch.deletedDocIds.push(key.slice(4));
            bases.push({ key, rev: winnerRev, hash: DELETED });
          }
          continue;
        }
        const conflicts = doc._conflicts ?? [];
        if (old?.rev === winnerRev && conflicts.length === 0 && !old.conflicts?.length) continue;
        const parsed = parseRecord(doc);
        if (!parsed.ok) {
          refused.push({ id: key, reason: parsed.reason });
          continue;
        }
        let record = parsed.record;
        const base: SyncBaseRow = { key, rev: winnerRev, hash: await digest(canonical(record.body)) };
        if (conflicts.length > 0) {
          const losers = await losingLeaves(key, conflicts, refused);
          const diffs = valueDiffs(record, losers);
          if (record.kind === 'document') {
            const losingDocs = losers.flatMap((l) => (l.record.kind === 'document' ? [l.record.body as Document] : []));
            const sightings = unitedSightings(record.body as Document, losingDocs);
            const united = { ...record.body, sightings, urls: sightingUrls({ sightings }) };
            record = { ...record, body: united };
          }
          if (diffs.length === 0) {
            // Nothing to choose between: one merged revision (the winner's author and time, so every
            // machine writes the same one) and the losing leaves closed.
            if (canonical(record.body) !== canonical(parsed.record.body)) {
              const merged = await childRevision(
                { _id: key, type: record.kind, by: parsed.record.by, at: parsed.record.at, body: record.body },
                winnerRev,
              );
              merges.push(merged);
              base.rev = merged._rev as string;
              base.hash = await digest(canonical(record.body));
            }
            for (const leaf of conflicts) merges.push(await closedLeaf(key, leaf));
          } else {
            base.conflicts = conflicts;
            batch.exceptions.push(conflictException({ rev: winnerRev, record }, conflicts, diffs, deps.now()));
          }
        }
        // A conflict that no longer stands, or stands now between other revisions (a clerk edited the
        // record instead of accepting): the open exceptions for it that are not the current one close.
        if (conflicts.length > 0 || old?.conflicts?.length) {
          const current = base.conflicts ? conflictId(key, [winnerRev, ...base.conflicts]) : undefined;
          for (const e of await db.exceptions.where('id').startsWith(`sync_conflict::${key}:`).toArray()) {
            if (e.state === 'open' && e.id !== current && conflictKey(e) === key) batch.settledConflicts.push(e.id);
          }
        }
        if (record.kind === 'document') batch.documents.push(record.body as Document);
        else if (record.kind === 'decision') batch.exceptions.push(record.body);
        else if (record.kind === 'settings') {
          if (await localSingletonUnchanged(SETTINGS_KEY, (await db.settings.get('match'))?.value, old)) {
            batch.settings = record.body;
          } else continue;
        } else if (record.kind === 'formats') {
          if (await localSingletonUnchanged(FORMATS_KEY, await deps.formats.get(), old)) formats = record.body;
          else continue;
        }
        bases.push(base);
      }
      // A sync_conflict already stored (open or decided) stays as it is.
      const conflictIds = batch.exceptions
        .filter((e) => e.type === 'sync_conflict' && e.state === 'open')
        .map((e) => e.id);
      if (conflictIds.length > 0) {
        const stored = new Set((await db.exceptions.bulkGet(conflictIds)).filter((e) => !!e).map((e) => e.id));
        batch.exceptions = batch.exceptions.filter(
          (e) => !(e.type === 'sync_conflict' && e.state === 'open' && stored.has(e.id)),
        );
      }
      if (merges.length > 0) {
        const failures = writeFailures(await mirror.bulkDocs(merges, { new_edits: false }));
        if (failures.length > 0) throw new Error(`the local copy refused a merge: ${failures[0]}`);
      }
      // Formats live in extension storage, outside the transaction: written first, so a stop in
      // between at worst repeats them (the same content makes no conflict that needs a clerk).
      if (formats) await deps.formats.set(formats);
      const result = await deps.ledger.applyTeamBatch(batch, {
        deferMatching,
        bookkeeping: async (skipped) => {
          const kept = bases.filter((b) => !skipped.has(b.key));
          if (kept.length > 0) await db.syncBase.bulkPut(kept);
          await db.syncState.put({ id: SEQ_ID, value: feed.last_seq });
        },
      });
      applied += result.applied;
      onProgress?.(applied);
      if (feed.results.length < PULL_BATCH) break;
    }
    if ((await db.syncState.get(REMATCH_PENDING_ID))?.value === true) await deps.ledger.rematchAll();
    return { applied, refused };
  }

  /** A tolerance or format set is taken from the team unless it was changed here since the last sync. */
  async function localSingletonUnchanged(key: string, value: unknown, base: SyncBaseRow | undefined): Promise<boolean> {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return true;
    const hash = await digest(canonical(key === SETTINGS_KEY ? MatchSettingsSchema.safeParse(value).data : value));
    return base ? base.hash === hash : false;
  }

  return { push, pull };
}
export type Bridge = ReturnType<typeof createBridge>;
