/**
 * An e-invoice as its XML states it: the EN 16931 business terms that accounts payable needs, read
 * exactly (no guessing), whichever syntax carried them (UBL, CII, ZUGFeRD 1.0, KSeF). The readers
 * (einvoice-ubl.ts, einvoice-cii.ts, einvoice-ksef.ts) fill it; `einvoiceDetections` turns it into
 * what the ledger records, with confidence 1.
 */
import type { Detection } from '@/lib/model/detection';
import type { Line } from '@/lib/model/document';
import { numberKey } from '@/lib/model/keys';
import { currencyExponent, type Money } from '@/lib/model/money';

export interface EInvoiceLine {
  /** BT-126 line id. */
  id?: string;
  /** BT-155 seller's item id, else BT-156 buyer's, else BT-157 standard id. */
  sku?: string;
  /** BT-153 item name. */
  description?: string;
  /** BT-129 invoiced quantity and BT-130 its unit (UN/ECE rec. 20 code). */
  quantity?: number;
  unit?: string;
  /** BT-146 net price for one unit (BT-149 base quantity divided out). */
  unitPrice?: Money;
  /** BT-131 line net amount. */
  amount?: Money;
  /** BT-132 the line of the buyer's order it bills. */
  poLine?: string;
}

export interface EInvoice {
  /** Which syntax and generation, for the evidence shown to the clerk ("UBL 2.1 Invoice"). */
  syntax: string;
  kind: 'invoice' | 'credit_note';
  /** BT-1. */
  number: string;
  /** BT-3 (UNTDID 1001), or the national type (KSeF `RodzajFaktury`). */
  typeCode?: string;
  /** BT-2, BT-9 (YYYY-MM-DD). */
  issueDate?: string;
  dueDate?: string;
  /** BT-27 seller name and BT-31 VAT id. */
  seller?: { name?: string; vatId?: string };
  /** BT-10. */
  buyerReference?: string;
  /** BT-13 purchase order. */
  poNumber?: string;
  /** BT-14 sales order (the seller's own number), BT-12 contract, BT-15 receiving advice, BT-16 despatch advice. */
  salesOrder?: string;
  contract?: string;
  receivingAdvice?: string;
  despatchAdvice?: string;
  /** BT-25 the invoice a credit note corrects. */
  precedingInvoice?: string;
  /** BT-5. */
  currency?: string;
  /** BT-115 amount due, BT-112 total with VAT, BT-113 paid. */
  amountDue?: Money;
  taxInclusive?: Money;
  prepaid?: Money;
  lines: EInvoiceLine[];
}

/** UNTDID 1001 codes that make a document a credit note. */
export const CREDIT_NOTE_CODES = new Set(['81', '83', '261', '262', '296', '308', '381', '396', '420', '458', '532']);

/** Values standing in for "none" in example and test files (`n/a`, `-`, `…`). */
export function isPlaceholder(value: string): boolean {
  return /^(n\/?a|none|null|-+|\.+|…)$/i.test(value.trim());
}

/** A reference value, or undefined when it is empty or a placeholder. */
export function reference(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.replace(/\s+/g, ' ').trim();
  return v && !isPlaceholder(v) && v.length <= 200 ? v : undefined;
}

/**
 * Money from an XML decimal (`1234.5`, `-0.50`, `100.0000`). Totals must be exact in the
 * currency's minor units; a unit price may carry more decimals and is rounded half away from zero.
 */
export function moneyOf(text: string | undefined, currency: string | undefined, round = false): Money | undefined {
  if (!text || !currency || !/^[A-Z]{3}$/.test(currency)) return undefined;
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '0', frac = ''] = m;
  const exp = currencyExponent(currency);
  const kept = frac.slice(0, exp).padEnd(exp, '0');
  const rest = frac.slice(exp);
  if (rest && /[1-9]/.test(rest) && !round) return undefined;
  let minor = Number(whole + kept);
  if (rest && rest.charCodeAt(0) >= 53) minor += 1; // '5'..'9'
  if (!Number.isSafeInteger(minor)) return undefined;
  return { minor: sign === '-' && minor !== 0 ? -minor : minor, currency };
}

/** A decimal quantity (`2`, `1.500`); undefined when not a number. */
export function quantityOf(text: string | undefined): number | undefined {
  if (!text || !/^[+-]?\d+(\.\d+)?$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** ISO date from an XML date: `2024-03-01`, `2024-03-01T10:00:00`, or CII format 102 `20240301`. */
export function dateOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  const basic = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  const m = iso ?? basic;
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = `${y}-${mo}-${d}`;
  const check = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date ? undefined : date;
}

/** Lines as the ledger stores them (lib/model/document.ts). */
export function ledgerLines(lines: EInvoiceLine[]): Line[] {
  return lines.slice(0, 1000).map((l) => {
    const out: Line = {};
    if (l.sku) out.sku = l.sku.slice(0, 200);
    if (l.description) out.description = l.description.slice(0, 500);
    if (l.quantity !== undefined) out.quantity = l.quantity;
    if (l.unit) out.unit = l.unit.slice(0, 20);
    if (l.unitPrice) out.unitPrice = l.unitPrice;
    if (l.amount) out.amount = l.amount;
    if (l.poLine) out.poLine = l.poLine.slice(0, 50);
    return out;
  });
}

/**
 * What the ledger records from an e-invoice: the invoice (or credit note) itself with confidence 1,
 * its lines and the PO it names, and that PO as a number the invoice quotes. The span is the
 * document's first block: an XML file or a PDF attachment has no page text to highlight.
 */
export function einvoiceDetections(e: EInvoice): Detection[] {
  const key = numberKey(e.number);
  if (!key) return [];
  const span = { block: 0, start: 0, end: 0 };
  const poKey = e.poNumber ? numberKey(e.poNumber) : '';
  const total = e.amountDue ?? e.taxInclusive;
  const invoice: Detection = {
    kind: e.kind,
    number: e.number,
    key,
    confidence: 1,
    evidence: `${e.syntax}: BT-1 ${e.kind === 'credit_note' ? 'credit note' : 'invoice'} number`,
    span,
  };
  if (e.seller?.name) invoice.vendor = e.seller.name.slice(0, 300);
  if (total) invoice.total = total;
  if (e.currency) invoice.currency = e.currency;
  if (e.issueDate) invoice.issueDate = e.issueDate;
  if (e.dueDate) invoice.dueDate = e.dueDate;
  if (poKey) invoice.poKeys = [poKey];
  if (e.lines.length > 0) invoice.lines = ledgerLines(e.lines);
  if (e.kind === 'credit_note' && e.precedingInvoice) {
    const corrects = numberKey(e.precedingInvoice);
    if (corrects) invoice.correctsKey = corrects;
  }
  const out = [invoice];
  if (e.poNumber && poKey) {
    out.push({
      kind: 'po',
      number: e.poNumber,
      key: poKey,
      confidence: 1,
      evidence: `${e.syntax}: BT-13 purchase order quoted by ${e.number}`,
      span,
    });
  }
  return out;
}
