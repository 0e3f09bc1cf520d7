/**
 * Scanning a supplier portal list in Chromium: Tieout's live scanner (blocks → detector → ranges →
 * CSS highlights, in slices) on a 10,000-row page, against two references run in the same browser
 * on the same page: mark.js marking the same numbers (it rewrites the DOM with <mark> elements), and
 * a bare `innerText` + regex pass (finds them, shows nothing). Prints absolute times, the longest
 * task seen by a `longtask` PerformanceObserver, and the ratios.
 *
 * The overlay's colours are installed before the page builds its DOM, as the extension's content
 * script CSS is, and its UI (status glyphs beside the numbers in view, the hover card) is rendered
 * with Preact in a shadow root as the content script does, so the frames measured carry its cost.
 * After each scan the bench times one glyph reposition (scrolling the list) on the 10,000-row page,
 * and on a 900-number page, below the highlighter's windowing threshold, where every mark is
 * registered. BENCH_QUICK=1 runs 2,000 rows once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.BENCH_ROWS) || (QUICK ? 2000 : 10_000);
const RUNS = Number(process.env.BENCH_RUNS) || (QUICK ? 1 : 3);
/**
 * BENCH_TRACE=1: record a Chromium trace of each Tieout run and print its five longest tasks.
 * BENCH_TRACE_CATEGORIES (comma-separated) overrides the trace categories, e.g. to see the GC's
 * worker threads or the canvas's hand-over; BENCH_TRACE_FILE=PATH writes run N's trace to PATH.N.json.
 */
const TRACE = process.env.BENCH_TRACE === '1';
/**
 * BENCH_HEAP=1: what a scan allocates. The sampling heap profiler (objects a minor or major GC took
 * counted too) runs from the scan's start to the end of the long-task window, and the trace takes
 * V8's GC events: prints MB allocated per scan, the top allocation sites (bundle not minified) and
 * every major GC on the page's main thread in that window. The profiler's own work perturbs the
 * timing, so the task figures of these runs are not the bar's.
 */
const HEAP = process.env.BENCH_HEAP === '1';
/** BENCH_NO_GLYPHS=1: the scan with the glyph layer left empty, to tell its cost from the rest's. */
const NO_GLYPHS = process.env.BENCH_NO_GLYPHS === '1';
const ORIGIN = 'http://portal.bench.test';
/** The numbers the portal prints, for the references: its PO and invoice columns. */
const NUMBER_SOURCE = String.raw`\b(?:45000\d{5}|INV-2025-\d{5})\b`;

/**
 * The overlay (scanner, highlighter, detector) bundled for the page, as the content script runs it,
 * with the extension's worker played by a Web Worker: it answers every report with a status per
 * number after a short delay, and the page reads the reply as a structured clone, as with extension
 * messaging. `__tieoutScan()` runs one full scan and resolves when every number is painted in its
 * status.
 *
 * Attribution: each phase the page runs (detector calls, the scanner's hand-over of found numbers,
 * status replies, highlighter calls) is recorded as an interval, so a long task can be put down to
 * the phases inside it; what no phase covers is the browser's own work (style, layout, paint, GC)
 * or the walk.
 */
async function bundleScanner(minify: boolean): Promise<string> {
  const entry = `
    import { detect } from './lib/detect';
    import { pickAdapter } from './lib/page/adapters';
    import { createOverlay } from './lib/page/overlay';
    import { createPageScanner } from './lib/page/scanner';
    import { h as element, render } from 'preact';
    import { OverlayApp } from './components/overlay/OverlayApp';
    import { OVERLAY_CSS } from './components/overlay/labels';
    // Phases are kept flat (name index, start, end in one Float64Array), not as an object with two
    // boxed numbers each: a scan records some 45,000, and as objects they were the page's largest
    // retained allocation after the overlay's own, feeding the very GC this bench measures.
    const phaseNames = [];
    let phaseData = new Float64Array(3 * 65536);
    let phaseCount = 0;
    function record(name, start, end) {
      let n = phaseNames.indexOf(name);
      if (n < 0) n = phaseNames.push(name) - 1;
      if ((phaseCount + 1) * 3 > phaseData.length) {
        const grown = new Float64Array(phaseData.length * 2);
        grown.set(phaseData);
        phaseData = grown;
      }
      phaseData[phaseCount * 3] = n;
      phaseData[phaseCount * 3 + 1] = start;
      phaseData[phaseCount * 3 + 2] = end;
      phaseCount++;
    }
    const phases = {
      get length() { return phaseCount; },
      /** The phases from index "from" on, as objects (read back by the harness, after measuring). */
      slice(from) {
        const out = [];
        for (let i = from; i < phaseCount; i++)
          out.push({ name: phaseNames[phaseData[i * 3]], start: phaseData[i * 3 + 1], end: phaseData[i * 3 + 2] });
        return out;
      },
    };
    function timed(name, fn) {
      return function () {
        const t0 = performance.now();
        // (arguments, not a rest array: one array per call of the overlay's hottest calls)
        try { return fn.apply(this, arguments); } finally { record(name, t0, performance.now()); }
      };
    }
    (globalThis as any).__tieoutPhases = phases;
    // Mounting: the overlay and its UI as the content script sets them up before it starts scanning.
    (globalThis as any).__tieoutMount = () => {
      let detections = 0;
      let ranges = 0;
      let scanner;
      // When the clerk first sees the rows on screen in their statuses: the first state with glyphs
      // (they follow the highlight commit by a frame or two).
      let litAt;
      // The worker: its own thread, as the extension's service worker is; the page pays only for
      // sending the request and reading the reply (structured clone), as with extension messaging.
      const workerSource = \`
        onmessage = (e) => {
          const { id, message } = e.data;
          // A ledger transaction's worth of delay.
          setTimeout(() => {
            const data = message.type === 'page.report'
              ? message.detections.map((d, i) => ({
                  kind: d.kind, key: d.key, number: d.number,
                  status: i % 7 === 0 ? 'exception' : i % 11 === 0 ? 'unknown' : 'tied',
                  docId: d.kind + ':' + d.key,
                  exceptions: i % 7 === 0 ? [{ id: 'x' + d.key, type: 'over_billed', severity: 'high', message: 'Invoice is over its PO' }] : [],
                }))
              : message.type === 'page.statuses' ? [] : null;
            postMessage({ id, reply: { ok: true, data } });
          }, 15);
        };
      \`;
      const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
      const waiting = new Map();
      let nextId = 0;
      worker.onmessage = timed('reply', (e) => {
        const resolve = waiting.get(e.data.id);
        waiting.delete(e.data.id);
        resolve?.(e.data.reply);
      });
      const send = (message) => new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        worker.postMessage({ id, message });
      });
      // The content script's UI: a shadow root after <body>, the overlay's state rendered into it.
      const host = document.createElement('tieout-overlay');
      const shadow = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = OVERLAY_CSS;
      const container = document.createElement('div');
      shadow.append(style, container);
      document.documentElement.append(host);
      const noop = () => undefined;
      const actions = {
        track: noop,
        ignore: noop,
        open: noop,
        importPos: noop,
        close: noop,
        legendFirstRun: () => false,
        legendSeen: noop,
        openMarker: noop,
        holdCard: noop,
      };
      const overlay = createOverlay({
        doc: document,
        send,
        page: () => ({ url: location.href, title: document.title }),
        // __noGlyphs: the reference frames of the reposition timing, without the glyph canvas.
        onState: timed('render', (state) => {
          if (litAt === undefined && state.glyphs.length) litAt = performance.now();
          render(
            element(OverlayApp, {
              state: (globalThis as any).__noGlyphs ? { ...state, glyphs: [], view: { width: 0, height: 0 } } : state,
              actions,
            }),
            container,
          );
        }),
        scanner: (callbacks) => {
          scanner = createPageScanner({
            doc: document,
            detect: timed('detect', (blocks) => detect(blocks)),
            adapter: () => pickAdapter(document, location.hostname),
            exclude: (node) => node === host,
            onClear: timed('clear', callbacks.onClear),
            onFound: timed('found', (found) => {
              for (const f of found) { detections++; if (f.spot) ranges++; }
              callbacks.onFound(found);
            }),
          });
          return scanner;
        },
      });
      const h = overlay.highlighter;
      for (const m of ['add', 'setStatus', 'removeWithin', 'visible']) h[m] = timed('highlight-' + m, h[m]);
      // As the content script: every scroll (nested scrollers too, in capture) asks for a reposition.
      addEventListener('scroll', () => overlay.reposition(), { capture: true, passive: true });
      (globalThis as any).__tieoutOverlay = overlay;
      // As content.ts's onMount: the layer (and its glyph canvas) goes in before the scan.
      const first = overlay.state();
      render(element(OverlayApp, { state: (globalThis as any).__noGlyphs ? { ...first, view: { width: 0, height: 0 } } : first, actions }), container);
      (globalThis as any).__tieoutScan = async () => {
      const t0 = performance.now();
      await overlay.start();
      const scanned = performance.now();
      // Painted: every found number is a mark in its status (registered or kept for the viewport).
      // Given up on after a minute (a normal run takes a few seconds), so a stuck run fails, naming what it waited for.
      await new Promise((resolve, reject) => {
        const poll = () => {
          if (h.size().marks >= ranges) resolve(undefined);
          else if (performance.now() - t0 > 60_000) reject(new Error('not painted after 60 s: ' + h.size().marks + ' of ' + ranges + ' numbers are marks'));
          else setTimeout(poll, 20);
        };
        poll();
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const painted = performance.now();
      return { scanMs: scanned - t0, paintedMs: painted - t0, litMs: litAt === undefined ? -1 : litAt - t0, ranges, detections, stats: { ...scanner.stats(), ...h.size() } };
      };
    };
  `;
  const out = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile: 'scan-bench-entry.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify,
    // linkedom is only for saved pages in Node; html-blocks' live walker does not need it.
    plugins: [
      {
        // Vite's `?inline` (the overlay's fallback style sheet): the file's text as a string.
        name: 'css-inline',
        setup(b) {
          b.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
            path: join(args.resolveDir, args.path.replace(/\?inline$/, '')),
            namespace: 'css-inline',
          }));
          b.onLoad({ filter: /.*/, namespace: 'css-inline' }, (args) => ({
            contents: readFileSync(args.path, 'utf8'),
            loader: 'text',
          }));
        },
      },
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
  /** Tieout: from the scan's start to the first glyphs drawn beside the rows on screen. */
  litMs?: number;
  found: number;
  longestTask: number;
  longTasks: number;
  /** The longest task's CPU time (Tieout runs, from a trace). */
  longestCpu?: number;
  reposition?: Reposition;
}

async function openPortal(browser: Browser, css: string, rows = ROWS): Promise<Page> {
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
  await page.goto(`${ORIGIN}/portal.html?rows=${rows}`);
  await page.waitForFunction((n) => document.querySelectorAll('#docs tbody tr').length === n, rows);
  // Let the page's own layout and paint settle before measuring.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
  return page;
}

async function longTasksSince(page: Page, from: number): Promise<{ longest: number; count: number }> {
  // Long-task entries are delivered after the task ends: give the observer a moment. For Tieout,
  // long enough for what a scan's last marks set off after it resolves: a highlight commit
  // (150 ms), the glyph redraw two frames later and the glyph canvas's frame hand-over after it.
  await page.waitForTimeout(400);
  return page.evaluate((t) => {
    const list = (window as unknown as { __long: { start: number; duration: number }[] }).__long.filter(
      (e) => e.start >= t,
    );
    return { longest: Math.max(0, ...list.map((e) => e.duration)), count: list.length };
  }, from);
}

interface Phase {
  name: string;
  start: number;
  end: number;
}

/** Milliseconds of each phase inside [start, end); the rest is the walk or the browser's own work. */
function attribute(phases: Phase[], start: number, end: number): string {
  const by = new Map<string, number>();
  for (const p of phases) {
    const overlap = Math.min(end, p.end) - Math.max(start, p.start);
    if (overlap > 0) by.set(p.name, (by.get(p.name) ?? 0) + overlap);
  }
  // Phases nest (a highlighter call inside 'found'): the outer one is counted, its parts shown in brackets.
  const outer = ['detect', 'found', 'reply', 'clear'].reduce((n, k) => n + (by.get(k) ?? 0), 0);
  const parts = [...by].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  return `${parts || 'no recorded phase'}; other (walk, paint, GC) ${Math.max(0, end - start - outer).toFixed(0)}`;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the task cost, whatever else the machine was doing. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { functionName?: string; url?: string; lineNumber?: number };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
  };
}

/**
 * The page's longest main-thread tasks from a Chromium trace, each as a flat profile: self time
 * (own duration minus nested events) per event name, largest first.
 */
function longestTraceTasks(
  trace: { traceEvents: TraceEvent[] },
  count: number,
): { lines: string[]; longestCpu: number; overCpu50: number } {
  const events = trace.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Outermost tasks only: a RunTask nested in another is part of it. The harness's own DevTools
  // traffic (evaluate calls, tracing itself) runs on this thread too and is left out.
  const devtools = onMain
    .filter(
      (e) =>
        e.name === 'Receive mojo message' &&
        e.args?.chrome_mojo_event_info?.mojo_interface_tag === 'blink.mojom.DevToolsSession',
    )
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const tasks: TraceEvent[] = [];
  let next = 0;
  let outerEnd = -1;
  for (const e of onMain) {
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue;
    if (e.ts < outerEnd) continue;
    outerEnd = e.ts + (e.dur ?? 0);
    while (next < devtools.length && devtools[next]! < e.ts) next++;
    if (next < devtools.length && devtools[next]! < outerEnd) continue;
    tasks.push(e);
  }
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  const over = (ms: number) => tasks.filter((t) => cpu(t) > ms).length;
  const summary = `tasks by CPU time: ${tasks.length} in all, ${over(15)} over 15 ms, ${over(30)} over 30 ms, ${over(50)} over 50 ms`;
  // Longest by CPU time: on a busy machine wall time also counts the time the thread was waiting.
  const top = [...tasks].sort((a, b) => cpu(b) - cpu(a)).slice(0, count);
  const describe = (task: TraceEvent) => {
    const end = task.ts + (task.dur ?? 0);
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts < end);
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length && stack[stack.length - 1]!.end <= upTo) {
        const f = stack.pop()!;
        const label =
          f.e.name === 'FunctionCall' && f.e.args?.data?.functionName
            ? `FunctionCall(${f.e.args.data.functionName})`
            : f.e.name;
        self.set(label, (self.get(label) ?? 0) + (f.e.tdur ?? f.e.dur ?? 0) - f.child);
        if (stack.length) stack[stack.length - 1]!.child += f.e.tdur ?? f.e.dur ?? 0;
      }
    };
    for (const e of inside) {
      close(e.ts);
      stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
    }
    close(Number.POSITIVE_INFINITY);
    const parts = [...self]
      .filter(([, v]) => v >= 500)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
      .join(', ');
    return `${((task.dur ?? 0) / 1000).toFixed(1)} ms wall, ${cpu(task).toFixed(1)} ms CPU: ${parts}`;
  };
  // The longest by wall time too: where it is far above its CPU time, the thread was waiting.
  const longestWall = [...tasks].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  const lines = [
    summary,
    ...(longestWall ? [`longest by wall time: ${describe(longestWall)}`] : []),
    ...top.map(describe),
  ];
  return { lines, longestCpu: top[0] ? cpu(top[0]) : 0, overCpu50: over(50) };
}

let traceFiles = 0;

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

/**
 * Starts the sampling heap profiler on the page (after a full GC, so the scan starts clean);
 * `stop()` returns the report lines: MB allocated, and the sites that allocated most, by self size,
 * each with the bundle's source line it points at.
 */
async function startHeapSampling(
  page: Page,
  bundle: string,
): Promise<{ stop: () => Promise<string[]>; retained: () => Promise<string> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const before = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    /**
     * What the scan leaves on the heap (marks, statuses, ranges, DOM wrappers): what fills the old
     * generation. Read after the trace is stopped, since it takes a full GC of its own.
     */
    async retained() {
      await cdp.send('HeapProfiler.collectGarbage');
      const after = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      // BENCH_HEAP_SNAPSHOT=PATH: a heap snapshot of what is left, to see what it is made of.
      if (process.env.BENCH_HEAP_SNAPSHOT) {
        const chunks: string[] = [];
        cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
        await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
        writeFileSync(process.env.BENCH_HEAP_SNAPSHOT, chunks.join(''));
      }
      await cdp.detach();
      return `JS heap after a full GC: ${(before / 2 ** 20).toFixed(1)} MB before the scan, ${(after / 2 ** 20).toFixed(1)} MB after it`;
    },
    async stop() {
      const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
        profile: { head: SamplingNode };
      };

      const sites = new Map<string, number>();
      // Self size by site, and by the nearest caller in our own code for the browser's natives.
      const visit = (n: SamplingNode, ours: string) => {
        const f = n.callFrame;
        const here = f.functionName ? `${f.functionName} @${f.lineNumber + 1}` : `(anonymous) @${f.lineNumber + 1}`;
        const site = f.lineNumber >= 0 ? here : `${f.functionName || '(native)'} ← ${ours}`;
        if (n.selfSize) sites.set(site, (sites.get(site) ?? 0) + n.selfSize);
        for (const c of n.children) visit(c, f.lineNumber >= 0 ? here : ours);
      };
      visit(profile.head, '(root)');
      const source = bundle.split('\n');
      const total = [...sites.values()].reduce((a, b) => a + b, 0);
      const top = [...sites].sort((a, b) => b[1] - a[1]).slice(0, 30);
      return [
        `allocated during the scan and its long-task window: ${(total / 2 ** 20).toFixed(1)} MB (sampled, incl. objects already collected)`,
        ...top.map(([k, v]) => {
          const line = Number(/@(\d+)$/.exec(k)?.[1]);
          const code = line ? ` | ${source[line - 1]?.trim().slice(0, 90)}` : '';
          return `  ${(v / 2 ** 20).toFixed(2).padStart(6)} MB  ${k}${code}`;
        }),
      ];
    },
  };
}

/** The major GCs (mark-compact) on the page's main thread while tracing (the scan and its window). */
function majorGcs(trace: { traceEvents: TraceEvent[] }): string[] {
  const events = trace.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const on = events.filter((e) => mains.has(`${e.pid}:${e.tid}`));
  const count = (name: string) => on.filter((e) => e.name === name).length;
  const major = on.filter((e) => e.name === 'MajorGC' && e.ph === 'X');
  const start = Math.min(...on.filter((e) => e.ts > 0).map((e) => e.ts));
  return [
    `major GCs on the main thread while tracing: ${major.length}${major.length ? ` (${major.map((e) => `${((e.dur ?? 0) / 1000).toFixed(1)} ms at +${((e.ts - start) / 1000).toFixed(0)}`).join(', ')})` : ''}`,
    `minor GCs ${count('MinorGC')}, incremental marking steps ${count('V8.GC_MC_INCREMENTAL')}, sweeping completed on the main thread ${count('V8.GC_MC_COMPLETE_SWEEPING')}`,
  ];
}
async function runTieout(browser: Browser, bundle: string, css: string): Promise<Run> {
  const page = await openPortal(browser, css);
  await page.evaluate(bundle);
  if (NO_GLYPHS)
    await page.evaluate(() => {
      (globalThis as unknown as { __noGlyphs: boolean }).__noGlyphs = true;
    });
  const mount = await mountCost(browser, page);
  console.log(
    `  overlay UI mounted before the scan (shadow host, layer, glyph canvas): its longest task ${mount.toFixed(0)} ms CPU (trace)`,
  );
  // Before the trace starts: the profiler's own full GC is not the scan's.
  const heap = HEAP ? await startHeapSampling(page, bundle) : undefined;
  // Always traced, lightly ('toplevel': one event per task, with its CPU time): on a busy machine a
  // task's wall time also counts the time the thread waited for a core, its CPU time does not.
  await browser.startTracing(page, {
    categories: process.env.BENCH_TRACE_CATEGORIES
      ? process.env.BENCH_TRACE_CATEGORIES.split(',')
      : HEAP
        ? ['toplevel', 'v8', 'devtools.timeline', 'disabled-by-default-v8.gc']
        : TRACE
          ? ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink']
          : ['toplevel'],
  });
  const from = await page.evaluate(() => performance.now());
  const r = await page.evaluate(() =>
    (
      globalThis as unknown as {
        __tieoutScan: () => Promise<{
          scanMs: number;
          paintedMs: number;
          litMs: number;
          ranges: number;
          stats: object;
        }>;
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
  // Stopped before the harness reads its phase records back (a large serialization of its own).
  const heapReport = heap ? await heap.stop() : undefined;
  const detail = await page.evaluate((t) => {
    const w = window as unknown as { __long: { start: number; duration: number }[]; __tieoutPhases: Phase[] };
    return { long: w.__long.filter((e) => e.start >= t), phases: w.__tieoutPhases.slice(0) };
  }, from);
  for (const task of detail.long) {
    console.log(
      `    long task ${task.duration.toFixed(0)} ms at +${(task.start - from).toFixed(0)} ms: ${attribute(detail.phases, task.start, task.start + task.duration)}`,
    );
  }
  const raw = (await browser.stopTracing()).toString('utf8');
  if (heapReport) {
    for (const line of heapReport) console.log(`    ${line}`);
    for (const line of majorGcs(JSON.parse(raw) as { traceEvents: TraceEvent[] })) console.log(`    ${line}`);
    console.log(`    ${await heap?.retained()}`);
  }
  if (process.env.BENCH_TRACE_FILE) writeFileSync(`${process.env.BENCH_TRACE_FILE}.${++traceFiles}.json`, raw);
  const traced = longestTraceTasks(JSON.parse(raw) as { traceEvents: TraceEvent[] }, 6);
  for (const line of TRACE ? traced.lines : traced.lines.slice(0, 2)) console.log(`    trace ${line}`);
  console.log(
    `    longest task ${tasks.longest.toFixed(0)} ms wall (longtask observer); longest by CPU time ${traced.longestCpu.toFixed(0)} ms (trace); load average ${loadavg()[0]?.toFixed(2)}`,
  );
  const reposition = await timeReposition(browser, page, 16);
  console.log(repositionLine(`${ROWS.toLocaleString('en-US')} rows`, reposition));
  await page.close();
  return {
    ms: r.scanMs,
    paintedMs: r.paintedMs,
    litMs: r.litMs,
    found: r.ranges,
    longestTask: tasks.longest,
    longTasks: tasks.count,
    longestCpu: traced.longestCpu,
    reposition,
  };
}

/**
 * Mounts the overlay's UI as the content script does before scanning, and returns the CPU time of
 * the longest task it caused (adding a fixed layer to a long page costs Chromium a compositing pass
 * over it, once). Not part of the scan's figures: the content script pays it at start, scan or not.
 */
async function mountCost(browser: Browser, page: Page): Promise<number> {
  await browser.startTracing(page, { categories: ['toplevel'] });
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        (globalThis as unknown as { __tieoutMount: () => void }).__tieoutMount();
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));
      }),
  );
  const raw = (await browser.stopTracing()).toString('utf8');
  return longestTraceTasks(JSON.parse(raw) as { traceEvents: TraceEvent[] }, 1).longestCpu;
}

interface Reposition {
  /** Our JS per glyph update (rectangles read, glyphs picked, Preact render, canvas drawn), ms wall. */
  jsMedian: number;
  jsMax: number;
  /** The same in CPU time (the animation-frame callbacks in a trace): what a busy machine does not inflate. */
  cpuMedian: number;
  cpuMax: number;
  updates: number;
  glyphs: number;
  registered: number;
  /** CPU of a scroll frame's whole task (our update, style, layout, paint, canvas), with and without the glyph canvas. */
  frameWith: number;
  frameWithout: number;
}

/**
 * Scrolls the list in steps (down 311 px, up 173 px, …) and times each glyph update the scrolls
 * cause (a `visible()` read and the render right after it), and the frames' own CPU time from a
 * trace, once with the glyph layer and once with it left empty.
 */
async function timeReposition(browser: Browser, page: Page, steps: number): Promise<Reposition> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  const frameCpu = async (noGlyphs: boolean) => {
    await page.evaluate((off) => {
      (globalThis as unknown as { __noGlyphs: boolean }).__noGlyphs = off;
      window.scrollTo(0, 0);
    }, noGlyphs);
    await page.waitForTimeout(400);
    await browser.startTracing(page, { categories: ['toplevel', 'blink', 'devtools.timeline'] });
    const from = await page.evaluate(async (n) => {
      const w = globalThis as unknown as { __tieoutPhases: Phase[] };
      const from = w.__tieoutPhases.length;
      for (let i = 0; i < n; i++) {
        window.scrollBy(0, i % 2 ? -173 : 311);
        // The scroll's frame and one more. (No named helper here: tsx would wrap it in a function
        // the page lacks.)
        for (let f = 0; f < 2; f++) await new Promise<void>((r) => requestAnimationFrame(() => r()));
      }
      // Commits of marks the scroll brought near land up to 150 ms later: let them in.
      await new Promise((r) => setTimeout(r, 300));
      return from;
    }, steps);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    // Each frame's whole task (animation-frame callbacks, lifecycle, canvas hand-over), by CPU time.
    const tasks = trace.traceEvents
      .filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'))
      .sort((a, b) => a.ts - b.ts);
    const frames = trace.traceEvents
      .filter((e) => e.ph === 'X' && e.name === 'WebFrameWidgetImpl::UpdateLifecycle')
      .map((e) => {
        const task = tasks.find(
          (t) => t.pid === e.pid && t.tid === e.tid && t.ts <= e.ts && t.ts + (t.dur ?? 0) >= e.ts + (e.dur ?? 0),
        );
        return ((task ?? e).tdur ?? (task ?? e).dur ?? 0) / 1000;
      })
      .filter((ms) => ms > 0.05);
    // Our update is the one animation-frame callback that does work; the bench's own only resolve.
    const callbacks = trace.traceEvents
      .filter((e) => e.ph === 'X' && e.name === 'FireAnimationFrame')
      .map((e) => (e.tdur ?? e.dur ?? 0) / 1000)
      .filter((ms) => ms > 0.1);
    return { from, frames, callbacks };
  };
  const withGlyphs = await frameCpu(false);
  const stats = await page.evaluate((from) => {
    const w = globalThis as unknown as {
      __tieoutPhases: Phase[];
      __tieoutOverlay: { state(): { glyphs: unknown[] }; highlighter: { size(): { registered: number } } };
    };
    const phases = w.__tieoutPhases.slice(from);
    const renders = phases.filter((p) => p.name === 'render');
    const costs = phases
      .filter((p) => p.name === 'highlight-visible')
      .map((v) => {
        const r = renders.find((x) => x.start >= v.end && x.start - v.end < 2);
        return (r?.end ?? v.end) - v.start;
      });
    return {
      costs,
      glyphs: w.__tieoutOverlay.state().glyphs.length,
      registered: w.__tieoutOverlay.highlighter.size().registered,
    };
  }, withGlyphs.from);
  const without = await frameCpu(true);
  await page.evaluate(() => {
    (globalThis as unknown as { __noGlyphs: boolean }).__noGlyphs = false;
  });
  return {
    jsMedian: median(stats.costs),
    jsMax: Math.max(0, ...stats.costs),
    cpuMedian: median(withGlyphs.callbacks),
    cpuMax: Math.max(0, ...withGlyphs.callbacks),
    updates: stats.costs.length,
    glyphs: stats.glyphs,
    registered: stats.registered,
    frameWith: median(withGlyphs.frames),
    frameWithout: median(without.frames),
  };
}

function repositionLine(label: string, r: Reposition): string {
  return (
    `  glyph reposition on ${label}: our JS per update ${r.cpuMedian.toFixed(2)} ms CPU median, ${r.cpuMax.toFixed(2)} ms max ` +
    `(wall ${r.jsMedian.toFixed(2)} / ${r.jsMax.toFixed(2)} ms; ${r.updates} updates, ${r.glyphs} glyphs drawn, ${r.registered} ranges registered); scroll frame CPU ` +
    `${r.frameWith.toFixed(1)} ms with glyphs, ${r.frameWithout.toFixed(1)} ms without the glyph canvas (median)`
  );
}

/** A 900-number page (450 rows), below the windowing threshold: every mark is registered and read. */
async function runSmall(browser: Browser, bundle: string, css: string): Promise<Reposition> {
  const page = await openPortal(browser, css, 450);
  await page.evaluate(bundle);
  await page.evaluate(() => (globalThis as unknown as { __tieoutMount: () => void }).__tieoutMount());
  await page.evaluate(() => (globalThis as unknown as { __tieoutScan: () => Promise<unknown> }).__tieoutScan());
  const r = await timeReposition(browser, page, 16);
  await page.close();
  return r;
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

/**
 * The browser's own floor, for reading the longest task: the CPU time of the frame after one range
 * (one cell) joins a registered highlight on the same page, with the overlay's style sheet
 * (background colours only), and for comparison with an underline added to every highlight rule:
 * with any text decoration Chromium recomputes the visual overflow of every decorated text node's
 * ancestors, the whole table, in each frame in which a highlight changes.
 */
async function highlightFloor(browser: Browser, css: string): Promise<{ ours: number; underlined: number }> {
  const underlined = css.replace(/(::highlight\([^)]*\)\s*\{)/g, '$1 text-decoration: underline solid currentColor;');
  if (underlined === css) throw new Error('The highlight style sheet has no ::highlight rules.');
  const out = { ours: 0, underlined: 0 };
  for (const [name, sheet] of [
    ['ours', css],
    ['underlined', underlined],
  ] as const) {
    const page = await openPortal(browser, sheet);
    await page.evaluate(() => {
      const h = new Highlight();
      CSS.highlights.set('tieout-exception', h);
      (window as unknown as { __h: Highlight }).__h = h;
    });
    await browser.startTracing(page, { categories: ['toplevel', 'blink', 'devtools.timeline'] });
    const frames: number[] = [];
    for (let k = 0; k < 3; k++) {
      await page.evaluate(
        (i) =>
          new Promise((done) => {
            const cell = document.querySelectorAll('#docs tbody td')[i * 61]?.firstChild;
            const range = document.createRange();
            if (cell) range.selectNodeContents(cell);
            (window as unknown as { __h: Highlight }).__h.add(range);
            requestAnimationFrame(() => setTimeout(done, 50));
          }),
        k,
      );
    }
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    for (const e of trace.traceEvents)
      if (e.ph === 'X' && e.name === 'WebFrameWidgetImpl::UpdateLifecycle') frames.push((e.tdur ?? e.dur ?? 0) / 1000);
    out[name] = median(frames.filter((ms) => ms > 0.5));
    await page.close();
  }
  return out;
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

// A page that never answers would leave `page.evaluate` waiting for ever (it has no timeout): the
// bench stops with a message instead. A full run takes 1.5 min, 4 with tracing or heap sampling.
const WATCHDOG_MIN = Number(process.env.BENCH_WATCHDOG_MIN) || 15;
setTimeout(() => {
  console.error(`scan bench: still running after ${WATCHDOG_MIN} min; a page stopped answering. Stopping.`);
  process.exit(2);
}, WATCHDOG_MIN * 60_000).unref();
const bundle = await bundleScanner(!TRACE && !HEAP);
// BENCH_BUNDLE_FILE=PATH: the page's bundle, to read the heap report's line numbers against.
if (process.env.BENCH_BUNDLE_FILE) writeFileSync(process.env.BENCH_BUNDLE_FILE, bundle);
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
  console.log(
    `Tieout per run: longest task ${tieout.map((r) => r.longestTask.toFixed(0)).join(' / ')} ms wall, ` +
      `longest by CPU time ${tieout.map((r) => (r.longestCpu ?? 0).toFixed(0)).join(' / ')} ms; ` +
      `total ${tieout.map((r) => r.ms.toFixed(0)).join(' / ')} ms against mark.js ${mark.map((r) => r.ms.toFixed(0)).join(' / ')} ms; ` +
      `rows on screen lit after ${tieout.map((r) => (r.litMs ?? -1).toFixed(0)).join(' / ')} ms (mark.js: at its end); ` +
      `load average now ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`,
  );
  const small = await runSmall(browser, bundle, css);
  const big = tieout.map((r) => r.reposition).filter((r): r is Reposition => !!r);
  console.log(
    `Glyph reposition (our JS per update, CPU median / max): ${ROWS.toLocaleString('en-US')} rows ` +
      `${big.map((r) => `${r.cpuMedian.toFixed(2)} / ${r.cpuMax.toFixed(2)}`).join(', ')} ms; 900 numbers ` +
      `${small.cpuMedian.toFixed(2)} / ${small.cpuMax.toFixed(2)} ms (${small.glyphs} glyphs, ${small.registered} ranges registered); ` +
      `scroll frame CPU with / without glyphs: ${big.map((r) => `${r.frameWith.toFixed(1)} / ${r.frameWithout.toFixed(1)}`).join(', ')} ms ` +
      `(${ROWS.toLocaleString('en-US')} rows), ${small.frameWith.toFixed(1)} / ${small.frameWithout.toFixed(1)} ms (900 numbers)`,
  );
  const floor = await highlightFloor(browser, css);
  console.log(
    `Browser floor on this page: a frame after one highlight change costs ${floor.ours.toFixed(0)} ms of CPU with the ` +
      `overlay's highlight style (background colours only; status glyphs in the shadow root), ` +
      `${floor.underlined.toFixed(0)} ms were an underline added (visual overflow of the whole table)`,
  );
} finally {
  await browser.close();
}
