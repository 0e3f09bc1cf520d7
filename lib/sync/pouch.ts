/**
 * PouchDB, as the team sync uses it: the replication engine (pouchdb-replication: CouchDB's
 * replication protocol with revision trees, `_revs_diff`, checkpoints in `_local/` documents on both
 * sides) between a local mirror database in IndexedDB (pouchdb-adapter-idb) and the team's CouchDB
 * (pouchdb-adapter-http, which speaks through `fetch` — a service worker has no XMLHttpRequest).
 *
 * The ledger does not live in PouchDB: lib/sync/bridge.ts carries changes between the mirror and
 * the Dexie ledger the UI reads.
 */

import HttpAdapter from 'pouchdb-adapter-http';
import IdbAdapter from 'pouchdb-adapter-idb';
import PouchDB, { type Database } from 'pouchdb-core';
import Replication from 'pouchdb-replication';
import { basicAuth, databaseUrl, type TeamConfig } from './config';

PouchDB.plugin(IdbAdapter).plugin(HttpAdapter).plugin(Replication);

export { PouchDB };
export type Pouch = Database;

/** The mirror's name: one per team database, so switching teams never mixes two ledgers. */
export function mirrorName(config: Pick<TeamConfig, 'server' | 'database'>): string {
  return `tieout-team-mirror:${databaseUrl(config)}`;
}

export function openMirror(name: string, adapter = 'idb'): Pouch {
  return new PouchDB(name, { adapter, auto_compaction: true });
}

/**
 * The team database over HTTP. Credentials travel in the Authorization header of each request (never
 * in the address, which PouchDB may put in an error); cookies are left out.
 */
export function openRemote(config: TeamConfig, fetchFn: typeof fetch): Pouch {
  const auth = basicAuth(config);
  const teamFetch = (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', auth);
    return fetchFn(url, { ...init, headers, credentials: 'omit', cache: 'no-store' });
  };
  return new PouchDB(databaseUrl(config), {
    adapter: 'http',
    skip_setup: true,
    fetch: teamFetch,
  });
}
