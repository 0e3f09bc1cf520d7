/**
 * E-invoices read field by field, one made-up document per syntax and generation. Each value is
 * asserted exactly: an e-invoice states its fields, so nothing here is a guess.
 */
import { describe, expect, it } from 'vitest';
import { einvoiceDetections, readEInvoice } from '@/lib/detect/einvoice-read';
import { parseXml } from '@/lib/detect/xml';
import * as samples from '@/tests/fixtures/einvoice/samples';

const read = (xml: string) => readEInvoice(parseXml(xml));

const { UBL21, UBL20_CREDIT, CII_D16B, ZUGFERD_10, DRAFT_2014, KSEF_FA2, KSEF_FA3_CORRECTION } = samples;

describe('e-invoices read field by field', () => {
  it('UBL 2.1 (Peppol BIS): number, dates, seller and VAT id, references, amount due and prepaid, lines', () => {
    expect(read(UBL21)).toEqual({
      syntax: 'UBL 2 Invoice',
      kind: 'invoice',
      number: 'VF-2291',
      typeCode: '380',
      issueDate: '2025-02-03',
      dueDate: '2025-03-05',
      seller: { name: 'Vesterby Værktøj ApS', vatId: 'DK12345678' },
      buyerReference: 'dept-44',
      poNumber: '4500017731',
      salesOrder: undefined,
      contract: undefined,
      receivingAdvice: 'GR-551',
      despatchAdvice: 'DN-88',
      precedingInvoice: undefined,
      currency: 'EUR',
      amountDue: { minor: 100000, currency: 'EUR' },
      taxInclusive: { minor: 125000, currency: 'EUR' },
      prepaid: { minor: 25000, currency: 'EUR' },
      lines: [
        {
          id: '1',
          sku: 'TW-200',
          description: 'Torque wrench',
          quantity: 4,
          unit: 'C62',
          amount: { minor: 80000, currency: 'EUR' },
          unitPrice: { minor: 20000, currency: 'EUR' },
          poLine: '10',
        },
        {
          id: '2',
          sku: 'B-9',
          description: 'Grease',
          quantity: 250,
          unit: 'KGM',
          amount: { minor: 20000, currency: 'EUR' },
          // 80.00 per 100 kg
          unitPrice: { minor: 80, currency: 'EUR' },
          poLine: undefined,
        },
      ],
    });
  });

  it('a UBL 2.0 credit note (no type code) is a credit note, with the invoice it corrects', () => {
    const e = read(UBL20_CREDIT);
    expect(e).toMatchObject({
      syntax: 'UBL 2.0 CreditNote',
      kind: 'credit_note',
      number: 'KN-17',
      precedingInvoice: 'F-1009',
      amountDue: { minor: 31250, currency: 'DKK' },
      seller: { name: 'Hansen Kontor' },
    });
    expect(e?.lines[0]).toMatchObject({ quantity: 5, unit: 'EA', description: 'Toner returned' });
    const [credit] = einvoiceDetections(e!);
    expect(credit).toMatchObject({ kind: 'credit_note', correctsKey: 'F1009', confidence: 1 });
  });

  it('CII D16B (Factur-X): the invoice-currency grand total, the VAT-scheme id, a sub-cent unit price rounded', () => {
    const e = read(CII_D16B);
    expect(e).toMatchObject({
      kind: 'invoice',
      number: 'FX-2025-118',
      issueDate: '2025-04-10',
      dueDate: '2025-05-10',
      seller: { name: 'Lumière Électrique SARL', vatId: 'FR40303265045' },
      buyerReference: 'SVC-ACHATS',
      poNumber: 'BC-2025-0071',
      salesOrder: 'CMD-9',
      receivingAdvice: 'REC-4',
      currency: 'EUR',
      amountDue: { minor: 14815, currency: 'EUR' },
      taxInclusive: { minor: 14815, currency: 'EUR' },
    });
    expect(e?.lines).toEqual([
      {
        id: '1',
        sku: 'CAB-3',
        description: 'Câble 3 m',
        quantity: 10,
        unit: 'H87',
        amount: { minor: 12346, currency: 'EUR' },
        unitPrice: { minor: 1235, currency: 'EUR' },
        poLine: '2',
      },
    ]);
  });

  it('ZUGFeRD 1.0 (CrossIndustryDocument): the older names, PO as BuyerOrderReferencedDocument/ID', () => {
    expect(read(ZUGFERD_10)).toMatchObject({
      syntax: 'ZUGFeRD 1.0',
      number: 'RE-7788',
      issueDate: '2016-11-03',
      seller: { name: 'Bergmann Druck GmbH' },
      poNumber: 'B-2016-311',
      amountDue: { minor: 59500, currency: 'EUR' },
      lines: [{ sku: 'FLY-A5', quantity: 1000, unitPrice: { minor: 50, currency: 'EUR' } }],
    });
  });

  it('the 2014 ZUGFeRD draft: children without a namespace, the date as the element text', () => {
    expect(read(DRAFT_2014)).toMatchObject({
      syntax: 'ZUGFeRD 2014 draft',
      number: '2014-55',
      issueDate: '2014-03-12',
      seller: { name: 'Altwerk KG' },
      taxInclusive: { minor: 9990, currency: 'EUR' },
    });
  });

  it('KSeF FA(2): P_2 number, P_15 amount due, Podmiot1 seller, the buyer order, lines and due date', () => {
    expect(read(KSEF_FA2)).toMatchObject({
      syntax: 'KSeF FA(2)',
      kind: 'invoice',
      number: 'FV/2025/05/118',
      issueDate: '2025-05-20',
      dueDate: '2025-06-19',
      seller: { name: 'Hurtownia Wisła Sp. z o.o.', vatId: '5213000001' },
      poNumber: 'ZAM/2025/0042',
      currency: 'PLN',
      amountDue: { minor: 123000, currency: 'PLN' },
      lines: [
        {
          id: '1',
          sku: 'KR-01',
          description: 'Krzesło biurowe',
          quantity: 4,
          unit: 'szt.',
          unitPrice: { minor: 25000, currency: 'PLN' },
          amount: { minor: 100000, currency: 'PLN' },
        },
      ],
    });
  });

  it('KSeF FA(3): a correction that lowers the amount is a credit note for the corrected invoice', () => {
    const e = read(KSEF_FA3_CORRECTION);
    expect(e).toMatchObject({ syntax: 'KSeF FA(3)', kind: 'credit_note', precedingInvoice: 'FV/2025/05/118' });
    expect(e?.amountDue).toEqual({ minor: -24600, currency: 'PLN' });
  });

  it('placeholders are no references, and XML that is no e-invoice is not read as one', () => {
    const na = UBL21.replace('<cbc:ID>4500017731</cbc:ID>', '<cbc:ID>n/a</cbc:ID>');
    expect(read(na)?.poNumber).toBeUndefined();
    expect(read('<rss version="2.0"><channel><title>Invoice</title></channel></rss>')).toBeUndefined();
  });

  it('detections: the invoice with confidence 1, its lines and PO, and the PO as a quoted number', () => {
    const [invoice, po] = einvoiceDetections(read(UBL21)!);
    expect(invoice).toMatchObject({
      kind: 'invoice',
      number: 'VF-2291',
      key: 'VF2291',
      confidence: 1,
      vendor: 'Vesterby Værktøj ApS',
      total: { minor: 100000, currency: 'EUR' },
      issueDate: '2025-02-03',
      dueDate: '2025-03-05',
      poKeys: ['4500017731'],
    });
    expect(invoice?.lines).toHaveLength(2);
    expect(po).toMatchObject({ kind: 'po', number: '4500017731', confidence: 1 });
  });
});
