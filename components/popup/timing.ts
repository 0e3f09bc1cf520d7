import { useEffect, useLayoutEffect, useState } from 'preact/hooks';

/**
 * Timings the popup leaves on `window` for its benchmark (dev/bench/popup.bench.ts) and tests:
 * how long the first view took to show data, and each lookup from keystroke to rendered results.
 */
export interface PopupTimings {
  /** ms from navigation start until the popup's script started (HTML, script load and parse). */
  scriptStart?: number;
  /** ms from navigation start until the first view rendered with ledger data. */
  firstRender?: number;
  /** ms from navigation start until a record view showed its whole group (links, balance, exceptions). */
  recordComplete?: number;
  lookups: { query: string; ms: number; hits: number }[];
}

function timings(): PopupTimings {
  const g = globalThis as unknown as { __tieoutTimings?: PopupTimings };
  g.__tieoutTimings ??= { lookups: [] };
  return g.__tieoutTimings;
}

export function recordLookupTiming(query: string, ms: number, hits: number): void {
  const list = timings().lookups;
  list.push({ query, ms, hits });
  if (list.length > 1000) list.shift();
}

/** Called first thing in the popup's script. */
export function recordScriptStart(): void {
  timings().scriptStart ??= performance.now();
}

let committedAt: number | undefined;

/**
 * Reports a view's first render with data: `ready` once its data is in the DOM. The span from the
 * DOM change (layout effect) to the next painted frame (effect) is left on the timeline as `paint`.
 */
export function useFirstRender(ready: boolean): void {
  useLayoutEffect(() => {
    if (ready && committedAt === undefined) {
      committedAt = performance.now();
      span('commit', committedAt, committedAt);
    }
  }, [ready]);
  useEffect(() => {
    if (ready) recordFirstRender();
  }, [ready]);
}

/** Called once, when the first view has painted its data. */
export function recordFirstRender(): void {
  const t = timings();
  if (t.firstRender !== undefined) return;
  t.firstRender = performance.now();
  if (committedAt !== undefined) span('paint', committedAt, t.firstRender);
  performance.mark('tieout:firstRender');
  document.documentElement.dataset.rendered = 'true';
  for (const listener of firstRenderListeners.splice(0)) listener();
}

const firstRenderListeners: (() => void)[] = [];

/** Past this, secondary reads start even if no view has reported its first render (an error, the first-run page). */
const SECONDARY_FALLBACK_MS = 300;

/**
 * False until the first view has painted its data. Secondary reads (counts for tab labels and
 * filters) wait for it: counting thousands of index entries would otherwise be queued in IndexedDB
 * ahead of the rows the clerk is waiting for, since one database answers its requests in turn.
 */
export function useAfterFirstRender(): boolean {
  const [done, setDone] = useState(() => timings().firstRender !== undefined);
  useEffect(() => {
    if (done) return;
    const listener = () => setDone(true);
    firstRenderListeners.push(listener);
    const fallback = setTimeout(listener, SECONDARY_FALLBACK_MS);
    return () => {
      clearTimeout(fallback);
      const i = firstRenderListeners.indexOf(listener);
      if (i >= 0) firstRenderListeners.splice(i, 1);
    };
  }, [done]);
  return done;
}

/** Called when a record view has its whole group on screen. */
export function recordComplete(): void {
  timings().recordComplete ??= performance.now();
}

/**
 * A named span on the page's performance timeline (`tieout:<name>`), read by the benchmark to show
 * where a view's first render spends its time: database open, each query, render.
 */
export function span(name: string, start: number, end = performance.now()): void {
  performance.measure(`tieout:${name}`, { start, end });
}

/** Runs `work` and leaves its duration on the timeline as `tieout:<name>`. */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    span(name, start);
  }
}
