import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export interface LiveResult<T> {
  /** Undefined until the first result arrives. */
  value: T | undefined;
  error: Error | undefined;
}

/**
 * Subscribes a component to a Dexie query; re-renders whenever the tables it read change, in this
 * page or in the worker. Returns `initial` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[], initial: T): T;
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined;
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[], initial?: T): T | undefined {
  return useLiveResult(query, deps, initial).value;
}

export function useLiveResult<T>(query: () => Promise<T> | T, deps: unknown[], initial?: T): LiveResult<T> {
  const [state, setState] = useState<LiveResult<T>>({ value: initial, error: undefined });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value, error: undefined }),
      error: (error: unknown) =>
        setState((s) => ({ value: s.value, error: error instanceof Error ? error : new Error(String(error)) })),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state;
}
