import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainHeads, deleted, deletions, forEachOneEdit, keyHash } from '@/lib/match/keyhash';

const key = fc.string({ unit: fc.constantFrom(...'0123456789ABOX-'), minLength: 0, maxLength: 40 });

/** The one-edit neighbours of `k` over `alphabet`, built as strings. */
function neighbours(k: string, alphabet: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= k.length; i++) {
    if (i < k.length) {
      out.add(k.slice(0, i) + k.slice(i + 1));
      for (const c of alphabet) if (c !== k[i]) out.add(k.slice(0, i) + c + k.slice(i + 1));
    }
    for (const c of alphabet) out.add(k.slice(0, i) + c + k.slice(i));
  }
  return out;
}

describe('key hashes of one-edit neighbours', () => {
  it('gives each deletion the hash of the string it spells', () => {
    fc.assert(
      fc.property(key, (k) => {
        const got = new Set<number>();
        const count = deletions(k);
        for (let i = 0; i < count; i++) {
          got.add(deleted.hash[i]!);
          expect(keyHash(k.slice(0, deleted.at[i]!) + k.slice(deleted.at[i]! + 1))).toBe(deleted.hash[i]);
        }
        const want = new Set<number>();
        for (let i = 0; i < k.length; i++) want.add(keyHash(k.slice(0, i) + k.slice(i + 1)));
        expect(got).toEqual(want);
      }),
    );
  });

  it('gives every deletion, substitution and insertion the hash of the string it spells', () => {
    fc.assert(
      fc.property(key, fc.uniqueArray(fc.constantFrom(...'0123456789AO'), { maxLength: 12 }), (k, alphabet) => {
        const got = new Set<number>();
        forEachOneEdit(
          k,
          alphabet.map((c) => c.charCodeAt(0)),
          (h) => got.add(h),
        );
        const want = new Set([...neighbours(k, alphabet)].map(keyHash));
        expect(got).toEqual(want);
      }),
    );
  });

  it('tells different keys apart', () => {
    expect(keyHash('4500012345')).not.toBe(keyHash('4500012354'));
    expect(keyHash('')).toBe(0);
  });

  it('chains positions of one hash, newest first, apart from other hashes', () => {
    const heads = new ChainHeads(2);
    const next = new Int32Array(4).fill(-1);
    for (const [hash, at] of [
      [7, 3],
      [9, 2],
      [7, 1],
      [7, 0],
    ] as const)
      heads.link(next, hash, at);
    const walk = (hash: number) => {
      const out: number[] = [];
      for (let i = heads.first(hash); i !== -1; i = next[i]!) out.push(i);
      return out;
    };
    expect(walk(7)).toEqual([0, 1, 3]);
    expect(walk(9)).toEqual([2]);
    expect(walk(8)).toEqual([]);
  });

  it('keeps every chain apart when hashes crowd the table (as a Map of arrays would)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x3fffffff }), { minLength: 1, maxLength: 200 }), (hashes) => {
        const distinct = new Set(hashes).size;
        const heads = new ChainHeads(distinct);
        const next = new Int32Array(hashes.length).fill(-1);
        const expected = new Map<number, number[]>();
        for (let at = hashes.length - 1; at >= 0; at--) {
          heads.link(next, hashes[at]!, at);
          expected.set(hashes[at]!, [at, ...(expected.get(hashes[at]!) ?? [])]);
        }
        for (const [hash, positions] of expected) {
          const out: number[] = [];
          for (let i = heads.first(hash); i !== -1; i = next[i]!) out.push(i);
          expect(out).toEqual(positions);
        }
        expect(heads.first(0x3fffffff + 1)).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });
});
