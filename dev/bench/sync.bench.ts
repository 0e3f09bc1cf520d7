/**
 * Team sync benchmark (`npm run bench -- sync`), in real Chromium against pouchdb-server on loopback:
 * - first sync of 100,000 team records to an empty profile: Tieout's sync (PouchDB replication into
 *   its mirror, then the bridge into the Dexie ledger with parsing, re-matching and bookkeeping)
 *   next to PouchDB alone replicating the same records into an empty local PouchDB;
 * - an incremental sync after 100 of them changed on the server, the same two side by side.
 * The ratio Tieout / PouchDB alone is what the sync adds on top of the replication itself.
 * `BENCH_QUICK=1`: 10,000 records; `BENCH_ROWS` overrides.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startCouchServer } from '@/tests/sync/couch-server';

const ROOT = resolve(import.meta.dirname, '../..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.BENCH_ROWS) || (QUICK ? 10_000 : 100_000);
const CHANGES = 100;
const VENDORS = 200;

function chromiumPath(): string {
  const found = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
  if (!found) throw new Error('Chromium was not found: install it (apt-get install chromium) or set CHROME_PATH.');
  return found;
}

/** Half POs, half invoices billing one of them each, as a team's ledger holds them. */
function record(i: number): Record<string, unknown> {
  const po = i % 2 === 0;
  const n = Math.floor(i / 2);
  const vendor = `Vendor ${n % VENDORS} GmbH`;
  const key = po ? String(4500000000 + n) : String(900000 + n);
  const at = '2025-03-01T09:00:00.000Z';
  const id = `bench-${i}`;
  return {
    _id: `doc:${id}`,
    type: 'document',
    by: 'alice',
    at,
    body: {
      id,
      kind: po ? 'po' : 'invoice',
      number: po ? `PO-${key}` : `INV-${key}`,
      key,
      looseKey: key,
      vendor,
      vendorKey: vendor.toUpperCase(),
      date: '2025-03-01',
      total: { minor: 10_000 + (n % 5000) * 100, currency: 'EUR' },
      lines: [],
      poKeys: po ? [] : [String(4500000000 + n)],
      sightings: [
        {
          url: `https://portal.example/${id}`,
          title: `Document ${key}`,
          seenAt: at,
          snippet: `${po ? 'PO' : 'Invoice'} ${key}`,
          confidence: 0.9,
          via: po ? 'import' : 'scan',
          clerk: 'alice',
        },
      ],
      confirmed: po ? ['number', 'vendor', 'total'] : [],
      ...(po ? { sources: { number: 'import', vendor: 'import', total: 'import' } } : {}),
      conflicts: [],
      urls: [`https://portal.example/${id}`],
      createdAt: at,
      updatedAt: at,
    },
  };
}

const server = await startCouchServer({ database: 'bench' });
const dir = mkdtempSync(join(tmpdir(), 'tieout-sync-bench-'));
const profile = mkdtempSync(join(tmpdir(), 'tieout-sync-bench-profile-'));
let page: { close(): Promise<void> } | undefined;
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const web = createServer((req, res) => {
  const file = req.url === '/bench.js' ? 'bench.js' : 'index.html';
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
  res.end(readFileSync(join(dir, file)));
});

try {
  await server.addUser('bench', 'bench-password');
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const seeded = performance.now();
  for (let i = 0; i < ROWS; i += 2000) {
    const docs = Array.from({ length: Math.min(2000, ROWS - i) }, (_, j) => record(i + j));
    const res = await server.request('/bench/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs }) });
    if (!res.ok) throw new Error(`seeding failed: ${res.status}`);
  }
  console.log(`Seeded ${fmt(ROWS)} records into pouchdb-server in ${fmt(performance.now() - seeded)} ms`);

  await build({
    entryPoints: [join(ROOT, 'dev/bench/sync-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    outfile: join(dir, 'bench.js'),
    alias: { '@': ROOT },
    define: { global: 'globalThis' },
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>sync bench</title><script src="bench.js"></script>',
  );
  await new Promise<void>((ok) => web.listen(0, '127.0.0.1', ok));
  const tab = await browser.newPage();
  page = tab;
  await tab.goto(`http://127.0.0.1:${(web.address() as AddressInfo).port}/`);
  const team = { server: server.url, database: 'bench', user: 'bench', password: 'bench-password' };
  type Run = { ms: number; documents: number };
  const call = (fn: 'referenceSync' | 'tieoutSync') =>
    tab.evaluate(
      ([name, t]) =>
        (globalThis as unknown as Record<string, (t: unknown, tag: string) => Promise<Run>>)[name as string]?.(
          t,
          'run',
        ) as Promise<Run>,
      [fn, team] as const,
    );

  const firstRef = await call('referenceSync');
  const firstOurs = await call('tieoutSync');
  // 100 records change on the server (a clerk elsewhere edited totals).
  const keys = Array.from({ length: CHANGES }, (_, i) => `doc:bench-${Math.floor((i * ROWS) / CHANGES)}`);
  const current = (await (
    await server.request('/bench/_all_docs?include_docs=true', { method: 'POST', body: JSON.stringify({ keys }) })
  ).json()) as { rows: { doc: Record<string, unknown> & { body: Record<string, unknown> } }[] };
  const changed = current.rows.map(({ doc }) => ({
    ...doc,
    by: 'bob',
    body: { ...doc.body, total: { minor: 12_345, currency: 'EUR' }, updatedAt: '2025-03-02T09:00:00.000Z' },
  }));
  const res = await server.request('/bench/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: changed }) });
  if (!res.ok) throw new Error(`changing records failed: ${res.status}`);
  const incrRef = await call('referenceSync');
  const incrOurs = await call('tieoutSync');

  const rate = (r: Run, n: number) => fmt((n / r.ms) * 1000);
  console.log(
    `Chromium ${browser.browser()?.version() ?? ''}, IndexedDB on disk, pouchdb-server on loopback — ${fmt(ROWS)} team records`,
  );
  console.log(
    `  first sync, PouchDB alone (replicate into an empty idb PouchDB): ${fmt(firstRef.ms)} ms = ${rate(firstRef, ROWS)} records/s (${fmt(firstRef.documents)} held)`,
  );
  console.log(
    `  first sync, Tieout (replicate into the mirror + bridge into the ledger): ${fmt(firstOurs.ms)} ms = ${rate(firstOurs, ROWS)} records/s (${fmt(firstOurs.documents)} in the ledger)`,
  );
  console.log(`  ratio Tieout / PouchDB alone: ${(firstOurs.ms / firstRef.ms).toFixed(2)}× the time`);
  console.log(`  incremental sync of ${CHANGES} changes, PouchDB alone: ${fmt(incrRef.ms)} ms`);
  console.log(`  incremental sync of ${CHANGES} changes, Tieout: ${fmt(incrOurs.ms)} ms`);
  console.log(`  ratio Tieout / PouchDB alone: ${(incrOurs.ms / incrRef.ms).toFixed(2)}× the time`);
  if (firstOurs.documents !== ROWS) throw new Error(`the ledger holds ${firstOurs.documents} of ${ROWS} records`);
} finally {
  await page?.close().catch(() => undefined);
  await browser.close();
  web.close();
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
