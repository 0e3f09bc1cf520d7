/**
 * Ledger benchmark, in real Chromium (IndexedDB as the extension gets it):
 * - importing a 100,000-row PO CSV with `importCsv` (parse, validate, merge, match, one transaction),
 *   next to a raw IndexedDB write of the same documents into a store with the same indexes;
 * - lookup latency (key, prefix, loose OCR key, vendor) with 100,000 documents stored, next to a
 *   raw IndexedDB index read.
 * The ledger is bundled with esbuild into a temp dir and served on loopback. `BENCH_QUICK=1`: 10,000 rows;
 * `BENCH_ROWS`, `BENCH_REPS` override sizes; `BENCH_MEMORY=1` keeps IndexedDB in memory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.BENCH_ROWS) || (QUICK ? 10_000 : 100_000);
const REPS = Number(process.env.BENCH_REPS) || (QUICK ? 1 : 2);

function chromiumPath(): string {
  const found = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
  if (!found) throw new Error('Chromium was not found: install it (apt-get install chromium) or set CHROME_PATH.');
  return found;
}

const dir = mkdtempSync(join(tmpdir(), 'tieout-ledger-bench-'));
const profile = mkdtempSync(join(tmpdir(), 'tieout-ledger-bench-profile-'));
await build({
  entryPoints: [join(ROOT, 'dev/bench/ledger-page.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  minify: true,
  outfile: join(dir, 'bench.js'),
  alias: { '@': ROOT },
  logLevel: 'error',
});
writeFileSync(
  join(dir, 'index.html'),
  '<!doctype html><meta charset="utf-8"><title>ledger bench</title><script src="bench.js"></script>',
);

const server = createServer((req, res) => {
  const file = req.url === '/bench.js' ? 'bench.js' : 'index.html';
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
  res.end(readFileSync(join(dir, file)));
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
/**
 * On disk (a fresh profile, as the extension's IndexedDB is) by default; `BENCH_MEMORY=1` uses an
 * off-the-record context whose IndexedDB lives in memory, which takes the disk out of both sides.
 */
const MEMORY = process.env.BENCH_MEMORY === '1';
const launched = MEMORY
  ? await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS })
  : undefined;
const browser = launched
  ? await launched.newContext()
  : await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: ARGS });

interface Timing {
  ms: number;
  rowsPerSec: number;
}
interface Latency {
  median: number;
  p95: number;
  misses?: number;
}
interface Result {
  rows: number;
  phases: string[];
  csvBytes: number;
  stored: number;
  imports: Timing[];
  writes: Timing[];
  raws: Timing[];
  lookup: Record<'byKey' | 'byPrefix' | 'byLoose' | 'byVendor' | 'rawKey', Latency>;
  report: Latency;
}

try {
  const page = await browser.newPage();
  await page.goto(url);
  const r = (await page.evaluate(
    ([rows, reps]) =>
      (globalThis as unknown as { runLedgerBench: (r: number, n: number) => Promise<unknown> }).runLedgerBench(
        rows,
        reps,
      ),
    [ROWS, REPS] as const,
  )) as Result;

  const best = (xs: Timing[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const imp = best(r.imports);
  const wr = best(r.writes);
  const raw = best(r.raws);
  console.log(
    `Chromium ${browser.browser()?.version() ?? ''}, IndexedDB ${MEMORY ? 'in memory (off the record)' : 'on disk'} — ${fmt(r.rows)}-row PO CSV (${(r.csvBytes / 1e6).toFixed(1)} MB), best of ${r.imports.length}`,
  );
  console.log(
    `  importCsv end to end (parse, validate, merge, match, write): ${fmt(imp.ms)} ms = ${fmt(imp.rowsPerSec)} rows/s`,
  );
  console.log(
    `  importCsv transaction only (merge, match, write):           ${fmt(wr.ms)} ms = ${fmt(wr.rowsPerSec)} rows/s`,
  );
  console.log(
    `  raw IndexedDB put of the same ${fmt(r.stored)} documents, same indexes: ${fmt(raw.ms)} ms = ${fmt(raw.rowsPerSec)} rows/s`,
  );
  console.log(
    `  ratio end to end / raw: ${(imp.rowsPerSec / raw.rowsPerSec).toFixed(2)}   transaction / raw: ${(wr.rowsPerSec / raw.rowsPerSec).toFixed(2)}   (target ≥ 0.80)`,
  );
  console.log(
    `  all runs (ms): import ${r.imports.map((t) => fmt(t.ms)).join(', ')}; transaction ${r.writes.map((t) => fmt(t.ms)).join(', ')}; raw ${r.raws.map((t) => fmt(t.ms)).join(', ')}`,
  );
  console.log(`  import phases (ms since start): ${r.phases.join(' ')}`);
  console.log(`Lookup with ${fmt(r.stored)} documents stored (300 queries each, ledger.lookup limit 20):`);
  const line = (label: string, l: Latency) =>
    console.log(
      `  ${label.padEnd(34)} median ${l.median.toFixed(2)} ms  p95 ${l.p95.toFixed(2)} ms${l.misses ? `  (${l.misses} unexpected result counts)` : ''}  ratio to raw median ${(l.median / r.lookup.rawKey.median).toFixed(1)}×`,
    );
  line('by key (exact, then prefix…)', r.lookup.byKey);
  line('by key prefix (7 digits)', r.lookup.byPrefix);
  line('by loose OCR key (PO 45OOOl2345)', r.lookup.byLoose);
  line('by vendor prefix', r.lookup.byVendor);
  console.log(
    `  raw IndexedDB index getAll(key)    median ${r.lookup.rawKey.median.toFixed(2)} ms  p95 ${r.lookup.rawKey.p95.toFixed(2)} ms`,
  );
  console.log(
    `recordSightings (an invoice + its PO: merge, group re-match, statuses) with ${fmt(r.stored)} stored: median ${r.report.median.toFixed(1)} ms  p95 ${r.report.p95.toFixed(1)} ms  (${(r.report.median / r.lookup.rawKey.median).toFixed(0)}× a raw index read)`,
  );
} finally {
  await browser.close();
  await launched?.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
