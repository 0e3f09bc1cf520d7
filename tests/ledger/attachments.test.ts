/**
 * An attachment's reading in the ledger: the invoice with its lines, a sighting `via: 'pdf'` with
 * the file name, and the printed values that disagree with the embedded XML kept as conflicting
 * values (raised as `conflicting_values`), through the same recordSightings a page uses.
 */
import { describe, expect, it } from 'vitest';
import { einvoiceDetections, readEInvoice } from '@/lib/detect/einvoice-read';
import { parseXml } from '@/lib/detect/xml';
import { CII_D16B } from '@/tests/fixtures/einvoice/samples';
import { makeLedger } from './helpers';

const exact = () => einvoiceDetections(readEInvoice(parseXml(CII_D16B))!);
const file = {
  url: 'https://mail.example/msg/1',
  title: 'Facture FX-2025-118',
  via: 'pdf' as const,
  file: 'FX-2025-118.pdf',
};

describe('recording an attachment', () => {
  it('stores the invoice with its lines and PO, seen via pdf in its file', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings(exact(), file);
    const invoice = await db.documents.where('key').equals('FX2025118').first();
    expect(invoice).toMatchObject({
      kind: 'invoice',
      total: { minor: 14815, currency: 'EUR' },
      poKeys: ['BC20250071'],
    });
    expect(invoice?.lines).toEqual([expect.objectContaining({ sku: 'CAB-3', quantity: 10, unit: 'H87', poLine: '2' })]);
    expect(invoice?.sightings[0]).toMatchObject({ via: 'pdf', file: 'FX-2025-118.pdf', confidence: 1 });
    expect(invoice?.conflicts).toEqual([]);
  });

  it('keeps a printed number and total that disagree with the XML, and raises conflicting_values with both', async () => {
    const { ledger, db } = makeLedger();
    const [invoice, ...rest] = exact();
    const printed = { number: 'FX-2025-119', total: { minor: 15000, currency: 'EUR' } };
    await ledger.recordSightings([{ ...invoice!, printed }, ...rest], file);
    const doc = await db.documents.where('key').equals('FX2025118').first();
    expect(doc?.number).toBe('FX-2025-118');
    expect(doc?.total).toEqual({ minor: 14815, currency: 'EUR' });
    expect(doc?.conflicts.map((c) => [c.field, c.value, c.via])).toEqual([
      ['number', 'FX-2025-119', 'pdf'],
      ['total', { minor: 15000, currency: 'EUR' }, 'pdf'],
    ]);
    const open = await db.exceptions.where('type').equals('conflicting_values').toArray();
    expect(open).toHaveLength(1);
    expect(open[0]?.message).toMatch(/number FX-2025-118 \(kept\) vs FX-2025-119/);
    expect(open[0]?.message).toMatch(/148\.15.*\(kept\) vs .*150\.00/);
  });
});
