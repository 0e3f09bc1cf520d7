import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import type { TextBlock } from '@/lib/detect/types';
import { NOW, reported, summary } from './helpers';

// Text as pdftotext -layout prints it: columns separated by runs of spaces, values under labels.
const HEADER_ROW = [
  ' Kopie factuur',
  ' Klant            Order              Factuurdatum        Factuur           Vervaldatum',
  ' K-0099           SO-4471                8-9-2022        VF-2022-0815        22-9-2022',
].join('\n');

describe('column layouts', () => {
  it('reads values under their column labels, by column', () => {
    const ds = detect([{ text: HEADER_ROW, layout: true }], { now: NOW });
    expect(summary(ds)).toEqual(['invoice:VF-2022-0815']);
    const inv = reported(ds)[0];
    expect(inv?.issueDate).toBe('2022-09-08');
    expect(inv?.dueDate).toBe('2022-09-22');
    expect(inv?.evidence).toMatch(/column above/);
    // the shop's order number is kept, but only as evidence
    expect(ds.find((d) => d.number === 'SO-4471')?.confidence).toBeLessThan(0.5);
  });

  it('reads a label and a value far apart on one line', () => {
    const text = '296664039561                   Invoice Number:                       42183017\n';
    expect(summary(detect([{ text, layout: true }], { now: NOW }))).toEqual(['invoice:42183017']);
  });

  it('does not pair a title word with text under it', () => {
    const text = 'Amazon Web Services Invoice\nAccount number:\n296664039561\n';
    expect(summary(detect([{ text, layout: true }], { now: NOW }))).toEqual([]);
  });

  it('takes a document titled as a receipt with only a booking ID as that ID', () => {
    const text = [
      '                 PAYMENT RECEIPT',
      '',
      ' Hotel        Booking ID',
      ' Sea View     QX7781K',
      '',
      ' Grand Total     Rs 1939',
    ].join('\n');
    const ds = reported(detect([{ text, layout: true }], { now: NOW }));
    expect(ds.map((d) => [d.kind, d.number])).toEqual([['invoice', 'QX7781K']]);
    expect(ds[0]?.confidence).toBeLessThan(0.7);
    expect(ds[0]?.evidence).toMatch(/only reference/);
    expect(ds[0]?.total).toEqual({ minor: 193900, currency: 'INR' });
  });
});

describe('table cells, fields and rows', () => {
  it('reads a column of POs under their header, with the row’s amount, date and vendor', () => {
    const blocks: TextBlock[] = [
      {
        text: '4500012345',
        role: 'cell' as const,
        label: 'PO Number',
        row: { Vendor: 'Acme GmbH', Total: '1.234,56 €', 'Order date': '03.04.2025' },
      },
      { text: '4500012346', role: 'cell' as const, label: 'PO Number', row: { Vendor: 'Globex Ltd', Total: '$99.00' } },
      { text: '12', role: 'cell' as const, label: 'Qty', row: {} },
    ];
    const ds = detect(blocks, { now: NOW });
    expect(ds.map((d) => [d.kind, d.number, d.vendor, d.total?.minor, d.total?.currency])).toEqual([
      ['po', '4500012345', 'Acme GmbH', 123456, 'EUR'],
      ['po', '4500012346', 'Globex Ltd', 9900, 'USD'],
    ]);
    expect(ds[0]?.evidence).toMatch(/column "PO Number"/);
  });

  it('links an invoice row to the PO in its row', () => {
    const ds = detect(
      [{ text: 'INV-88', role: 'cell', label: 'Invoice #', row: { 'PO #': '4500012345', Amount: '10.00 EUR' } }],
      { now: NOW },
    );
    expect(ds[0]).toMatchObject({ kind: 'invoice', number: 'INV-88', poKeys: ['4500012345'], total: { minor: 1000 } });
  });

  it('reads a form field by its label', () => {
    const ds = detect([{ text: ' PO-0012345 ', role: 'field', label: 'Customer PO' }], { now: NOW });
    expect(ds.map((d) => [d.kind, d.number, d.key, d.span.start])).toEqual([['po', 'PO-0012345', '12345', 1]]);
  });
});

describe('values on the next line and numbers under a title', () => {
  it('reads a total printed under its label', () => {
    for (const layout of [false, true]) {
      const ds = detect([{ text: 'Invoice number: ABC-1\nAmount due:\n$45.00', layout }], { now: NOW });
      expect(ds[0]?.total).toEqual({ minor: 4500, currency: 'USD' });
    }
  });

  it('reads "No." under a document title, and only there', () => {
    const titled = detect([{ text: '                 INVOICE\nNo. 12345         Date: 2025-01-02' }], { now: NOW });
    expect(summary(titled)).toEqual(['invoice:12345']);
    expect(titled[0]?.evidence).toMatch(/INVOICE/);
    expect(summary(detect([{ text: 'RECHNUNG\nNr.: 2025-117' }], { now: NOW }))).toEqual(['invoice:2025-117']);
    expect(summary(detect([{ text: 'Hello\nNo. 12345 is your ticket' }], { now: NOW }))).toEqual([]);
    expect(summary(detect([{ text: 'FACTURE\nPage No. 2\nReg. No. 998877' }], { now: NOW }))).toEqual([]);
  });
});

describe('order numbers on a purchase order', () => {
  it('reads "Order No." as the PO when the document is titled Purchase Order', () => {
    const text = '                PURCHASE ORDER\nOrder No.: 4500012345          Date: 2025-05-02\nSupplier: Acme GmbH';
    const ds = reported(detect([{ text, layout: true }], { now: NOW }));
    expect(ds.map((d) => `${d.kind}:${d.number}`)).toEqual(['po:4500012345']);
    expect(ds[0]?.evidence).toMatch(/PURCHASE ORDER/);
    expect(ds[0]?.vendor).toBe('Acme GmbH');
    // the same label on an invoice stays the shop's order number
    expect(summary(detect([{ text: 'INVOICE\nInvoice No. 77\nOrder No.: 4500012345' }], { now: NOW }))).toEqual([
      'invoice:77',
    ]);
  });
});
