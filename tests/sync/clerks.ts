/**
 * Clerks for the sync tests: each a ledger on its own fake-indexeddb database, its own team store
 * and in-memory PouchDB mirror, and the real team sync against a pouchdb-server over HTTP.
 */
import MemoryAdapter from 'pouchdb-adapter-memory';
import { createLedger, openLedgerDb } from '@/lib/ledger';
import type { TeamConfig } from '@/lib/sync/config';
import { createTeamSync } from '@/lib/sync/engine';
import { PouchDB } from '@/lib/sync/pouch';
import { createTeamStore, openTeamDb } from '@/lib/sync/store';

PouchDB.plugin(MemoryAdapter);

let n = 0;

export function makeClerk(name: string, config?: Pick<TeamConfig, 'server' | 'database'>) {
  const tag = `${name}-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`;
  const db = openLedgerDb({ name: `tieout-${tag}` });
  const store = createTeamStore(openTeamDb(`tieout-team-${tag}`));
  let t = Date.parse('2025-03-01T09:00:00.000Z');
  let id = 0;
  const now = () => {
    t += 1000;
    return new Date(t);
  };
  const ledger = createLedger(db, { now, newId: () => `${name}-${++id}`, clerk: () => store.clerk() });
  let formats: unknown[] = [];
  const requests: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    requests.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  };
  const sync = createTeamSync({
    db,
    ledger,
    store,
    formats: {
      get: async () => formats,
      set: async (f) => {
        formats = f;
      },
    },
    fetch: countingFetch,
    now,
    mirrorAdapter: 'memory',
    mirrorPrefix: `${tag}:`,
  });
  return {
    name,
    db,
    ledger,
    store,
    sync,
    requests,
    formats: () => formats,
    setFormats: (f: unknown[]) => {
      formats = f;
    },
    async join(password: string) {
      if (!config) throw new Error('no server');
      await store.saveConfig({ server: config.server, database: config.database, user: name, password });
    },
  };
}
export type Clerk = ReturnType<typeof makeClerk>;
