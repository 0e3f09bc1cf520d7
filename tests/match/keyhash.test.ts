import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachDeletion, forEachOneEdit, keyHash, linkChain } from '../../lib/match/keyhash';

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
        forEachDeletion(k, (h) => got.add(h));
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
    const heads = new Map<number, number>();
    const next = new Int32Array(4).fill(-1);
    for (const [hash, at] of [
      [7, 3],
      [9, 2],
      [7, 1],
      [7, 0],
    ] as const)
      linkChain(heads, next, hash, at);
    const walk = (hash: number) => {
      const out: number[] = [];
      for (let i = heads.get(hash) ?? -1; i !== -1; i = next[i]!) out.push(i);
      return out;
    };
    expect(walk(7)).toEqual([0, 1, 3]);
    expect(walk(9)).toEqual([2]);
    expect(walk(8)).toEqual([]);
  });
});
