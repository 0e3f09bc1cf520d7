/**
 * OASIS UBL invoices and credit notes, 2.0 to 2.4 (EN 16931 UBL binding, Peppol BIS Billing 3,
 * XRechnung UBL and the national UBL profiles built on them, OIOUBL, EHF, SI-UBL…), with the UBL 1.0
 * names where they differ (`LegalTotal`, `SellerParty`, `BuyersID`), read by local element names.
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
import { at, children, textAt, type XmlElement } from './xml';

/** Whether `root` is a UBL invoice or credit note. */
export function isUbl(root: XmlElement): boolean {
  return (
    (root.name === 'Invoice' || root.name === 'CreditNote') &&
    root.children.some((c) => c.name === 'ID') &&
    !root.children.some((c) => c.name === 'HeaderExchangedDocument')
  );
}

function amount(el: XmlElement | undefined, currency: string | undefined, round = false) {
  if (!el?.text) return undefined;
  return moneyOf(el.text, el.attrs.currencyID ?? currency, round);
}

function sellerOf(root: XmlElement): EInvoice['seller'] {
  const party = at(root, 'AccountingSupplierParty|SellerSupplierParty|SellerParty/Party') ?? at(root, 'SellerParty');
  if (!party) return undefined;
  const name =
    reference(textAt(party, 'PartyLegalEntity/RegistrationName')) ??
    reference(textAt(party, 'PartyName/Name')) ??
    reference(textAt(party, 'PartyLegalEntity/RegistrationName|Name'));
  let vatId: string | undefined;
  for (const scheme of children(party, 'PartyTaxScheme')) {
    const id = reference(textAt(scheme, 'CompanyID'));
    const kind = textAt(scheme, 'TaxScheme/ID');
    if (id && (!vatId || kind === 'VAT')) vatId = id;
  }
  return name || vatId ? { name, vatId } : undefined;
}

function lineOf(el: XmlElement, currency: string | undefined): EInvoiceLine {
  const qty = at(el, 'InvoicedQuantity|CreditedQuantity|DebitedQuantity');
  const item = at(el, 'Item');
  const line: EInvoiceLine = {
    id: reference(textAt(el, 'ID')),
    sku:
      reference(textAt(item, 'SellersItemIdentification/ID')) ??
      reference(textAt(item, 'BuyersItemIdentification/ID')) ??
      reference(textAt(item, 'StandardItemIdentification/ID')),
    description: reference(textAt(item, 'Name')) ?? reference(textAt(item, 'Description')),
    quantity: quantityOf(qty?.text),
    unit: qty?.attrs.unitCode,
    amount: amount(at(el, 'LineExtensionAmount'), currency),
    poLine: reference(textAt(el, 'OrderLineReference/LineID')),
  };
  const price = at(el, 'Price/PriceAmount');
  const base = quantityOf(textAt(el, 'Price/BaseQuantity'));
  const unitPrice = amount(price, currency, true);
  if (unitPrice && (base === undefined || base === 1)) line.unitPrice = unitPrice;
  else if (unitPrice && base && base > 0) line.unitPrice = { ...unitPrice, minor: Math.round(unitPrice.minor / base) };
  return line;
}

export function readUbl(root: XmlElement): EInvoice | undefined {
  const number = reference(textAt(root, 'ID'));
  if (!number) return undefined;
  const version = textAt(root, 'UBLVersionID');
  const typeCode = textAt(root, 'InvoiceTypeCode|CreditNoteTypeCode');
  const kind = root.name === 'CreditNote' || (typeCode && CREDIT_NOTE_CODES.has(typeCode)) ? 'credit_note' : 'invoice';
  const currency = textAt(root, 'DocumentCurrencyCode')?.toUpperCase();
  const totals = at(root, 'LegalMonetaryTotal|LegalTotal');
  const lineEls = root.children.filter(
    (c) => c.name === 'InvoiceLine' || c.name === 'CreditNoteLine' || c.name === 'DebitNoteLine',
  );
  return {
    syntax: `UBL ${version ?? '2'} ${root.name}`,
    kind,
    number,
    typeCode,
    issueDate: dateOf(textAt(root, 'IssueDate')),
    dueDate:
      dateOf(textAt(root, 'DueDate')) ??
      dateOf(textAt(root, 'PaymentMeans/PaymentDueDate')) ??
      dateOf(textAt(root, 'PaymentTerms/PaymentDueDate')),
    seller: sellerOf(root),
    buyerReference: reference(textAt(root, 'BuyerReference')),
    poNumber: reference(textAt(root, 'OrderReference/ID')) ?? reference(textAt(root, 'OrderReference/BuyersID')),
    salesOrder: reference(textAt(root, 'OrderReference/SalesOrderID')),
    contract: reference(textAt(root, 'ContractDocumentReference/ID')),
    receivingAdvice: reference(textAt(root, 'ReceiptDocumentReference/ID')),
    despatchAdvice: reference(textAt(root, 'DespatchDocumentReference/ID')),
    precedingInvoice: reference(textAt(root, 'BillingReference/InvoiceDocumentReference/ID')),
    currency,
    amountDue: amount(at(totals, 'PayableAmount'), currency),
    taxInclusive: amount(at(totals, 'TaxInclusiveAmount|TaxInclusiveTotalAmount'), currency),
    prepaid: amount(at(totals, 'PrepaidAmount'), currency),
    lines: lineEls.map((l) => lineOf(l, currency)),
  };
}
