/**
 * Polynomial hashes of number keys and of their one-edit neighbours, computed in O(1) each from
 * prefix sums, so that "is there a key one character away?" is a handful of integer table lookups
 * (ChainHeads) instead of building and hashing a new string per candidate. Arithmetic is mod 2^32
 * and what is handed out is its low 30 bits: small non-negative integers, which V8 keeps unboxed and
 * ChainHeads can tell from its empty slots (-1). A collision only costs a string comparison,
 * because every hit is verified by the caller.
 */

import { keepShape } from './shapes';

const BASE = 131;
const MAX_CACHED = 64;
const LOW30 = 0x3fffffff;
/** BASE^i mod 2^32, grown on demand. */
const pow: number[] = [1];
function powOf(i: number): number {
  while (pow.length <= i) pow.push(Math.imul(pow[pow.length - 1]!, BASE) >>> 0);
  return pow[i]!;
}
for (let i = 0; i < MAX_CACHED; i++) powOf(i);

/** The hash of a whole key. */
export function keyHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, BASE) + key.charCodeAt(i)) >>> 0;
  return h & LOW30;
}

/** Prefix hashes of `key`: `out[i]` is the hash of `key.slice(0, i)`; reused between calls. */
function prefixes(key: string, out: number[]): number[] {
  out.length = key.length + 1;
  out[0] = 0;
  for (let i = 0; i < key.length; i++) out[i + 1] = (Math.imul(out[i]!, BASE) + key.charCodeAt(i)) >>> 0;
  return out;
}

const scratch: number[] = [];

/** Hash of `key.slice(i, j)` from its prefix hashes. */
function slice(pre: number[], i: number, j: number): number {
  return (pre[j]! - Math.imul(pre[i]!, powOf(j - i))) >>> 0;
}

/** Where `deletions` writes; read before the next call. */
export const deleted: { readonly hash: number[]; readonly at: number[] } = { hash: [], at: [] };

/**
 * Puts the hash of each one-character deletion of `key` in `deleted.hash`, and the position deleted
 * in `deleted.at` (runs of the same character give the same string, so only the first of a run is
 * given); returns how many. Shared arrays rather than a callback: a full run asks for 300,000 keys,
 * and a closure per key is garbage and, worse, a call target the optimized loop cannot keep.
 */
export function deletions(key: string): number {
  const n = key.length;
  const pre = prefixes(key, scratch);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && key.charCodeAt(i) === key.charCodeAt(i - 1)) continue;
    deleted.hash[count] = (Math.imul(pre[i]!, powOf(n - i - 1)) + slice(pre, i + 1, n)) & LOW30;
    deleted.at[count] = i;
    count++;
  }
  return count;
}

/**
 * Calls `visit(hash)` for every key one edit from `key` over `alphabet` (char codes): each deletion,
 * each substitution by another character of the alphabet, each insertion of one. Duplicates are
 * possible (inserting a character next to the same one); the caller dedupes what it finds. Not
 * re-entrant, like deletions.
 */
export function forEachOneEdit(key: string, alphabet: readonly number[], visit: (hash: number) => void): void {
  const n = key.length;
  const pre = prefixes(key, scratch);
  const whole = pre[n]!;
  for (let i = 0; i <= n; i++) {
    const head = pre[i]!;
    const rest = slice(pre, i, n);
    if (i < n) {
      const c0 = key.charCodeAt(i);
      const tail = slice(pre, i + 1, n);
      visit((Math.imul(head, powOf(n - i - 1)) + tail) & LOW30);
      const weight = powOf(n - 1 - i);
      for (const c of alphabet) if (c !== c0) visit((whole + Math.imul(c - c0, weight)) & LOW30);
    }
    const shifted = Math.imul(head, powOf(n - i + 1));
    const weight = powOf(n - i);
    for (const c of alphabet) visit((shifted + Math.imul(c, weight) + rest) & LOW30);
  }
}

/**
 * A bit per hash bucket, to answer "certainly absent" before a Map lookup: probes of one-edit
 * neighbours miss almost always, and a miss in a Map of 100,000 keys is a few cache misses, where a
 * bit in a 2 MB array is one (8 bits per key: about one false "maybe" in eight).
 */
export class HashFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;
  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 8 && size < 1 << 24) size *= 2;
    this.bits = new Int32Array(size >>> 5);
    this.mask = size - 1;
  }
  add(hash: number): void {
    const i = hash & this.mask;
    this.bits[i >>> 5]! |= 1 << (i & 31);
  }
  mayHave(hash: number): boolean {
    const i = hash & this.mask;
    return (this.bits[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
}

/**
 * Chains of positions by hash: `first(hash)` is a chain's first position, and the caller's `next[i]`
 * the one after `i` (or -1). One open-addressing table of integers instead of a `Map`, because at
 * ledger scale there are hundreds of thousands of chains, nearly all of one position, and a `Map`
 * entry costs several times the memory traffic of two array slots.
 */
export class ChainHeads {
  /**
   * Slot `i` is `table[2i]` (its hash, -1 when empty) and `table[2i + 1]` (its chain's first
   * position): side by side, so that a lookup at this scale costs one cache miss, not two.
   */
  private readonly table: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  /** `capacity`: the most distinct hashes it will hold (the table is kept at most half full). */
  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < capacity * 2 && bits < 30) bits++;
    this.table = new Int32Array(2 << bits).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  /** The index in `table` of `hash`'s slot, or of the empty one where it would go. Hashes are non-negative (30 bits). */
  private slot(hash: number): number {
    // Fibonacci hashing spreads polynomial hashes, whose low bits follow the keys' last characters.
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (this.table[2 * i] !== hash && this.table[2 * i] !== -1) i = (i + 1) & this.mask;
    return 2 * i;
  }

  first(hash: number): number {
    const i = this.slot(hash);
    return this.table[i] === hash ? this.table[i + 1]! : -1;
  }

  /** Puts position `at` in front of the chain of `hash`; `next[at]` must be -1 before. */
  link(next: Int32Array, hash: number, at: number): void {
    const i = this.slot(hash);
    if (this.table[i] === hash) next[at] = this.table[i + 1]!;
    else this.table[i] = hash;
    this.table[i + 1] = at;
  }
}

keepShape(new HashFilter(1));
keepShape(new ChainHeads(1));
