import { useEffect, useRef, useState } from 'preact/hooks';
import { type LiveResult, useLiveResult } from '@/components/useLiveQuery';

/** Rows the popup shows without scrolling (about 13 in its 470 px view), read and painted first. */
export const FIRST_SCREEN = 15;

/**
 * A paged list read in two steps the first time it shows: the first screenful
 * (`read(FIRST_SCREEN)`), painted as soon as it is in, then the whole page (`read(size)`), which
 * replaces it and is the one kept live. Every row costs IndexedDB requests of its own (its open
 * exceptions, its documents), so the clerk sees the top of the list after a screenful of them
 * rather than a page. `complete` stays false while only the screenful is shown: "Show more" waits.
 */
export function useScreenfulFirst<T>(
  read: (rows: number) => Promise<T>,
  size: number,
  deps: unknown[],
  name: string,
): LiveResult<T> & { complete: boolean } {
  const [started, setStarted] = useState(false);
  const head = useLiveResult<T | undefined>(
    () => (started ? undefined : read(Math.min(FIRST_SCREEN, size))),
    [started, ...deps],
    undefined,
    `${name}.head`,
  );
  const lastHead = useRef<T | undefined>(undefined);
  if (head.value !== undefined) lastHead.current = head.value;
  // An effect runs once the screenful has painted: only then is the rest of the page asked for.
  useEffect(() => {
    if (head.value !== undefined && !started) setStarted(true);
  }, [head.value, started]);
  const full = useLiveResult<T | undefined>(
    () => (started ? read(size) : undefined),
    [started, size, ...deps],
    undefined,
    name,
  );
  return {
    value: full.value ?? lastHead.current,
    error: full.error ?? head.error,
    complete: full.value !== undefined,
  };
}
