import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

export interface LiveResult<T> {
  /** Undefined until the first result arrives. */
  value: T | undefined;
  error: Error | undefined;
}

/**
 * Subscribes a component to a Dexie query; re-renders whenever the tables it read change, in this
 * page or in the worker. Returns `initial` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[], initial: T, name?: string): T;
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined;
export function useLiveQuery<T>(
  query: () => Promise<T> | T,
  deps: unknown[],
  initial?: T,
  name?: string,
): T | undefined {
  return useLiveResult(query, deps, initial, name).value;
}

export function useLiveResult<T>(
  query: () => Promise<T> | T,
  deps: unknown[],
  initial?: T,
  name?: string,
): LiveResult<T> {
  const [state, setState] = useState<LiveResult<T>>({ value: initial, error: undefined });
  // Subscribed as the component mounts, before the browser paints, so the read is not held back a frame.
  useLayoutEffect(() => {
    const subscribed = performance.now();
    let runs = 0;
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        if (name) performance.measure(`tieout:live:${name}#${runs++}`, { start: subscribed, end: performance.now() });
        setState({ value, error: undefined });
      },
      error: (error: unknown) =>
        setState((s) => ({ value: s.value, error: error instanceof Error ? error : new Error(String(error)) })),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state;
}
