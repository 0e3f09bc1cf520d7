import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** Subscribes a component to a Dexie query; re-renders whenever the ledger changes. */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: (e) => console.error(e) });
    return () => subscription.unsubscribe();
    // biome-ignore lint/correctness/useExhaustiveDependencies: deps are passed by the caller
  }, deps);
  return value;
}
