import { describe, expect, it } from 'vitest';
import { DetectionSchema } from '@/lib/model/detection';
import { numberKey } from '@/lib/model/keys';
import { inText, reported, summary } from './helpers';

// Each label, in each language the issue names, followed by a number: kind and exact printed number.
const CASES: Array<[string, 'po' | 'invoice' | 'credit_note' | 'receipt', string]> = [
  ['PO # 4500012345', 'po', '4500012345'],
  ['P.O. No. 4500012345', 'po', '4500012345'],
  ['Purchase Order: 4500012345', 'po', '4500012345'],
  ['Your order 4500012345', 'po', '4500012345'],
  ['Customer PO: ABC-991', 'po', 'ABC-991'],
  ['Bestellnummer: 4500012345', 'po', '4500012345'],
  ['Bestell-Nr. 4500012345', 'po', '4500012345'],
  ['Ihre Bestellung 4500012345', 'po', '4500012345'],
  ['N° de commande : 4500012345', 'po', '4500012345'],
  ['Bon de commande 4500012345', 'po', '4500012345'],
  ['Número de pedido: 4500012345', 'po', '4500012345'],
  ['Orden de compra OC-2025-17', 'po', 'OC-2025-17'],
  ["Numero d'ordine 4500012345", 'po', '4500012345'],
  ['Inkoopordernummer: 4500012345', 'po', '4500012345'],
  ['Pedido de compra nº 4500012345', 'po', '4500012345'],
  ['Invoice # INV-2024-001', 'invoice', 'INV-2024-001'],
  ['Invoice No. 88231', 'invoice', '88231'],
  ['Inv. 88231', 'invoice', '88231'],
  ['Bill No. 7781', 'invoice', '7781'],
  ['Rechnungsnummer: 2024-0815', 'invoice', '2024-0815'],
  ['Rechnung Nr. 2024-0815', 'invoice', '2024-0815'],
  ['Facture n° F2024-113', 'invoice', 'F2024-113'],
  ['Numéro de facture : F2024-113', 'invoice', 'F2024-113'],
  ['Factura nº 2024/113', 'invoice', '2024/113'],
  ['Fattura n. 113/2024', 'invoice', '113/2024'],
  ['Factuurnummer: 2024-113', 'invoice', '2024-113'],
  ['Nota fiscal 000123456', 'invoice', '000123456'],
  ['Faktura nr: F 1234K20/1234/12', 'invoice', 'F 1234K20/1234/12'],
  ['Credit note CN-2024-5', 'credit_note', 'CN-2024-5'],
  ['Gutschrift Nr. 5551', 'credit_note', '5551'],
  ['Avoir n° AV-2024-7', 'credit_note', 'AV-2024-7'],
  ['Delivery note 80012345', 'receipt', '80012345'],
  ['Lieferschein 80012345', 'receipt', '80012345'],
  ['Packing slip PS-7781', 'receipt', 'PS-7781'],
  ['GRN 5000123', 'receipt', '5000123'],
  ['Credit note no. 018304 / 28865', 'credit_note', '018304 / 28865'],
];

describe('labels in seven languages', () => {
  it.each(CASES)('%s → %s %s', (text, kind, number) => {
    const found = reported(inText(`Lorem ipsum dolor.\n${text}\nSit amet.`));
    expect(found.map((d) => `${d.kind}:${d.number}`)).toEqual([`${kind}:${number}`]);
    const d = found[0]!;
    expect(d.key).toBe(numberKey(number));
    expect(DetectionSchema.parse(d)).toEqual(d);
    // the span points at the number as printed, so the overlay can highlight it
    const block = `Lorem ipsum dolor.\n${text}\nSit amet.`;
    expect(block.slice(d.span.start, d.span.end)).toBe(number);
    expect(d.evidence).toMatch(/label/);
  });

  it('reads prefixed numbers without a label', () => {
    expect(summary(inText('see PO-12345 and PO#12346, PO12347'))).toEqual(['po:PO-12345', 'po:PO#12346', 'po:PO12347']);
    expect(summary(inText('ref INV/2023/03/0008'))).toEqual(['invoice:INV/2023/03/0008']);
    expect(inText('PO-12345')[0]?.key).toBe('12345');
  });

  it('finds both numbers in an e-mail subject', () => {
    const ds = inText('Invoice 88231 for your order 4500012345', {}, { role: 'subject' });
    expect(summary(ds)).toEqual(['invoice:88231', 'po:4500012345']);
    expect(ds[0]?.poKeys).toEqual(['4500012345']);
  });

  it('keeps seller-side order numbers as low-confidence evidence, not POs', () => {
    for (const t of [
      'Order number: 12572103',
      'Ordernummer: 12572103',
      'Sales order SO-1234',
      'Booking ID: IBZY2087',
    ]) {
      const ds = inText(`Invoice No. 1001\n${t}`);
      const order = ds.find((d) => d.kind === 'po');
      expect(order, t).toBeDefined();
      expect(order!.confidence).toBeLessThan(0.5);
      expect(order!.evidence).toMatch(/seller-side/);
      expect(ds.find((d) => d.kind === 'invoice')?.poKeys).toBeUndefined();
    }
  });

  it('takes the buyer’s order as a PO when the label says so', () => {
    expect(summary(inText('Your order number: 12572103'))).toEqual(['po:12572103']);
    expect(summary(inText('Customer order 12572103'))).toEqual(['po:12572103']);
  });

  it('does not take words after a kind word as numbers', () => {
    expect(summary(inText('Invoice Summary\nThis invoice is for the billing period'))).toEqual([]);
    expect(summary(inText('Invoice date: 2024-01-02'))).toEqual([]);
    expect(summary(inText('Invoice 2024'))).toEqual([]);
  });

  it('uses the page heading for a bare "Number" field', () => {
    const ds = inText('4500012345', {}, { role: 'field', label: 'Number', context: { heading: 'Purchase Order' } });
    expect(summary(ds)).toEqual(['po:4500012345']);
    expect(ds[0]?.evidence).toMatch(/Number/);
    expect(summary(inText('4500012345', {}, { role: 'field', label: 'Number' }))).toEqual([]);
  });
});

describe('lists after one label', () => {
  it('reads every number of the same shape', () => {
    expect(summary(inText('PO numbers: 4500012345, 4500012346 and 4500012347 (partial)'))).toEqual([
      'po:4500012345',
      'po:4500012346',
      'po:4500012347',
    ]);
    expect(summary(inText('Bestellnummer: 4500012345, 12 Stück'))).toEqual(['po:4500012345']);
  });
});

describe('hyphenated German labels', () => {
  it('reads Rechnungs-Nr., Auftrags-Nr. (the seller’s) and Ihr Auftrag (the buyer’s)', () => {
    const ds = inText('Rechnungs-Nr.: RE-1001\nAuftrags-Nr. 5566\nIhr Auftrag 4711-22');
    expect(summary(ds)).toEqual(['invoice:RE-1001', 'po:4711-22']);
    expect(ds.find((d) => d.number === '5566')?.confidence).toBeLessThan(0.5);
  });
});
