/**
 * Browser side of dev/bench/sync.bench.ts: bundled by esbuild and run in Chromium on a loopback
 * page (the real IndexedDB), against the pouchdb-server the Node side started. Not shipped.
 *
 * - `reference`: PouchDB alone — replication from the team database into an empty local PouchDB
 *   (the idb adapter), the rows a PouchDB-only client would hold.
 * - `tieout`: the team sync of an empty profile — the same replication into its mirror, then the
 *   bridge into the Dexie ledger (parse, conflicts, re-match, bookkeeping).
 * Each is called twice on the same databases: the first sync, and after the Node side changed 100
 * records on the server, the incremental one.
 */
import { createLedger, openLedgerDb } from '@/lib/ledger';
import { createTeamSync } from '@/lib/sync/engine';
import { openMirror, openRemote, type Pouch } from '@/lib/sync/pouch';
import { createTeamStore, openTeamDb } from '@/lib/sync/store';

interface Team {
  server: string;
  database: string;
  user: string;
  password: string;
}

interface Run {
  ms: number;
  documents: number;
}

let reference: Pouch | undefined;
let tieout: { sync: () => Promise<unknown>; count: () => Promise<number> } | undefined;

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await work();
  return [performance.now() - t0, out];
}

async function referenceSync(team: Team, tag: string): Promise<Run> {
  reference ??= openMirror(`bench-reference-${tag}`);
  const remote = openRemote(team, fetch.bind(globalThis));
  const local = reference;
  const [ms] = await time(async () => {
    const r = await local.replicate.from(remote, { batch_size: 500, batches_limit: 4, retry: false });
    if (r.doc_write_failures > 0) throw new Error(`reference: ${r.doc_write_failures} not written`);
  });
  return { ms, documents: (await local.info()).doc_count };
}

async function tieoutSync(team: Team, tag: string): Promise<Run> {
  if (!tieout) {
    const db = openLedgerDb({ name: `bench-ledger-${tag}` });
    const store = createTeamStore(openTeamDb(`bench-team-${tag}`));
    await store.saveConfig(team);
    let formats: unknown[] = [];
    const ledger = createLedger(db, {
      now: () => new Date(),
      newId: () => crypto.randomUUID(),
      clerk: () => store.clerk(),
    });
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
      fetch: fetch.bind(globalThis),
      now: () => new Date(),
      mirrorPrefix: `bench-${tag}:`,
    });
    tieout = { sync: () => sync.sync(), count: () => db.documents.count() };
  }
  const t = tieout;
  const [ms, report] = await time(() => t.sync());
  const state = (report as { state?: string; detail?: string } | undefined)?.state;
  if (state !== 'up_to_date') throw new Error(`tieout: the sync ended ${state}: ${JSON.stringify(report)}`);
  return { ms, documents: await t.count() };
}

Object.assign(globalThis, { referenceSync, tieoutSync });
