/**
 * A large CSV import in the extension's service worker, stopped half way the way Chrome stops an
 * idle worker: after the restart the ledger holds every row of an import or none of it.
 *
 * The ledger code runs in the real worker, on the real `tieout` database: it is bundled here and
 * evaluated through DevTools, so no test hook ships in the extension.
 */
import { build } from 'esbuild';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, ROOT, waitFor } from './harness';

const ROWS = 30_000;

let session: ExtensionSession;
let bundle: string;

beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: `
        import { createLedger, openLedgerDb } from './lib/ledger';
        import { generatePoCsv } from './tests/fixtures/csv/generate-po-csv';
        globalThis.tieoutLedgerTest = { createLedger, openLedgerDb, generatePoCsv };
      `,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    alias: { '@': ROOT },
    logLevel: 'error',
  });
  bundle = out.outputFiles[0]?.text ?? '';
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
});

interface Progress {
  phase: string;
  done: number;
  total: number;
}

type TestGlobal = typeof globalThis & {
  tieoutLedgerTest: {
    createLedger: typeof import('@/lib/ledger').createLedger;
    openLedgerDb: typeof import('@/lib/ledger').openLedgerDb;
    generatePoCsv: typeof import('@/tests/fixtures/csv/generate-po-csv').generatePoCsv;
  };
  importProgress: Progress[];
  importOutcome: string | undefined;
  /** Settles with the first progress report of a write under way (chunks landed, more to come). */
  importMidway: Promise<Progress>;
};

/** Starts an import in the worker without waiting for it; progress and outcome land on the worker's global. */
async function startImport(worker: Worker, rows: number, seed: number): Promise<void> {
  await worker.evaluate(bundle);
  await worker.evaluate(
    ([n, s]) => {
      const g = globalThis as TestGlobal;
      const t = g.tieoutLedgerTest;
      const ledger = t.createLedger(t.openLedgerDb(), { now: () => new Date(), newId: () => crypto.randomUUID() });
      g.importProgress = [];
      g.importOutcome = undefined;
      let midway: (p: Progress) => void = () => undefined;
      g.importMidway = new Promise((ok) => {
        midway = ok;
      });
      void ledger
        .importCsv(t.generatePoCsv(n, s), undefined, {
          fileName: `pos-${s}.csv`,
          onProgress: (p) => {
            g.importProgress.push(p);
            if (p.phase === 'writing' && p.done < p.total) midway(p);
          },
        })
        .then(
          (r) => {
            g.importOutcome = `imported ${r.documents}`;
          },
          (e: Error) => {
            g.importOutcome = `failed: ${e.message}`;
          },
        );
    },
    [rows, seed] as const,
  );
}

/** Counts the stored documents with the bare IndexedDB API, from the (restarted) worker. */
async function documentCount(): Promise<number> {
  const worker = await session.worker();
  return worker.evaluate(
    () =>
      new Promise<number>((ok, fail) => {
        const open = indexedDB.open('tieout');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('documents')) {
            db.close();
            ok(0);
            return;
          }
          const req = db.transaction('documents').objectStore('documents').count();
          req.onsuccess = () => {
            db.close();
            ok(req.result);
          };
          req.onerror = () => fail(req.error);
        };
      }),
  );
}

describe('import and a stopped worker', () => {
  it('finds all rows or none after the worker is stopped mid-import and restarted', async () => {
    const worker = await session.worker();
    await startImport(worker, ROWS, 1);
    // Wait until the transaction has written its first chunk of documents, then stop the worker.
    // The worker tells the moment its first chunk lands (a poll from here came too late once writing
    // got fast: every chunk had landed between two polls).
    const midway = await worker.evaluate(() =>
      Promise.race([
        (globalThis as TestGlobal).importMidway,
        new Promise<undefined>((ok) => setTimeout(() => ok(undefined), 120_000)),
      ]),
    );
    expect(midway, 'the import reached its writing phase').toBeTruthy();
    // The stop travels through DevTools; the transaction may commit first on a fast machine.
    const committedFirst = await worker.evaluate(() => (globalThis as TestGlobal).importOutcome);
    await session.stopWorker();

    // Restart: any message wakes the worker; the ledger then holds none of the rows.
    expect(await session.send({ type: 'ping' })).toMatchObject({ ok: true });
    const after = await documentCount();
    // All rows or none, never a part; all only where the import had told its end before the stop.
    expect([0, ROWS]).toContain(after);
    if (committedFirst) expect(after).toBe(ROWS);

    // The restarted worker imports a whole file: all of its rows are there.
    const restarted = await session.worker();
    await startImport(restarted, 5000, 2);
    const outcome = await waitFor(
      async () => restarted.evaluate(() => (globalThis as TestGlobal).importOutcome),
      120_000,
      100,
    );
    expect(outcome).toBe('imported 5000');
    // Every row of the new file is there (on top of the first file's, where it had committed).
    const total = await documentCount();
    if (after === 0) expect(total).toBe(5000);
    else expect(total).toBeGreaterThan(ROWS);
  }, 300_000);
});
