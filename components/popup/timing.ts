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

/** Called once, when the first view has painted its data. */
export function recordFirstRender(): void {
  const t = timings();
  if (t.firstRender !== undefined) return;
  t.firstRender = performance.now();
  document.documentElement.dataset.rendered = 'true';
}

/** Called when a record view has its whole group on screen. */
export function recordComplete(): void {
  timings().recordComplete ??= performance.now();
}
