import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import type { Detection } from '@/lib/model/detection';

// Whole documents in the shapes AP clerks see: billing e-mails, accounting apps, ERP output.
// Written for these tests; each checks the number, its kind, and the fields found with it.
const NOW = new Date('2025-06-10T00:00:00Z');

function main(text: string, lang?: string): { inv?: Detection; all: Detection[] } {
  const all = detect([{ text, context: lang ? { lang } : undefined }], { now: NOW }).filter((d) => d.confidence >= 0.5);
  return { inv: all.find((d) => d.kind === 'invoice' || d.kind === 'credit_note'), all };
}

describe('whole documents', () => {
  it('a payment-processor receipt e-mail', () => {
    const { inv } = main(
      'Receipt from Linear Orbit, Inc.\nInvoice #ABCD1234-0001\nAmount paid $45.00\nDate of issue June 1, 2025\nDate due June 30, 2025\nAmount due $45.00\nQuestions? Call +1 415-555-0100.',
    );
    expect(inv).toMatchObject({
      number: 'ABCD1234-0001',
      total: { minor: 4500, currency: 'USD' },
      issueDate: '2025-06-01',
      dueDate: '2025-06-30',
      vendor: 'Linear Orbit, Inc.',
    });
  });

  it('a small-business accounting invoice with a P.O. number, US dates', () => {
    const { inv, all } = main(
      'INVOICE\nBright Ideas LLC\nBILL TO                 INVOICE # 1045\nJane Buyer              DATE 06/01/2025\n                        DUE DATE 07/01/2025\nP.O. NUMBER 4500\nBALANCE DUE   $1,200.00',
    );
    expect(inv).toMatchObject({
      number: '1045',
      issueDate: '2025-06-01',
      total: { minor: 120000, currency: 'USD' },
      poKeys: ['4500'],
    });
    expect(inv?.evidence).toMatch(/USD/);
    expect(all.map((d) => d.kind)).toEqual(['invoice', 'po']);
  });

  it('an Australian tax invoice with the PO in the reference', () => {
    const { inv } = main(
      'TAX INVOICE\nInvoice Date 5 Jun 2025\nInvoice Number INV-0042\nReference PO 7781\nDemo Company (AU) Pty Ltd\nSubtotal 100.00\nAmount Due AUD 110.00',
    );
    expect(inv).toMatchObject({
      number: 'INV-0042',
      poKeys: ['7781'],
      total: { minor: 11000, currency: 'AUD' },
      vendor: 'Demo Company (AU) Pty Ltd',
    });
  });

  it('an ERP invoice sentence in German', () => {
    const { inv } = main(
      'Rechnung 9012345678 vom 01.06.2025 zu Ihrer Bestellung 4500012345 vom 15.05.2025\nRechnungsbetrag: 5.950,00 EUR',
    );
    expect(inv).toMatchObject({
      number: '9012345678',
      issueDate: '2025-06-01',
      poKeys: ['4500012345'],
      total: { minor: 595000, currency: 'EUR' },
    });
  });

  it('a marketplace invoice: the order number is the shop’s, the purchase order is ours', () => {
    const { inv, all } = main(
      'Sold by Amazon EU S.à r.l.\nInvoice # DE5Z4R1ABCD\nOrder # 303-4567890-1234567\nPurchase Order Number: PO-2025-01\nTotal payable €23.79',
    );
    expect(inv).toMatchObject({
      number: 'DE5Z4R1ABCD',
      vendor: 'Amazon EU S.à r.l.',
      total: { minor: 2379, currency: 'EUR' },
    });
    expect(all.map((d) => `${d.kind}:${d.number}`)).toEqual(['invoice:DE5Z4R1ABCD', 'po:PO-2025-01']);
  });

  it('an accounting app’s bill form', () => {
    const { inv } = main(
      'Vendor Bills / BILL/2025/06/0003\nVendor  Wood Corner\nBill Reference  WC-INV-5512\nBill Date  06/05/2025\nTotal  $ 1,740.00',
    );
    expect(inv).toMatchObject({ number: 'WC-INV-5512', vendor: 'Wood Corner', issueDate: '2025-06-05' });
  });

  it.each([
    [
      'fr',
      'FACTURE N° FA-2025-0012 du 05/06/2025\nVotre commande n° BC-4411\nNet à payer 1 250,00 €\nSIRET 123 456 789 00012',
      'FA-2025-0012',
      'BC4411',
    ],
    [
      'es',
      'Factura nº: A-2025/118\nFecha de emisión: 05/06/2025\nPedido: 4500012345\nTotal a pagar: 1.250,00 €\nNIF B12345678',
      'A-2025/118',
      '4500012345',
    ],
    [
      'it',
      'Fattura n. 12/2025 del 05/06/2025\nRif. ordine n. 4500012345\nTotale documento € 1.250,00\nP.IVA 01234567890',
      '12/2025',
      '4500012345',
    ],
    [
      'nl',
      'Factuurnummer 2025-0042\nFactuurdatum: 05-06-2025\nInkoopnummer 4500012345\nTotaal te betalen € 1.250,00\nKvK 12345678',
      '2025-0042',
      '4500012345',
    ],
    [
      'pt',
      'Fatura nº FT 2025/123\nData de emissão: 05-06-2025\nNota de encomenda: 4500012345\nTotal a pagar: 1.250,00 €\nNIF 501234567',
      'FT 2025/123',
      '4500012345',
    ],
  ])('%s invoice with its order reference', (_lang, text, number, po) => {
    const { inv, all } = main(text);
    expect(inv).toMatchObject({
      number,
      poKeys: [po],
      total: { minor: 125000, currency: 'EUR' },
      issueDate: '2025-06-05',
    });
    expect(all).toHaveLength(2);
  });

  it('a webmail page: the message is read, the mail client around it is not', () => {
    const text =
      'Gmail\nCompose\nInbox 3\n1–50 of 2,345\nInvoice 88231 for your order 4500012345\nAcme Billing <billing@acme.example>\nTue, Jun 3, 9:12 AM (2 days ago)\nPlease find attached invoice 88231. Amount due: €1.234,56.\nCall us to pay your bill 555-0100.\nReply Forward';
    const { all } = main(text);
    expect([...new Set(all.map((d) => `${d.kind}:${d.number}`))]).toEqual(['invoice:88231', 'po:4500012345']);
    expect(all[0]?.total).toEqual({ minor: 123456, currency: 'EUR' });
  });
});
