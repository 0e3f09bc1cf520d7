import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { blocksFromXml } from '@/lib/detect/xml';
import { NOW } from './helpers';

const UBL = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>R-2025/0042</cbc:ID>
  <cbc:IssueDate>2025-03-14</cbc:IssueDate>
  <cbc:DueDate>2025-04-13</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>LEITWEG-991</cbc:BuyerReference>
  <cac:OrderReference><cbc:ID>PO-77&amp;1</cbc:ID><cbc:SalesOrderID>SO-55</cbc:SalesOrderID></cac:OrderReference>
  <cac:AdditionalDocumentReference><cbc:ID>ATT-1</cbc:ID>
    <cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf">UE8xMjM0NQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Nordic Parts</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:RegistrationName>Nordic Parts AB</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Buyer Oy</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  <cac:LegalMonetaryTotal>
    <cbc:TaxInclusiveAmount currencyID="SEK">1250.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="SEK">1000.50</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>`;

const CII = `<?xml version="1.0"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocument><ram:ID>CN-9</ram:ID><ram:TypeCode>381</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20250314</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>Fabrik GmbH</ram:Name></ram:SellerTradeParty>
   <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>4500012345</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:GrandTotalAmount>119.00</ram:GrandTotalAmount><ram:DuePayableAmount>119.00</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;

describe('XML e-invoices by element path', () => {
  it('reads a UBL invoice: BT-1, BT-13, amount due, currency, dates, seller', () => {
    const blocks = blocksFromXml(UBL);
    expect(blocks.find((b) => b.label === 'Invoice/ID')?.text).toBe('R-2025/0042');
    expect(blocks.some((b) => b.text.includes('UE8x'))).toBe(false); // attachments skipped
    const ds = detect(blocks, { now: NOW });
    const inv = ds.find((d) => d.kind === 'invoice');
    expect(inv).toMatchObject({
      number: 'R-2025/0042',
      total: { minor: 100050, currency: 'SEK' },
      issueDate: '2025-03-14',
      dueDate: '2025-04-13',
      vendor: 'Nordic Parts AB',
      poKeys: ['771'],
    });
    const po = ds.filter((d) => d.kind === 'po');
    expect(po.map((d) => [d.number, d.confidence >= 0.5])).toEqual([
      ['PO-77&1', true],
      ['SO-55', false],
    ]);
    // the buyer reference and attachment ids are not documents
    expect(ds.map((d) => d.number)).not.toContain('LEITWEG-991');
    expect(ds.map((d) => d.number)).not.toContain('ATT-1');
  });

  it('reads a CII credit note by its type code', () => {
    const ds = detect(blocksFromXml(CII), { now: NOW });
    expect(ds.find((d) => d.number === 'CN-9')).toMatchObject({
      kind: 'credit_note',
      total: { minor: 11900, currency: 'EUR' },
      issueDate: '2025-03-14',
      vendor: 'Fabrik GmbH',
      poKeys: ['4500012345'],
    });
  });

  it('treats placeholder references as absent', () => {
    const xml = UBL.replace('<cbc:ID>PO-77&amp;1</cbc:ID>', '<cbc:ID>n/a</cbc:ID>');
    expect(detect(blocksFromXml(xml), { now: NOW }).filter((d) => d.kind === 'po' && d.confidence >= 0.5)).toEqual([]);
  });
});
