/**
 * The ledger's side of the team ledger (lib/sync): three tables and a change feed.
 *
 * - `outbox`: one row per document or clerk decision changed here and not yet handed to the team
 *   mirror, written in the same transaction as the change itself, so a change survives a worker stop
 *   between being made and being synced (`key` is `doc:<id>` or `exception:<id>`; `stamp` changes on
 *   every write, so the sync removes a row only if nothing changed since it read it).
 * - `syncBase`: per replicated entity, the CouchDB revision the local row derives from and the hash
 *   of its content then. A local edit is pushed as a child of that revision: if the team moved on
 *   meanwhile, CouchDB keeps both branches and the conflict is shown instead of overwritten.
 * - `syncState`: the change-feed switch (`tracking`), the mirror's sequence applied so far, refusals.
 *
 * The change feed is a Dexie DBCore middleware: every read-write transaction that touches
 * `documents` or `exceptions` also takes `outbox` and `syncState`, and while tracking is on each
 * put or delete leaves its key in the outbox. The sync's own writes run in transactions that take
 * `syncBase`, and those are not recorded (they are the team's changes, already in the mirror).
 * With no team configured tracking is off and nothing is recorded.
 *
 * Kept apart from db.ts so that the version that adds these tables is one line there (renumbered at
 * a merge) with its test in tests/ledger/team-tables.test.ts.
 */
import type Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

export const TEAM_STORES = {
  outbox: 'key',
  syncBase: 'key',
  syncState: 'id',
} as const;

export interface OutboxRow {
  key: string;
  stamp: string;
}

export interface SyncBaseRow {
  key: string;
  rev: string;
  hash: string;
  /** Leaf revisions that lost to `rev` (CouchDB's winner), while the conflict stands. */
  conflicts?: string[];
}

export interface SyncStateRow {
  id: string;
  value: unknown;
}

/** `syncState` ids. */
export const TRACKING_ID = 'tracking';
/** A wipe or restore cleared `documents`: the next sync re-applies the team's copy from the start. */
export const RESET_KEY = 'reset';

const TRACKED = new Set(['documents', 'exceptions']);
/** Tables the sync's own transactions take; a transaction holding one of them is not recorded. */
const SYNC_OWN = 'syncBase';

/** Clerk decisions replicate; what matching derives, every machine derives for itself. */
function isClerkDecision(value: unknown): boolean {
  const kind = (value as { resolution?: { kind?: unknown } | null } | undefined)?.resolution?.kind;
  return kind === 'accepted' || kind === 'not_duplicate' || kind === 'linked';
}

let counter = 0;
function newStamp(): string {
  counter = (counter + 1) % 1_000_000;
  return `${Date.now().toString(36)}.${counter.toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
}

function outboxKeys(table: string, req: DBCoreMutateRequest, primary: DBCoreTable): string[] {
  const prefix = table === 'documents' ? 'doc:' : 'exception:';
  if (req.type === 'deleteRange') return table === 'documents' ? [RESET_KEY] : [];
  if (req.type === 'delete') return table === 'documents' ? req.keys.map((k) => prefix + String(k)) : [];
  const extract = primary.schema.primaryKey.extractKey;
  const out: string[] = [];
  req.values.forEach((v, i) => {
    // Exceptions: only a clerk's decision leaves the machine.
    if (table === 'exceptions' && !isClerkDecision(v)) return;
    const key = req.keys?.[i] ?? extract?.(v);
    if (key !== undefined) out.push(prefix + String(key));
  });
  return out;
}

/** The change feed (see the file comment). */
export const changeFeed: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'tieout-team-change-feed',
  create(down) {
    if (!down.schema.tables.some((t) => t.name === 'outbox')) return down;
    const recorded = new WeakSet<DBCoreTransaction>();
    const trackingOf = new WeakMap<DBCoreTransaction, Promise<boolean>>();
    const state = down.table('syncState');
    const outbox = down.table('outbox');
    return {
      ...down,
      transaction(stores, mode, options) {
        const watch = mode === 'readwrite' && !stores.includes(SYNC_OWN) && stores.some((s) => TRACKED.has(s));
        const scope = watch ? [...new Set([...stores, 'outbox', 'syncState'])] : stores;
        const trans = down.transaction(scope, mode, options);
        if (watch) recorded.add(trans);
        return trans;
      },
      table(name) {
        const table = down.table(name);
        if (!TRACKED.has(name)) return table;
        return {
          ...table,
          async mutate(req) {
            const result = await table.mutate(req);
            if (!recorded.has(req.trans)) return result;
            let tracking = trackingOf.get(req.trans);
            if (!tracking) {
              tracking = state.get({ trans: req.trans, key: TRACKING_ID }).then((row) => row?.value === true);
              trackingOf.set(req.trans, tracking);
            }
            if (!(await tracking)) return result;
            const keys = outboxKeys(name, req, table);
            if (keys.length > 0) {
              const stamp = newStamp();
              await outbox.mutate({ type: 'put', trans: req.trans, values: keys.map((key) => ({ key, stamp })) });
            }
            return result;
          },
        };
      },
    };
  },
};

/** Declares the version that adds the team tables; `version` is the number it ships as. */
export function declareTeamVersion(db: Dexie, version: number, previous: Record<string, string>): void {
  // New tables only: nothing existing is rewritten.
  db.version(version).stores({ ...previous, ...TEAM_STORES });
}
