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
});
