import { describe, expect, it } from 'vitest';
import { rematch } from '@/lib/match';
import { expectsPoOnFile, poFileOf } from '@/lib/match/po-file';
import { isEstablishedPo } from '@/lib/match/references';
import type { Document } from '@/lib/model/document';
import { DEFAULT_MATCH_SETTINGS } from '@/lib/model/settings';
import { inv, NOW, po } from './fixtures';

const run = (docs: Parameters<typeof rematch>[0]['docs']) =>
  rematch({ docs, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW });
const unknownKeys = (docs: Document[]) =>
  run(docs)
    .exceptions.filter((e) => e.type === 'unknown_po')
    .map((e) => e.poKey);

/** What the overlay stores when an e-mail says "for your order 4500019120": the number, nothing else. */
const quoted = { ...po('4500019120', { id: 'po-quoted' }), total: undefined, lines: [], confirmed: [] };
const imported = (d: Document): Document => ({
  ...d,
  sources: { total: 'import' },
  confirmed: ['total'],
  sightings: [{ url: 'import:pos.csv', title: 'pos.csv', seenAt: NOW, snippet: '', confidence: 1, via: 'import' }],
});

describe('a PO number only quoted on pages', () => {
  it('is no evidence the PO exists: the invoice quoting it is not tied to it', () => {
    expect(isEstablishedPo(quoted)).toBe(false);
    const out = run([quoted, inv('OS-85407', '4500019120', { total: '250.00' })]);
    expect(out.links).toEqual([]);
  });

  it('counts once the PO shows its own total, or an import or a person vouched for it', () => {
    const withTotal = po('4500019120', { id: 'po-total', total: '250.00' });
    expect(isEstablishedPo(withTotal)).toBe(true);
    const vouched = {
      ...po('4500019121', { id: 'po-vouched' }),
      total: undefined,
      confirmed: ['number'],
      sources: { number: 'manual' as const },
    };
    expect(isEstablishedPo(vouched)).toBe(true);
    const out = run([withTotal, inv('OS-1', '4500019120', { total: '250.00' })]);
    expect(out.exceptions.filter((e) => e.type === 'unknown_po')).toEqual([]);
    expect(out.links).toEqual([{ docId: expect.any(String), poId: 'po-total' }]);
  });
});

describe('unknown_po only where the PO was expected on file', () => {
  const invoice = inv('OS-85407', '4500019120', { total: '250.00' });

  it('is not raised while nothing is on file for the vendor: the PO is simply not on file yet', () => {
    expect(unknownKeys([invoice])).toEqual([]);
    expect(unknownKeys([quoted, invoice])).toEqual([]);
    // Another vendor's PO seen on a page says nothing about this vendor's.
    expect(unknownKeys([po('4500000001', { vendor: 'Globex', total: '10.00' }), invoice])).toEqual([]);
  });

  it('is raised once the vendor has an established PO and this one is not among them', () => {
    const other = po('4500019001', { total: '900.00' });
    expect(unknownKeys([other, invoice])).toEqual(['4500019120']);
    expect(expectsPoOnFile(invoice, poFileOf([other]))).toBe(true);
  });

  it('is raised for every vendor, and for no vendor at all, once POs were imported', () => {
    const globexImported = imported(po('4500000001', { vendor: 'Globex', total: '10.00' }));
    expect(poFileOf([globexImported]).imported).toBe(true);
    expect(unknownKeys([globexImported, invoice])).toEqual(['4500019120']);
    const vendorless = { ...invoice, id: 'inv-nobody', vendor: undefined, vendorKey: undefined };
    expect(unknownKeys([vendorless])).toEqual([]);
    expect(unknownKeys([globexImported, vendorless])).toEqual(['4500019120']);
  });

  it('a scoped run follows what it is told of the rest of the ledger', () => {
    const out = rematch({
      docs: [invoice],
      existing: [],
      settings: DEFAULT_MATCH_SETTINGS,
      now: NOW,
      scope: { poKeys: ['4500019120'], docIds: [invoice.id] },
      poFile: { imported: false, vendors: new Set([invoice.vendorKey as string]) },
    });
    expect(out.exceptions.map((e) => e.type)).toEqual(['unknown_po']);
  });
});
