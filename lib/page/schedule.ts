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

type SchedulerLike = { postTask?: (task: () => void) => Promise<void> };

/**
 * Gives the thread back as a new task at the page's normal priority, queued behind whatever is
 * already waiting: the worker's replies, the highlight commit's timer, input. Not
 * `scheduler.yield()`, whose continuations run ahead of all of those. With it, a 10,000-row walk
 * held back every reply until it had walked the whole list (about a second), so the rows on screen
 * lit up only then, in one heavy frame that landed in the major GC the walk itself brings on. Queued
 * behind the replies, the first highlights show within a few hundred milliseconds, while the heap is
 * still small.
 */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => {});
  // A message is a task too and, unlike a nested timeout, is not held back 4 ms each time.
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
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
