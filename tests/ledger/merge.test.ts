import { describe, expect, it } from 'vitest';
import { findSameDocument, type Incoming, MAX_SIGHTINGS, mergeIncoming } from '@/lib/ledger/merge';
import type { Document } from '@/lib/model/document';

const sighting = (url = 'https://a.example/1') => ({
  url,
  title: 't',
  seenAt: '2025-03-01T00:00:00.000Z',
  snippet: 's',
  confidence: 0.9,
  via: 'scan' as const,
});

function incoming(extra: Partial<Incoming> = {}): Incoming {
  return { kind: 'invoice', number: 'INV-1001', key: '1001', origin: 'detected', sighting: sighting(), ...extra };
}

let n = 0;
const newId = () => `d${++n}`;

function doc(extra: Partial<Incoming> = {}): Document {
  return mergeIncoming(undefined, incoming(extra), '2025-03-01T00:00:00.000Z', newId).doc;
}

describe('findSameDocument', () => {
  it('matches on vendor when both know it, and a vendorless document takes the first vendor', () => {
    const acme = doc({ vendor: 'Acme Inc.' });
    const globex = doc({ vendor: 'Globex' });
    const bare = doc();
    expect(findSameDocument([acme, globex], incoming({ vendor: 'ACME' }))?.id).toBe(acme.id);
    expect(findSameDocument([acme, globex], incoming({ vendor: 'Initech' }))).toBeUndefined();
    expect(findSameDocument([bare], incoming({ vendor: 'Initech' }))?.id).toBe(bare.id);
  });
  it('keeps a vendor that restarts numbering a year later apart', () => {
    const old = doc({ vendor: 'Acme', date: '2024-01-10' });
    expect(findSameDocument([old], incoming({ vendor: 'Acme', date: '2025-01-12' }))).toBeUndefined();
    expect(findSameDocument([old], incoming({ vendor: 'Acme', date: '2024-06-12' }))?.id).toBe(old.id);
  });
});

describe('mergeIncoming', () => {
  it('fills gaps and adds a sighting without losing the old one', () => {
    const first = doc();
    const { doc: merged, newConflicts } = mergeIncoming(
      first,
      incoming({ vendor: 'Acme', total: { minor: 1000, currency: 'EUR' }, sighting: sighting('https://b.example/2') }),
      '2025-03-02T00:00:00.000Z',
      newId,
    );
    expect(merged.id).toBe(first.id);
    expect(merged.vendor).toBe('Acme');
    expect(merged.vendorKey).toBe('ACME');
    expect(merged.total).toEqual({ minor: 1000, currency: 'EUR' });
    expect(merged.sightings.map((s) => s.url)).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(merged.urls).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(newConflicts).toEqual([]);
    expect(first.sightings).toHaveLength(1);
  });
  it('keeps a conflicting detected value beside the first and flags it', () => {
    const first = doc({ total: { minor: 1000, currency: 'EUR' } });
    const { doc: merged, newConflicts } = mergeIncoming(
      first,
      incoming({ total: { minor: 1200, currency: 'EUR' } }),
      '2025-03-02T00:00:00.000Z',
      newId,
    );
    expect(merged.total).toEqual({ minor: 1000, currency: 'EUR' });
    expect(merged.conflicts).toMatchObject([{ field: 'total', value: { minor: 1200, currency: 'EUR' } }]);
    expect(newConflicts).toHaveLength(1);
    // The same disagreement seen again is not a second conflict.
    const again = mergeIncoming(merged, incoming({ total: { minor: 1200, currency: 'EUR' } }), 'x', newId);
    expect(again.doc.conflicts).toHaveLength(1);
    expect(again.newConflicts).toHaveLength(0);
  });
  it('lets an imported value win over a detected one, keeping the detected one as a conflict', () => {
    const seen = doc({ total: { minor: 1000, currency: 'EUR' } });
    const { doc: merged } = mergeIncoming(
      seen,
      incoming({ total: { minor: 1100, currency: 'EUR' }, origin: 'import' }),
      'x',
      newId,
    );
    expect(merged.total?.minor).toBe(1100);
    expect(merged.confirmed).toContain('total');
    expect(merged.sources?.total).toBe('import');
    expect(merged.conflicts).toMatchObject([{ field: 'total', value: { minor: 1000 } }]);
    // A later detection does not overwrite the imported value.
    const later = mergeIncoming(merged, incoming({ total: { minor: 900, currency: 'EUR' } }), 'y', newId).doc;
    expect(later.total?.minor).toBe(1100);
    expect(later.conflicts.map((c) => (c.value as { minor: number }).minor).sort()).toEqual([1000, 900]);
  });
  it('never lets an import overwrite what a person confirmed', () => {
    const base = doc({ date: '2025-01-01', origin: 'manual' });
    const { doc: merged, newConflicts } = mergeIncoming(
      base,
      incoming({ date: '2025-01-05', origin: 'import' }),
      'x',
      newId,
    );
    expect(merged.date).toBe('2025-01-01');
    expect(newConflicts).toMatchObject([{ field: 'date', value: '2025-01-05', via: 'import' }]);
  });
  it('adds PO references from detections, and an import replaces them', () => {
    const a = doc({ poKeys: ['111'] });
    const b = mergeIncoming(a, incoming({ poKeys: ['222'] }), 'x', newId).doc;
    expect(b.poKeys).toEqual(['111', '222']);
    const c = mergeIncoming(b, incoming({ poKeys: ['333'], origin: 'import' }), 'y', newId).doc;
    expect(c.poKeys).toEqual(['333']);
    const d = mergeIncoming(c, incoming({ poKeys: ['444'] }), 'z', newId).doc;
    expect(d.poKeys).toEqual(['333']);
  });
  it('keeps the first and the newest sightings of a document seen very often', () => {
    let d = doc();
    for (let i = 2; i <= MAX_SIGHTINGS + 20; i++) {
      d = mergeIncoming(
        d,
        incoming({ sighting: { ...sighting(`https://a.example/${i}`), seenAt: `t${i}` } }),
        'x',
        newId,
      ).doc;
    }
    expect(d.sightings).toHaveLength(MAX_SIGHTINGS);
    expect(d.sightings[0]?.url).toBe('https://a.example/1');
    expect(d.sightings.at(-1)?.url).toBe(`https://a.example/${MAX_SIGHTINGS + 20}`);
    expect(d.urls).toHaveLength(MAX_SIGHTINGS);
  });
  it('stores no undefined members', () => {
    const d = doc();
    expect(Object.values(d).every((v) => v !== undefined)).toBe(true);
  });
});

describe('a new document', () => {
  it('is the same as merging into an empty document, for every origin', async () => {
    const { SCALAR_FIELDS } = await import('@/lib/ledger/merge');
    expect(SCALAR_FIELDS.length).toBeGreaterThan(0);
    for (const origin of ['detected', 'import', 'manual'] as const) {
      const inc = incoming({
        origin,
        vendor: 'Acme',
        date: '2025-01-01',
        total: { minor: 5, currency: 'EUR' },
        poKeys: ['1', '1', '2'],
        lines: [{ sku: 'A', quantity: 1 }],
        status: 'open',
      });
      const fast = mergeIncoming(undefined, inc, 'now', () => 'x').doc;
      const empty: Document = {
        id: 'x',
        kind: inc.kind,
        number: inc.number,
        key: inc.key,
        looseKey: fast.looseKey,
        lines: [],
        poKeys: [],
        sightings: [],
        confirmed: [],
        conflicts: [],
        createdAt: 'now',
        updatedAt: 'now',
      };
      const slow = mergeIncoming(empty, inc, 'now', () => 'x').doc;
      // Merging into a document keeps its printed number unless the source outranks it; a new one takes it.
      const slowWithNumber =
        origin === 'detected'
          ? slow
          : { ...slow, confirmed: ['number', ...slow.confirmed], sources: { number: origin, ...slow.sources } };
      expect(fast).toEqual(slowWithNumber);
    }
  });
});
