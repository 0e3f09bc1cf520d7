/**
 * Scanning a supplier portal list in Chromium: Tieout's live scanner (blocks → detector → ranges →
 * CSS highlights, in slices) on a 10,000-row page, against two references run in the same browser
 * on the same page: mark.js marking the same numbers (it rewrites the DOM with <mark> elements), and
 * a bare `innerText` + regex pass (finds them, shows nothing). Prints absolute times, the longest
 * task seen by a `longtask` PerformanceObserver, and the ratios.
 *
 * The overlay's colours are installed before the page builds its DOM, as the extension's content
 * script CSS is. BENCH_QUICK=1 runs 2,000 rows once.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.BENCH_ROWS) || (QUICK ? 2000 : 10_000);
const RUNS = Number(process.env.BENCH_RUNS) || (QUICK ? 1 : 3);
const ORIGIN = 'http://portal.bench.test';
/** The numbers the portal prints, for the references: its PO and invoice columns. */
const NUMBER_SOURCE = String.raw`\b(?:45000\d{5}|INV-2025-\d{5})\b`;

/** The scanner, highlighter and detector bundled for the page; `__tieoutScan()` runs one full scan. */
async function bundleScanner(): Promise<string> {
  const entry = `
    import { detect } from './lib/detect';
    import { pickAdapter } from './lib/page/adapters';
    import { createHighlighter } from './lib/page/highlights';
    import { createPageScanner } from './lib/page/scanner';
    (globalThis as any).__tieoutScan = async () => {
      const highlighter = createHighlighter(document);
      let ranges = 0;
      let detections = 0;
      const scanner = createPageScanner({
        doc: document,
        detect: (blocks) => detect(blocks),
        adapter: () => pickAdapter(document, location.hostname),
        exclude: () => false,
        onClear: (root) => highlighter.removeWithin(root),
        onFound: (found) => {
          for (const f of found) {
            detections++;
            if (f.range) {
              ranges++;
              highlighter.add(f.range, { kind: f.detection.kind, key: f.detection.key, number: f.detection.number, status: 'unknown' });
            }
          }
        },
      });
      const t0 = performance.now();
      await scanner.scanAll();
      const scanned = performance.now();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const painted = performance.now();
      return { scanMs: scanned - t0, paintedMs: painted - t0, ranges, detections, stats: { ...scanner.stats(), ...highlighter.size() } };
    };
  `;
  const out = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile: 'scan-bench-entry.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    // linkedom is only for saved pages in Node; html-blocks' live walker does not need it.
    plugins: [
      {
        name: 'no-linkedom',
        setup(b) {
          b.onResolve({ filter: /^linkedom$/ }, () => ({ path: 'linkedom', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents: 'export function parseHTML() { throw new Error("not in the page"); }',
            loader: 'js',
          }));
        },
      },
    ],
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

async function highlightCss(): Promise<string> {
  return readFileSync(join(ROOT, 'lib/page/highlights.css'), 'utf8');
}

interface Run {
  ms: number;
  paintedMs?: number;
  found: number;
  longestTask: number;
  longTasks: number;
}

async function openPortal(browser: Browser, css: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const html = readFileSync(join(ROOT, 'tests/fixtures/overlay/portal.html'), 'utf8');
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.addInitScript((sheetText) => {
    const w = window as unknown as { __long: { start: number; duration: number }[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // As the extension's content-script CSS: in place before the page's DOM exists.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(sheetText);
    document.adoptedStyleSheets = [sheet];
  }, css);
  await page.goto(`${ORIGIN}/portal.html?rows=${ROWS}`);
  await page.waitForFunction((rows) => document.querySelectorAll('#docs tbody tr').length === rows, ROWS);
  // Let the page's own layout and paint settle before measuring.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
  return page;
}

async function longTasksSince(page: Page, from: number): Promise<{ longest: number; count: number }> {
  // Long-task entries are delivered after the task ends: give the observer a moment.
  await page.waitForTimeout(150);
  return page.evaluate((t) => {
    const list = (window as unknown as { __long: { start: number; duration: number }[] }).__long.filter(
      (e) => e.start >= t,
    );
    return { longest: Math.max(0, ...list.map((e) => e.duration)), count: list.length };
  }, from);
}

async function runTieout(browser: Browser, bundle: string, css: string): Promise<Run> {
  const page = await openPortal(browser, css);
  await page.evaluate(bundle);
  const from = await page.evaluate(() => performance.now());
  const r = await page.evaluate(() =>
    (
      globalThis as unknown as {
        __tieoutScan: () => Promise<{ scanMs: number; paintedMs: number; ranges: number; stats: object }>;
      }
    ).__tieoutScan(),
  );
  const st = r.stats as Record<string, number>;
  console.log(
    `  Tieout run: walk ${st.walkMs?.toFixed(0)} ms, detector ${st.detectMs?.toFixed(0)} ms (first-call warm-up ${st.warmUpMs?.toFixed(0)} ms), ` +
      `longest walk step ${st.longestWalkMs?.toFixed(0)} ms, longest detector call ${st.longestDetectMs?.toFixed(0)} ms, ${st.yields} yields, ` +
      `${st.registered} of ${st.marks} marks registered${st.windowed ? ' (near the viewport)' : ''}`,
  );
  const tasks = await longTasksSince(page, from);
  await page.close();
  return { ms: r.scanMs, paintedMs: r.paintedMs, found: r.ranges, longestTask: tasks.longest, longTasks: tasks.count };
}

async function runMark(browser: Browser, markSource: string, css: string): Promise<Run> {
  const page = await openPortal(browser, css);
  await page.evaluate(markSource);
  const from = await page.evaluate(() => performance.now());
  // A string, not a function: tsx would wrap the option callbacks in a helper the page lacks.
  const r = (await page.evaluate(`new Promise((resolveRun) => {
    const t0 = performance.now();
    let found = 0;
    new Mark(document.body).markRegExp(new RegExp(${JSON.stringify(NUMBER_SOURCE)}, 'g'), {
      each() { found++; },
      done() {
        const ms = performance.now() - t0;
        requestAnimationFrame(() => setTimeout(() => resolveRun({ ms, paintedMs: performance.now() - t0, found }), 0));
      },
    });
  })`)) as { ms: number; paintedMs: number; found: number };
  const tasks = await longTasksSince(page, from);
  await page.close();
  return { ms: r.ms, paintedMs: r.paintedMs, found: r.found, longestTask: tasks.longest, longTasks: tasks.count };
}

async function runInnerText(browser: Browser, css: string): Promise<Run> {
  const page = await openPortal(browser, css);
  const from = await page.evaluate(() => performance.now());
  const r = await page.evaluate((source) => {
    const t0 = performance.now();
    // biome-ignore lint/performance/useDomNodeTextContent: the reference is the rendered text, as a reader sees it
    const text = document.body.innerText;
    const found = text.match(new RegExp(source, 'g'))?.length ?? 0;
    return { ms: performance.now() - t0, found };
  }, NUMBER_SOURCE);
  const tasks = await longTasksSince(page, from);
  await page.close();
  return { ms: r.ms, found: r.found, longestTask: tasks.longest, longTasks: tasks.count };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function summarize(name: string, runs: Run[]) {
  return {
    name,
    ms: median(runs.map((r) => r.ms)),
    paintedMs: runs[0]?.paintedMs === undefined ? undefined : median(runs.map((r) => r.paintedMs ?? 0)),
    found: runs[0]?.found ?? 0,
    longestTask: Math.max(...runs.map((r) => r.longestTask)),
    longTasks: median(runs.map((r) => r.longTasks)),
  };
}

const bundle = await bundleScanner();
const css = await highlightCss();
const markSource = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const tieout: Run[] = [];
  const mark: Run[] = [];
  const bare: Run[] = [];
  // Interleaved so that a busy moment on the machine hits every contender alike.
  for (let i = 0; i < RUNS; i++) {
    tieout.push(await runTieout(browser, bundle, css));
    mark.push(await runMark(browser, markSource, css));
    bare.push(await runInnerText(browser, css));
  }
  const rows = [
    summarize('Tieout scan + highlights', tieout),
    summarize('mark.js markRegExp', mark),
    summarize('innerText + regex', bare),
  ];
  const f = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(0).padStart(7));
  console.log(
    `Portal list with ${ROWS.toLocaleString('en-US')} rows (${ROWS * 2} numbers), median of ${RUNS} run(s), Chromium headless`,
  );
  console.log('contender                    total ms  painted ms  numbers  longest task ms  long tasks');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(28)} ${f(r.ms)}  ${f(r.paintedMs).padStart(10)}  ${String(r.found).padStart(7)}  ${f(r.longestTask).padStart(15)}  ${String(r.longTasks).padStart(10)}`,
    );
  }
  const [t, m, b] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  console.log(
    `ratio Tieout / mark.js:           ${(t.ms / m.ms).toFixed(2)}x total, longest task ${(t.longestTask / Math.max(1, m.longestTask)).toFixed(2)}x`,
  );
  console.log(`ratio Tieout / innerText+regex:   ${(t.ms / b.ms).toFixed(2)}x total`);
  console.log(
    `Tieout longest task ${t.longestTask.toFixed(0)} ms (bar: ≤ 50 ms) — ${t.longestTask <= 50 ? 'within' : 'OVER'} the bar`,
  );
} finally {
  await browser.close();
}
