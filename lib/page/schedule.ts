/**
 * Cooperative time slicing for work done on the page's main thread. A supplier portal list with
 * thousands of rows must stay scrollable while it is scanned, so every loop in the scanner asks
 * `slice.check()` between small units of work and gives the thread back once its slice is spent.
 * The slice is well below the 50 ms long-task line, leaving room for one unit that overruns.
 */

export interface SliceOptions {
  /** Milliseconds of work before yielding. */
  budgetMs?: number;
  now?: () => number;
  /** Hands the thread back to the page and resolves when work may continue. */
  yieldToPage?: () => Promise<void>;
}

export interface Slice {
  /** Yields when the current slice is spent; cheap when it is not. */
  check(): Promise<void>;
  /** Number of times the slice yielded (tests, bench). */
  readonly yields: number;
}

type SchedulerLike = { yield?: () => Promise<void> };

/** `scheduler.yield()` where the browser has it (keeps our place in the queue), else a macrotask. */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createSlice(options: SliceOptions = {}): Slice {
  const budget = options.budgetMs ?? 8;
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? defaultYield;
  let started = now();
  let yields = 0;
  return {
    async check() {
      if (now() - started < budget) return;
      yields++;
      await yieldToPage();
      started = now();
    },
    get yields() {
      return yields;
    },
  };
}
