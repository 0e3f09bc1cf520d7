/**
 * One team sync: check the server, push the ledger's changes into the mirror, replicate the mirror
 * with the server both ways (PouchDB), apply what came in to the ledger, and write the outcome for
 * the Team panel. Runs in the background (a Chrome service worker or Firefox's event page), one at a
 * time; every step resumes from what is stored, so a worker stopped mid-sync loses nothing and the
 * next sync finishes the job.
 *
 * With no team configured, `sync()` returns at once and makes no request of any kind.
 */
import type { Ledger, TieoutDB } from '@/lib/ledger';
import { RESET_KEY, TRACKING_ID } from '@/lib/ledger/team-tables';
import { type Bridge, createBridge, type FormatsPort, type Refusal } from './bridge';
import type { TeamConfig } from './config';
import { checkConnection, describeStatus, TeamServerError } from './connection';
import { mirrorName, openMirror, openRemote, type Pouch } from './pouch';
import type { SyncReport, TeamStore } from './store';

export interface TeamSyncDeps {
  db: TieoutDB;
  ledger: Pick<Ledger, 'applyTeamBatch' | 'rematchAll'>;
  store: TeamStore;
  formats: FormatsPort;
  fetch: typeof fetch;
  now: () => Date;
  /** An extension API call every few seconds of a long sync keeps Chrome's worker from being stopped as idle. */
  keepAlive?: () => Promise<unknown>;
  /**
   * Whether the browser lets the extension reach the server (its optional host permission); asked
   * before any request. Absent: always (Node tests, the benchmark).
   */
  mayReach?: (config: TeamConfig) => Promise<boolean>;
  /** The mirror's PouchDB adapter: 'idb' in the browser, 'memory' in Node tests. */
  mirrorAdapter?: string;
  /** Tests run several clerks in one process: each gets its own mirror. */
  mirrorPrefix?: string;
}

const KEEP_ALIVE_MS = 20_000;
const REPLICATION = { batch_size: 500, batches_limit: 4, retry: false } as const;

function errorStatus(error: unknown): number | undefined {
  const s = (error as { status?: unknown } | undefined)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** A replication or network failure as the clerk reads it; never carries the credentials. */
export function classify(error: unknown, config: TeamConfig): TeamServerError {
  if (error instanceof TeamServerError) return error;
  const status = errorStatus(error);
  if (status && status >= 400)
    return describeStatus(status, config, String((error as { reason?: unknown }).reason ?? ''));
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/fetch|network|ECONN|timed? ?out|abort|Failed to fetch|NetworkError/i.test(text) || status === 0) {
    return new TeamServerError(
      'offline',
      `${new URL(config.server).host} did not answer (no network, or the server is down)`,
    );
  }
  // Only the error's kind, not its text: a library error may quote a request.
  return new TeamServerError('error', `the sync failed (${error instanceof Error ? error.name : 'error'})`);
}

async function replicate(mirror: Pouch, remote: Pouch): Promise<{ pulled: number; pushed: number }> {
  const from = await mirror.replicate.from(remote, REPLICATION);
  if (!from.ok || from.doc_write_failures > 0)
    throw new Error(`ReplicationError ${from.doc_write_failures} not written`);
  const to = await mirror.replicate.to(remote, REPLICATION);
  if (to.doc_write_failures > 0) {
    const denied = (to.errors as { status?: number }[]).find((e) => e?.status === 401 || e?.status === 403);
    throw denied ?? new Error(`ReplicationError ${to.doc_write_failures} not accepted by the server`);
  }
  return { pulled: from.docs_written, pushed: to.docs_written };
}

/** Runs `task` under a Web Lock where there is one (the worker, extension pages), else as it comes. */
async function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return task();
  return locks.request('tieout-team-sync', task) as Promise<T>;
}

export function createTeamSync(deps: TeamSyncDeps) {
  /** The sync under way and the settings it runs with (a change of settings meanwhile gets a sync of its own). */
  let running: { settings: string; report: Promise<SyncReport> } | undefined;
  let mirror: { name: string; db: Pouch } | undefined;

  function mirrorFor(config: TeamConfig): Pouch {
    const name = `${deps.mirrorPrefix ?? ''}${mirrorName(config)}`;
    if (mirror?.name !== name) mirror = { name, db: openMirror(name, deps.mirrorAdapter) };
    return mirror.db;
  }

  /** Turns the change feed on (and queues everything already in the ledger) the first time a team is set. */
  async function startTracking(): Promise<void> {
    const { db } = deps;
    if ((await db.syncState.get(TRACKING_ID))?.value === true) return;
    await db.transaction('rw', [db.documents, db.exceptions, db.outbox, db.syncState, db.syncBase], async () => {
      const stamp = `initial.${deps.now().getTime().toString(36)}`;
      const docKeys = (await db.documents.toCollection().primaryKeys()).map((id) => ({ key: `doc:${id}`, stamp }));
      const decided = await db.exceptions.where('state').equals('resolved').toArray();
      const exKeys = decided
        .filter((e) => e.resolution && e.resolution.kind !== 'resolved_by_data')
        .map((e) => ({ key: `exception:${e.id}`, stamp }));
      await db.outbox.bulkPut([...docKeys, ...exKeys]);
      await db.syncState.put({ id: TRACKING_ID, value: true });
    });
  }

  /** Local changes not yet in the mirror (a wipe's reset mark is not a change of its own). */
  async function waiting(): Promise<number> {
    const { db } = deps;
    return (await db.outbox.count()) - ((await db.outbox.get(RESET_KEY)) ? 1 : 0);
  }

  async function run(config: TeamConfig): Promise<SyncReport> {
    const previous = await deps.store.report();
    const at = () => deps.now().toISOString();
    await deps.store.saveReport({ ...previous, state: 'syncing', at: at(), waiting: await waiting() });
    const timer = deps.keepAlive
      ? setInterval(() => void deps.keepAlive?.().catch(() => undefined), KEEP_ALIVE_MS)
      : undefined;
    let refused: Refusal[] = [];
    let unsent: Refusal[] = [];
    const refusals = () => ({
      refused: [...refused, ...previous.refused].slice(0, 50),
      refusedTotal: previous.refusedTotal + refused.length,
      unsent: [...unsent, ...previous.unsent.filter((u) => !unsent.some((x) => x.id === u.id))].slice(0, 50),
      unsentTotal: previous.unsentTotal + unsent.length,
    });
    try {
      await startTracking();
      if (deps.mayReach && !(await deps.mayReach(config))) {
        throw new TeamServerError(
          'rejected',
          `Tieout is not allowed to reach ${new URL(config.server).host} (save the Team settings again and allow it)`,
        );
      }
      const check = await checkConnection(config, deps.fetch);
      if (!check.ok) throw new TeamServerError(check.state, check.sentence.replace(/^[^:]+: /, '').replace(/\.$/, ''));
      const local = mirrorFor(config);
      const bridge: Bridge = createBridge({
        db: deps.db,
        ledger: deps.ledger,
        mirror: local,
        formats: deps.formats,
        clerk: config.user,
        now: at,
      });
      unsent = (await bridge.push()).unsent;
      const remote = openRemote(config, deps.fetch);
      const moved = await replicate(local, remote);
      const pulled = await bridge.pull();
      refused = pulled.refused;
      const report: SyncReport = {
        state: 'up_to_date',
        at: at(),
        lastSuccessAt: at(),
        waiting: await waiting(),
        pulled: moved.pulled,
        pushed: moved.pushed,
        ...refusals(),
      };
      await deps.store.saveReport(report);
      return report;
    } catch (error) {
      const e = classify(error, config);
      const report: SyncReport = {
        ...previous,
        state: e.state,
        at: at(),
        detail: e.message,
        waiting: await waiting(),
        ...refusals(),
      };
      await deps.store.saveReport(report);
      return report;
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  return {
    /** One sync now; a sync already under way is joined, not doubled. No team configured: nothing happens. */
    async sync(): Promise<SyncReport | undefined> {
      const config = await deps.store.config();
      if (!config) return undefined;
      const settings = JSON.stringify(config);
      if (running?.settings === settings) return running.report;
      const before = running?.report.catch(() => undefined);
      const mine = {
        settings,
        report: (async () => {
          await before;
          return exclusively(() => run(config));
        })().finally(() => {
          if (running === mine) running = undefined;
        }),
      };
      running = mine;
      return mine.report;
    },

    /** Leaving the team: the change feed off, this browser's mirror and bookkeeping gone; the ledger stays. */
    async disconnect(): Promise<void> {
      const config = await deps.store.config();
      const { db } = deps;
      await db.transaction('rw', [db.outbox, db.syncBase, db.syncState], async () => {
        await db.outbox.clear();
        await db.syncBase.clear();
        await db.syncState.clear();
      });
      if (config)
        await mirrorFor(config)
          .destroy()
          .catch(() => undefined);
      mirror = undefined;
      await deps.store.clearConfig();
    },
  };
}
export type TeamSync = ReturnType<typeof createTeamSync>;
