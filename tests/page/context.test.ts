import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isBareNumberLabel, kindFromContext, qualifyLabel, recordContextParts } from '@/lib/page/context';

describe('record context', () => {
  it.each([
    [['Enter Bill'], 'invoice'],
    [['Purchase Order', 'Purchasing'], 'po'],
    [['Vendor Credit'], 'credit_note'],
    [['Item Receipt'], 'receipt'],
    [['Supplier Invoice'], 'invoice'],
    [['Bestellung 4711'], 'po'],
    [['Facture fournisseur'], 'invoice'],
    [['Dashboard', 'Purchase Orders > PO-1'], 'po'],
    [['Dashboard'], undefined],
  ] as const)('%j names %s', (parts, kind) => {
    expect(kindFromContext([...parts])).toBe(kind);
  });

  it('the most specific part wins: the heading over the title', () => {
    expect(kindFromContext(['Bill', 'Purchase Orders — ERP'])).toBe('invoice');
  });

  it('reads heading, selected tab, last breadcrumb and title in that order', () => {
    const { document } = parseHTML(
      '<html><head><title>Ledgerly</title></head><body><nav aria-label="breadcrumb"><ol><li>Payables</li><li>Bills</li></ol></nav><div role="tab" aria-selected="true">Details</div><h1>Enter Bill</h1></body></html>',
    );
    expect(recordContextParts(document as unknown as Document)).toEqual([
      'Enter Bill',
      'Details',
      'Bills',
      'Payables › Bills',
      'Ledgerly',
    ]);
  });
});

describe('bare number labels', () => {
  it.each([
    'Number',
    'No.',
    'No',
    'Nr.',
    'Reference',
    'Ref.',
    'Reference No.',
    'Document Number',
    '#',
    'Number:',
    'Reference *',
  ])('%j is bare', (label) => expect(isBareNumberLabel(label)).toBe(true));
  it.each(['Invoice Number', 'PO #', 'Order date', 'Vendor', 'Phone number'])('%j is not bare', (label) =>
    expect(isBareNumberLabel(label)).toBe(false),
  );

  it('takes its kind from the record: Number on a PO form is a PO number, Reference on a bill an invoice number', () => {
    expect(qualifyLabel('Number', 'po')).toBe('PO Number');
    expect(qualifyLabel('Reference', 'invoice')).toBe('Invoice Number');
    expect(qualifyLabel('Reference', undefined)).toBe('Reference');
    expect(qualifyLabel('Vendor', 'po')).toBe('Vendor');
  });

  it('takes the record type from the caption before a heading that holds only the record name', () => {
    // Odoo's purchase order form: span.o_form_label "Purchase Order " above h1 > … > "P00042".
    const { document } = parseHTML(
      '<html><head><title>Odoo - P00042</title></head><body><div class="oe_title"><span class="o_form_label">Purchase Order </span><h1 class="d-flex"><div name="name"><span>P00042</span></div></h1></div></body></html>',
    );
    const parts = recordContextParts(document as unknown as Document);
    expect(parts.slice(0, 2)).toEqual(['P00042', 'Purchase Order']);
    expect(kindFromContext(parts)).toBe('po');
  });

  it('a caption with digits or a long text before the heading is no record type', () => {
    const { document } = parseHTML(
      '<html><body><p>Orders placed in 2025 are listed below with their purchase orders</p><h1>P00042</h1></body></html>',
    );
    expect(recordContextParts(document as unknown as Document)).toEqual(['P00042']);
  });

  it('"Source Document" on a bill or credit note names its PO; elsewhere it is left alone', () => {
    expect(qualifyLabel('Source Document', 'invoice')).toBe('PO Number');
    expect(qualifyLabel('Origin', 'credit_note')).toBe('PO Number');
    expect(qualifyLabel('Source Document', 'po')).toBe('Source Document');
    expect(qualifyLabel('Source Document', undefined)).toBe('Source Document');
    expect(qualifyLabel('Country of origin', 'invoice')).toBe('Country of origin');
  });
});
