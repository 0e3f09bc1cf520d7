/**
 * UN/CEFACT Cross Industry Invoice in its three generations, read by local element names:
 * - CII D16B and later (`CrossIndustryInvoice`): Factur-X, ZUGFeRD 2.x, XRechnung CII;
 * - ZUGFeRD 1.0 (`CrossIndustryDocument`, namespace `urn:ferd:CrossIndustryDocument:invoice:1p0`);
 * - the 2014 draft (`Invoice` in `urn:un:unece:uncefact:data:standard:CBFBUY:5`), which has the
 *   1.0 structure, often without namespaces on its children.
 * 1.0 and the draft name the parts `HeaderExchangedDocument`, `SpecifiedSupplyChainTradeTransaction`,
 * `ApplicableSupplyChain…`, and a referenced document's number `ID` (D16B: `IssuerAssignedID`).
 */
import {
  CREDIT_NOTE_CODES,
  dateOf,
  type EInvoice,
  type EInvoiceLine,
  moneyOf,
  quantityOf,
  reference,
} from './einvoice-model';
import { at, child, children, textAt, type XmlElement } from './xml';

const HEADER = 'ExchangedDocument|HeaderExchangedDocument';
const TRANSACTION = 'SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction';
const AGREEMENT = 'ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement';
const DELIVERY = 'ApplicableHeaderTradeDelivery|ApplicableSupplyChainTradeDelivery';
const SETTLEMENT = 'ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement';
const SUMMATION = 'SpecifiedTradeSettlementHeaderMonetarySummation|SpecifiedTradeSettlementMonetarySummation';

/** Whether `root` is a CII invoice of any generation. */
export function isCii(root: XmlElement): boolean {
  return !!child(root, 'ExchangedDocument', 'HeaderExchangedDocument') && !!child(root, ...TRANSACTION.split('|'));
}

/** A referenced document's number: `IssuerAssignedID` (D16B) or `ID` (1.0). */
function refId(el: XmlElement | undefined): string | undefined {
  return reference(textAt(el, 'IssuerAssignedID')) ?? reference(textAt(el, 'ID'));
}

/** A CII date element: `<udt:DateTimeString format="102">` inside it, or (2014 draft) its own text. */
function dateIn(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  return dateOf(textAt(el, 'DateTimeString|DateString') ?? el.text);
}

/**
 * The amount among `name` children of `parent` in the invoice currency: GrandTotalAmount may be
 * given twice, once in the VAT accounting currency (BT-111).
 */
function amountIn(parent: XmlElement | undefined, name: string, currency: string | undefined, round = false) {
  const els = children(parent, name).filter((e) => e.text);
  const el = els.find((e) => !e.attrs.currencyID || e.attrs.currencyID === currency) ?? els[0];
  if (!el) return undefined;
  return moneyOf(el.text, el.attrs.currencyID ?? currency, round);
}

function sellerOf(agreement: XmlElement | undefined): EInvoice['seller'] {
  const party = at(agreement, 'SellerTradeParty');
  if (!party) return undefined;
  const name =
    reference(textAt(party, 'Name')) ?? reference(textAt(party, 'SpecifiedLegalOrganization/TradingBusinessName'));
  let vatId: string | undefined;
  for (const reg of children(party, 'SpecifiedTaxRegistration')) {
    const id = at(reg, 'ID');
    if (id?.text && (!vatId || id.attrs.schemeID === 'VA')) vatId = id.text;
  }
  return name || vatId ? { name, vatId } : undefined;
}

function lineOf(item: XmlElement, currency: string | undefined): EInvoiceLine {
  const agreement = at(item, 'SpecifiedLineTradeAgreement|SpecifiedSupplyChainTradeAgreement');
  const delivery = at(item, 'SpecifiedLineTradeDelivery|SpecifiedSupplyChainTradeDelivery');
  const settlement = at(item, 'SpecifiedLineTradeSettlement|SpecifiedSupplyChainTradeSettlement');
  const product = at(item, 'SpecifiedTradeProduct');
  const qty = at(delivery, 'BilledQuantity');
  const line: EInvoiceLine = {
    id: reference(textAt(item, 'AssociatedDocumentLineDocument/LineID')),
    sku:
      reference(textAt(product, 'SellerAssignedID')) ??
      reference(textAt(product, 'BuyerAssignedID')) ??
      reference(textAt(product, 'GlobalID')),
    description: reference(textAt(product, 'Name')),
    quantity: quantityOf(qty?.text),
    unit: qty?.attrs.unitCode,
    amount: amountIn(
      at(settlement, 'SpecifiedTradeSettlementLineMonetarySummation|SpecifiedTradeSettlementMonetarySummation'),
      'LineTotalAmount',
      currency,
    ),
    poLine: reference(textAt(agreement, 'BuyerOrderReferencedDocument/LineID')),
  };
  const net = at(agreement, 'NetPriceProductTradePrice');
  const price = amountIn(net, 'ChargeAmount', currency, true);
  const base = quantityOf(textAt(net, 'BasisQuantity'));
  if (price && (base === undefined || base === 1)) line.unitPrice = price;
  else if (price && base && base > 0) line.unitPrice = { ...price, minor: Math.round(price.minor / base) };
  return line;
}

export function readCii(root: XmlElement): EInvoice | undefined {
  const header = at(root, HEADER);
  const number = reference(textAt(header, 'ID'));
  if (!number) return undefined;
  const transaction = at(root, TRANSACTION);
  const agreement = at(transaction, AGREEMENT);
  const delivery = at(transaction, DELIVERY);
  const settlement = at(transaction, SETTLEMENT);
  const summation = at(settlement, SUMMATION);
  const typeCode = textAt(header, 'TypeCode');
  const currency = textAt(settlement, 'InvoiceCurrencyCode')?.toUpperCase();
  const generation =
    root.name === 'CrossIndustryInvoice'
      ? 'CII (Factur-X / ZUGFeRD 2 / XRechnung)'
      : root.name === 'CrossIndustryDocument'
        ? 'ZUGFeRD 1.0'
        : 'ZUGFeRD 2014 draft';
  const dueDate =
    children(settlement, 'SpecifiedTradePaymentTerms')
      .map((t) => dateIn(at(t, 'DueDateDateTime')))
      .find((d) => d) ?? undefined;
  return {
    syntax: generation,
    kind: typeCode && CREDIT_NOTE_CODES.has(typeCode) ? 'credit_note' : 'invoice',
    number,
    typeCode,
    issueDate: dateIn(at(header, 'IssueDateTime')),
    dueDate,
    seller: sellerOf(agreement),
    buyerReference: reference(textAt(agreement, 'BuyerReference')),
    poNumber: refId(at(agreement, 'BuyerOrderReferencedDocument')),
    salesOrder: refId(at(agreement, 'SellerOrderReferencedDocument')),
    contract: refId(at(agreement, 'ContractReferencedDocument')),
    receivingAdvice: refId(at(delivery, 'ReceivingAdviceReferencedDocument')),
    despatchAdvice: refId(at(delivery, 'DespatchAdviceReferencedDocument')),
    precedingInvoice: refId(at(settlement, 'InvoiceReferencedDocument')),
    currency,
    amountDue: amountIn(summation, 'DuePayableAmount', currency),
    taxInclusive: amountIn(summation, 'GrandTotalAmount', currency),
    prepaid: amountIn(summation, 'TotalPrepaidAmount', currency),
    lines: children(transaction, 'IncludedSupplyChainTradeLineItem').map((l) => lineOf(l, currency)),
  };
}
