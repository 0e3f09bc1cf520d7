import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { findDuplicatePairs, judgePair, nearKeys } from '@/lib/match/duplicates';
import type { Document } from '@/lib/model/document';
import { doc } from './fixtures';

/** Small pools, so that near keys, shared totals and close dates are common. */
const invoiceArb = fc.record({
  number: fc.string({ unit: fc.constantFrom('1', '2', '0', 'O', '7'), minLength: 1, maxLength: 6 }),
  vendor: fc.option(fc.constantFrom('Acme Corp', 'Globex', 'Initech'), { nil: undefined }),
  day: fc.option(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 330, max: 420 })), { nil: undefined }),
  total: fc.option(fc.constantFrom('100.00', '250.00', '99.99'), { nil: undefined }),
  currency: fc.constantFrom('USD', 'USD', 'EUR'),
});

function build(specs: (typeof invoiceArb extends fc.Arbitrary<infer T> ? T : never)[]): Document[] {
  return specs.map((s, i) => {
    const d = doc('invoice', `INV${s.number}`, {
      id: `i${String(i).padStart(3, '0')}`,
      ...(s.vendor !== undefined ? { vendor: s.vendor } : {}),
      ...(s.total !== undefined ? { total: s.total, currency: s.currency } : {}),
    });
    if (s.day !== undefined) d.date = new Date(Date.UTC(2025, 0, 1 + s.day)).toISOString().slice(0, 10);
    return d;
  });
}

const pairId = (a: Document, b: Document) => (a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`);

/** Every pair judged, the slow way. */
function bruteForce(docs: Document[], inScope: (d: Document) => boolean): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (let i = 0; i < docs.length; i++)
    for (let j = i + 1; j < docs.length; j++) {
      if (!inScope(docs[i]!) && !inScope(docs[j]!)) continue;
      const p = judgePair(docs[i]!, docs[j]!);
      if (p) out.set(pairId(p.first, p.second), p.exact);
    }
  return out;
}

function found(docs: Document[], inScope: (d: Document) => boolean, all: boolean): Map<string, boolean> {
  const pairs = findDuplicatePairs(docs, inScope, all);
  const out = new Map<string, boolean>();
  for (const p of pairs) {
    const id = pairId(p.first, p.second);
    expect(out.has(id), `pair ${id} reported twice`).toBe(false);
    out.set(id, p.exact);
  }
  return out;
}

describe('nearKeys', () => {
  it('is the same loose key, or one character dropped or doubled (edit distance 1, lengths 3+ apart by one)', () => {
    const key = fc.string({ unit: fc.constantFrom('1', '2', '0', 'A'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(key, key, (x, y) => {
        const a = doc('invoice', x, { id: 'a', vendor: 'Acme Corp' });
        const b = doc('invoice', y, { id: 'b', vendor: 'Globex' });
        const [la, lb] = [a.looseKey, b.looseKey];
        const expected =
          la === lb ||
          (Math.abs(la.length - lb.length) === 1 && Math.min(la.length, lb.length) >= 3 && distance(la, lb) === 1);
        expect(nearKeys(a, b)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('findDuplicatePairs', () => {
  it('finds exactly the pairs that comparing every pair finds, each once (full run)', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 40 }), (specs) => {
        const docs = build(specs);
        expect(found(docs, () => true, true)).toEqual(bruteForce(docs, () => true));
      }),
      { numRuns: 300 },
    );
  });

  it('finds every pair touching an in-scope invoice, each once (scoped run)', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (specs, every) => {
        const docs = build(specs);
        const inScope = (d: Document) => Number(d.id.slice(1)) % every === 0;
        expect(found(docs, inScope, false)).toEqual(bruteForce(docs, inScope));
      }),
      { numRuns: 300 },
    );
  });

  it('pairs a key with the same key one character longer, from either side', () => {
    const a = doc('invoice', 'INV-20417', { id: 'a', vendor: 'Acme Corp', total: '10.00', date: '2025-03-01' });
    const b = doc('invoice', 'INV-204177', { id: 'b', vendor: 'Acme Corp', total: '10.00', date: '2025-06-01' });
    expect(findDuplicatePairs([a, b], () => true, true).map((p) => [p.first.id, p.second.id, p.exact])).toEqual([
      ['a', 'b', false],
    ]);
    expect(findDuplicatePairs([a, b], (d) => d.id === 'a', false)).toHaveLength(1);
    expect(findDuplicatePairs([a, b], (d) => d.id === 'b', false)).toHaveLength(1);
  });
});
