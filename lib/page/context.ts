/**
 * Record context of an ERP page: which record the clerk has open ("Purchase Order", "Bill",
 * "Supplier Invoice"), read from the heading, the selected tab, the breadcrumb and the title. A bare
 * `Number`, `No.` or `Reference` field takes its kind from it.
 */
import type { DocKind } from '../model/document';

const TEXT_LIMIT = 200;

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, TEXT_LIMIT);
}

/**
 * Hidden by markup (attribute or inline style). Not `checkVisibility()`: on a page whose layout is
 * dirty it forces a full layout, seconds on a 10,000-row list.
 */
function visible(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return false;
  const style = el.getAttribute('style') ?? '';
  return !/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Context sources, most specific first. */
export function recordContextParts(doc: Document, root: ParentNode = doc): string[] {
  const parts: string[] = [];
  const heading = [...root.querySelectorAll('h1, [role="heading"][aria-level="1"], h2')].find(visible);
  if (heading) parts.push(text(heading));
  const tab = root.querySelector('[role="tab"][aria-selected="true"], .tab.active, .nav-tabs .active');
  if (tab) parts.push(text(tab));
  const crumb = root.querySelector(
    'nav[aria-label*="breadcrumb" i], [class*="breadcrumb" i], ol[aria-label*="breadcrumb" i]',
  );
  if (crumb) {
    // The last crumb names the record; the whole trail is a weaker hint.
    let items: Element[] = [...crumb.querySelectorAll('li')];
    if (!items.length) items = [...crumb.querySelectorAll('a, span')];
    const names = items.map((i) => text(i)).filter((t) => t.length > 0);
    const last = names[names.length - 1];
    if (last) parts.push(last);
    parts.push(names.length ? names.join(' › ') : text(crumb));
  }
  if (doc.title) parts.push(doc.title.slice(0, TEXT_LIMIT));
  return parts.filter((p) => p.length > 0);
}

const PO_WORDS =
  /\b(purchase\s*orders?|p\.?\s?o\.?|bestellung|bestellnummer|bon\s+de\s+commande|orden\s+de\s+compra|pedido\s+de\s+compra|ordine\s+d'acquisto|inkooporder)\b/i;
const INVOICE_WORDS =
  /\b(bills?|vendor\s+bills?|supplier\s+invoices?|invoices?|rechnung|eingangsrechnung|facture|factura|fattura|factuur|nota\s+fiscal)\b/i;
const CREDIT_WORDS = /\b(credit\s*notes?|vendor\s+credits?|gutschrift|avoir|nota\s+de\s+cr[eé]dito)\b/i;
const RECEIPT_WORDS = /\b(goods\s+receipts?|item\s+receipts?|receiving|delivery\s+notes?|lieferschein|grn)\b/i;

/** The record kind the context names first, or undefined when it names none. */
export function kindFromContext(parts: string[]): DocKind | undefined {
  for (const part of parts) {
    // Credit notes and receipts before invoices: "Vendor credit" is not a bill.
    if (CREDIT_WORDS.test(part)) return 'credit_note';
    if (RECEIPT_WORDS.test(part)) return 'receipt';
    const po = PO_WORDS.exec(part);
    const inv = INVOICE_WORDS.exec(part);
    if (po && inv) return po.index <= inv.index ? 'po' : 'invoice';
    if (po) return 'po';
    if (inv) return 'invoice';
  }
  return undefined;
}

const BARE_LABEL =
  /^\s*(?:#|no\.?|nr\.?|n[°º]|num(?:ber)?\.?|ref(?:erence)?\.?|reference\s*(?:no\.?|number|#)|doc(?:ument)?\.?\s*(?:no\.?|number|#)|number\s*#|id)\s*[:#]?\s*\*?\s*$/i;

export function isBareNumberLabel(label: string): boolean {
  return BARE_LABEL.test(label);
}

const KIND_LABEL: Record<DocKind, string> = {
  po: 'PO Number',
  invoice: 'Invoice Number',
  credit_note: 'Credit Note Number',
  receipt: 'Goods Receipt Number',
};

/** `Number` on a Bill form → `Invoice Number`; other labels are kept as they are. */
export function qualifyLabel(label: string, kind: DocKind | undefined): string {
  if (!kind || !isBareNumberLabel(label)) return label;
  return KIND_LABEL[kind];
}
