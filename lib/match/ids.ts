import type { ExceptionType } from '@/lib/model/exception';

/**
 * Deterministic exception identity: the same facts always give the same id, so a re-match of
 * unchanged data rewrites nothing and a resolution stays attached. Long doc lists (a PO billed by
 * fifty invoices) are hashed to keep the primary key short.
 */
export function exceptionId(type: ExceptionType, poKey: string | undefined, docIds: readonly string[]): string {
  return idOfSorted(type, poKey, [...docIds].sort());
}

/** `exceptionId` for doc ids already sorted and distinct. */
export function idOfSorted(type: ExceptionType, poKey: string | undefined, docIds: readonly string[]): string {
  const ids = docIds.join(',');
  const tail = ids.length <= 240 ? ids : `h${fnv1a64(ids)}:${docIds.length}`;
  // Joined, not a template: a flat string, which the run hashes and sorts tens of thousands of times.
  return [type, poKey ?? '', tail].join(':');
}

/** 64-bit FNV-1a as two 32-bit halves; collisions among one PO's exceptions are not a practical concern. */
function fnv1a64(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x100000001b3 & 0xffffffff) ^ (h1 >>> 7);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Documents in id order: a choice that never depends on the order they were loaded in. */
export const compareIds = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
