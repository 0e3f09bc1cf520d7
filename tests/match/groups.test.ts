import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PoKeyGroups } from '@/lib/match/groups';
import { keyHash } from '@/lib/match/keyhash';

/** What the groups stand for: a Map of arrays, in arrival order. */
function reference(entries: { key: string; po: boolean }[]) {
  const pos = new Map<string, number[]>();
  const refs = new Map<string, number[]>();
  entries.forEach(({ key, po }, at) => {
    const map = po ? pos : refs;
    map.set(key, [...(map.get(key) ?? []), at]);
  });
  return { pos, refs };
}

function check(entries: { key: string; po: boolean }[]) {
  const groups = new PoKeyGroups(4);
  entries.forEach(({ key, po }, at) => {
    if (po) groups.addPo(key, at);
    else groups.addReference(key, at);
  });
  const positions = entries.map((_, at) => at);
  const { pos, refs } = reference(entries);
  const keys = [...new Set(entries.map((e) => e.key))];
  expect(groups.size).toBe(keys.length);
  keys.forEach((key, id) => {
    // Numbers follow first sight, and every group keeps its arrival order.
    expect(groups.find(key)).toBe(id);
    expect(groups.keyOf(id)).toBe(key);
    expect(groups.pos(id, positions)).toEqual(pos.get(key) ?? []);
    expect(groups.references(id, positions)).toEqual(refs.get(key) ?? []);
    expect(groups.hasPos(id)).toBe(pos.has(key));
  });
  expect(groups.has('not a key')).toBe(false);
  expect(groups.find('not a key')).toBeUndefined();
}

describe('PO key groups', () => {
  it('group like a Map of arrays, for any keys', () => {
    const entry = fc.record({ key: fc.string({ unit: fc.constantFrom(...'45O0-1'), maxLength: 6 }), po: fc.boolean() });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => check(entries)),
      { numRuns: 300 },
    );
  });

  it('keep every group when thousands of keys outgrow the first tables', () => {
    const entries: { key: string; po: boolean }[] = [];
    for (let i = 0; i < 6000; i++) entries.push({ key: `45${(i * 7919) % 5003}`, po: i % 3 === 0 });
    check(entries);
  });

  it('tell apart keys whose hashes are equal', () => {
    // With the polynomial hash (base 131), raising one character by one and lowering the next by
    // 131 keeps the hash: three keys, one hash.
    const keys = [String.fromCharCode(65, 400, 65), String.fromCharCode(66, 269, 65), String.fromCharCode(67, 138, 65)];
    expect(new Set(keys.map(keyHash)).size).toBe(1);
    check(
      keys.flatMap((key) => [
        { key, po: true },
        { key, po: false },
      ]),
    );
  });
});
