/**
 * The team sync in the background (Chrome's service worker, Firefox's event page): when it runs and
 * what it may reach. A sync runs on a `chrome.alarms` tick (the worker is woken for it), when the
 * popup or the options page opens, on "Sync now", and when the browser starts; one at a time, each
 * resuming from what is stored. With no team configured it makes no request and keeps no alarm.
 *
 * The browser APIs come in as a port, so this file is tested with fakes and imports no polyfill.
 */
import type { Ledger, TieoutDB } from '@/lib/ledger';
import type { FormatsPort } from './bridge';
import { parseTeamConfig, serverPermissionPattern, type TeamConfig } from './config';
import { checkConnection } from './connection';
import { createTeamSync } from './engine';
import type { SyncReport, TeamStore } from './store';

export const SYNC_ALARM = 'tieout-team-sync';
/** Minutes between two alarm syncs: a duplicate another clerk entered shows up here within this. */
export const SYNC_PERIOD_MINUTES = 1;

export interface TeamApis {
  alarms: {
    get(name: string): Promise<{ name: string } | undefined>;
    create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): unknown;
    clear(name: string): Promise<boolean>;
  };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  /** Any cheap extension call: made every few seconds of a long sync, it keeps Chrome's worker up. */
  keepAlive: () => Promise<unknown>;
}

export interface TeamServiceDeps {
  db: TieoutDB;
  ledger: Pick<Ledger, 'applyTeamBatch' | 'rematchAll'>;
  store: TeamStore;
  formats: FormatsPort;
  apis: TeamApis;
  fetch: typeof fetch;
  now?: () => Date;
}

/** What "Test connection" answers: a sentence, and whether it is good news. */
export interface TestResult {
  ok: boolean;
  sentence: string;
}

export function createTeamService(deps: TeamServiceDeps) {
  const mayReach = (config: TeamConfig) =>
    deps.apis.permissions.contains({ origins: [serverPermissionPattern(config)] }).catch(() => false);
  const engine = createTeamSync({
    db: deps.db,
    ledger: deps.ledger,
    store: deps.store,
    formats: deps.formats,
    fetch: deps.fetch,
    now: deps.now ?? (() => new Date()),
    keepAlive: deps.apis.keepAlive,
    mayReach,
  });

  async function ensureAlarm(): Promise<void> {
    if (await deps.apis.alarms.get(SYNC_ALARM)) return;
    await deps.apis.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  }

  async function sync(): Promise<SyncReport | undefined> {
    if (!(await deps.store.config())) {
      await deps.apis.alarms.clear(SYNC_ALARM).catch(() => false);
      return undefined;
    }
    await ensureAlarm();
    return engine.sync();
  }

  return {
    sync,

    /** The alarm's tick. */
    async onAlarm(alarm: { name: string }): Promise<void> {
      if (alarm.name === SYNC_ALARM) await sync();
    },

    /** "Test connection" with the form's values, before or after saving them. */
    async test(raw: unknown): Promise<TestResult> {
      const parsed = parseTeamConfig(raw);
      if (!parsed.ok) return { ok: false, sentence: parsed.error };
      if (!(await mayReach(parsed.config))) {
        return {
          ok: false,
          sentence: `Tieout is not allowed to reach ${new URL(parsed.config.server).host} yet: save the settings and allow it when the browser asks.`,
        };
      }
      const result = await checkConnection(parsed.config, deps.fetch);
      return { ok: result.ok, sentence: result.sentence };
    },

    /** Leaving the team: no more syncs, the mirror and bookkeeping gone, the settings forgotten; the ledger stays. */
    async leave(): Promise<void> {
      await deps.apis.alarms.clear(SYNC_ALARM).catch(() => false);
      await engine.disconnect();
    },
  };
}
export type TeamService = ReturnType<typeof createTeamService>;
