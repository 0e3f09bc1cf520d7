import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import type { TextBlock } from '@/lib/detect/types';

/** An ERP's record and list views, as the page gives them to the detector: labelled values. */
const NOW = new Date('2025-06-01T00:00:00Z');
const ctx = { title: 'Supplier Invoices - ERP', lang: 'en' };
const field = (label: string, text: string): TextBlock => ({ text, role: 'field', label, context: ctx });

describe('fields of an ERP record', () => {
  it('a view title starting with a party word ("Supplier Invoices", "Vendor Bills") names no vendor', () => {
    for (const title of ['Supplier Invoices', 'Financial / Invoices / Supplier Invoices', 'Vendor Bills']) {
      const [d] = detect([{ text: title, context: ctx }, field('Invoice Number', 'SI-40417')], { now: NOW });
      expect(d).toMatchObject({ number: 'SI-40417' });
      expect(d?.vendor).toBeUndefined();
    }
    // A label followed by the vendor's name still names it.
    const [d] = detect([{ text: 'Supplier: Osprey Freight BV', context: ctx }, field('Invoice Number', 'SI-40417')], {
      now: NOW,
    });
    expect(d?.vendor).toBe('Osprey Freight BV');
  });

  it('the party of a record is its vendor; a column "Supplier\'s Product" names none', () => {
    const [d] = detect(
      [
        field('Party', 'Osprey Freight BV'),
        field("Supplier's Product", 'Summary'),
        field('Invoice Number', 'SI-40417'),
      ],
      { now: NOW },
    );
    expect(d?.vendor).toBe('Osprey Freight BV');
  });

  it('what is still to pay is the total only when the record prints no total', () => {
    const withTotal = detect(
      [
        field('Invoice Number', 'SI-40417'),
        field('Total', '€ 495.00'),
        field('Amount to Pay Today', '€ 0.00'),
        field('Amount Due', '€ 0.00'),
      ],
      { now: NOW },
    );
    expect(withTotal[0]?.total).toEqual({ minor: 49500, currency: 'EUR' });
    const alone = detect([field('Invoice Number', 'SI-40417'), field('Amount Due', '€ 120.00')], { now: NOW });
    expect(alone[0]?.total).toEqual({ minor: 12000, currency: 'EUR' });
    // On a document's own text (an e-mailed invoice), the amount due is still the one to pay.
    const text = detect([{ text: 'Invoice No. SI-40417\nTotal: 100.00 EUR\nVAT: 19.00 EUR\nAmount due: 119.00 EUR' }], {
      now: NOW,
    });
    expect(text[0]?.total).toEqual({ minor: 11900, currency: 'EUR' });
  });

  it('a list row takes its Total, not the amount still to pay beside it, and the PO its Description quotes', () => {
    const row = { Party: 'Wren Cartons Oy', Total: '€ 725.00', 'Amount to Pay Today': '€ 0.00', Description: 'PO 10' };
    const [d] = detect([{ text: 'WC-61466', role: 'cell', label: 'Invoice Number', row, context: ctx }], { now: NOW });
    expect(d).toMatchObject({ vendor: 'Wren Cartons Oy', total: { minor: 72500, currency: 'EUR' }, poKeys: ['10'] });
  });

  it('a short PO number is read where a field holds only it ("PO 9"), never in prose', () => {
    expect(detect([field('Description', 'PO 9')], { now: NOW }).map((d) => [d.kind, d.number])).toEqual([['po', '9']]);
    expect(detect([{ text: 'See PO 9 for details' }], { now: NOW })).toEqual([]);
  });
});
