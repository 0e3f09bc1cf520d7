/**
 * Element-path rules for the detector's reading of XML blocks (lib/detect/scan.ts), kept for XML
 * that no reader in einvoice-read.ts recognises: e-invoices themselves are read field by field there.
 * EN 16931 e-invoices read by element path (see xml.ts): UBL 2.1 (`Invoice`, `CreditNote`) and
 * UN/CEFACT CII (`CrossIndustryInvoice`). The rules follow the standard's business terms, so they
 * hold for any conforming file: BT-1 invoice number, BT-13 purchase order, BT-14 sales order,
 * BT-2 issue date, BT-9 due date, BT-5 currency, BT-112/BT-115 totals, BT-27 seller name,
 * BT-3 type code (credit notes).
 */
import type { DocKind } from '@/lib/model/document';

export type PathRule =
  | { type: 'number'; kind: DocKind; seller: boolean; term: string }
  | { type: 'typecode' }
  | { type: 'total'; rank: 1 | 2 | 3; term: string }
  | { type: 'currency' }
  | { type: 'date'; role: 'issue' | 'due'; term: string }
  | { type: 'vendor'; rank: 1 | 2; term: string };

const UBL = '^(Invoice|CreditNote)/';
const CII_HEAD = '^CrossIndustryInvoice/SupplyChainTradeTransaction/';

const RULES: Array<[RegExp, PathRule]> = [
  [new RegExp(`${UBL}ID$`), { type: 'number', kind: 'invoice', seller: false, term: 'BT-1 invoice number' }],
  [
    /^CrossIndustryInvoice\/ExchangedDocument\/ID$/,
    { type: 'number', kind: 'invoice', seller: false, term: 'BT-1 invoice number' },
  ],
  [new RegExp(`${UBL}(InvoiceTypeCode|CreditNoteTypeCode)$`), { type: 'typecode' }],
  [/^CrossIndustryInvoice\/ExchangedDocument\/TypeCode$/, { type: 'typecode' }],
  [new RegExp(`${UBL}OrderReference/ID$`), { type: 'number', kind: 'po', seller: false, term: 'BT-13 purchase order' }],
  [
    new RegExp(`${CII_HEAD}ApplicableHeaderTradeAgreement/BuyerOrderReferencedDocument/IssuerAssignedID$`),
    { type: 'number', kind: 'po', seller: false, term: 'BT-13 purchase order' },
  ],
  [
    new RegExp(`${UBL}OrderReference/SalesOrderID$`),
    { type: 'number', kind: 'po', seller: true, term: 'BT-14 sales order (seller side)' },
  ],
  [
    new RegExp(`${CII_HEAD}ApplicableHeaderTradeAgreement/SellerOrderReferencedDocument/IssuerAssignedID$`),
    { type: 'number', kind: 'po', seller: true, term: 'BT-14 sales order (seller side)' },
  ],
  [new RegExp(`${UBL}IssueDate$`), { type: 'date', role: 'issue', term: 'BT-2 issue date' }],
  [
    /^CrossIndustryInvoice\/ExchangedDocument\/IssueDateTime\/DateTimeString$/,
    { type: 'date', role: 'issue', term: 'BT-2 issue date' },
  ],
  [new RegExp(`${UBL}DueDate$`), { type: 'date', role: 'due', term: 'BT-9 due date' }],
  [new RegExp(`${UBL}PaymentMeans/PaymentDueDate$`), { type: 'date', role: 'due', term: 'BT-9 due date' }],
  [
    new RegExp(`${CII_HEAD}ApplicableHeaderTradeSettlement/SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString$`),
    { type: 'date', role: 'due', term: 'BT-9 due date' },
  ],
  [new RegExp(`${UBL}DocumentCurrencyCode$`), { type: 'currency' }],
  [new RegExp(`${CII_HEAD}ApplicableHeaderTradeSettlement/InvoiceCurrencyCode$`), { type: 'currency' }],
  [
    new RegExp(`${UBL}LegalMonetaryTotal/PayableAmount$`),
    { type: 'total', rank: 3, term: 'BT-115 amount due for payment' },
  ],
  [
    new RegExp(`${UBL}LegalMonetaryTotal/TaxInclusiveAmount$`),
    { type: 'total', rank: 2, term: 'BT-112 invoice total with VAT' },
  ],
  [
    new RegExp(
      `${CII_HEAD}ApplicableHeaderTradeSettlement/SpecifiedTradeSettlementHeaderMonetarySummation/DuePayableAmount$`,
    ),
    { type: 'total', rank: 3, term: 'BT-115 amount due for payment' },
  ],
  [
    new RegExp(
      `${CII_HEAD}ApplicableHeaderTradeSettlement/SpecifiedTradeSettlementHeaderMonetarySummation/GrandTotalAmount$`,
    ),
    { type: 'total', rank: 2, term: 'BT-112 invoice total with VAT' },
  ],
  [
    new RegExp(`${UBL}AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName$`),
    { type: 'vendor', rank: 2, term: 'BT-27 seller name' },
  ],
  [
    new RegExp(`${UBL}AccountingSupplierParty/Party/PartyName/Name$`),
    { type: 'vendor', rank: 1, term: 'BT-28 seller trading name' },
  ],
  [
    new RegExp(`${CII_HEAD}ApplicableHeaderTradeAgreement/SellerTradeParty/Name$`),
    { type: 'vendor', rank: 2, term: 'BT-27 seller name' },
  ],
];

/** Whether a block label is an XML element path rather than a printed label. */
export function isElementPath(label: string): boolean {
  return label.includes('/') && /^[A-Za-z_][\w.-]*(\/[A-Za-z_][\w.-]*)+$/.test(label);
}

export function classifyPath(path: string): PathRule | undefined {
  for (const [re, rule] of RULES) if (re.test(path)) return rule;
  return undefined;
}

export { CREDIT_NOTE_CODES, isPlaceholder } from './einvoice-model';
