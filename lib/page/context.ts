/**
 * Record context of an ERP page: which record the clerk has open ("Purchase Order", "Bill",
 * "Supplier Invoice"), read from the heading, the selected tab, the breadcrumb and the title. A bare
 * `Number`, `No.` or `Reference` field takes its kind from it.
 */
import type { DocKind } from '@/lib/model/document';

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

const CAPTION_TAGS = new Set(['SPAN', 'LABEL', 'SMALL', 'P', 'DIV']);

/**
 * The caption of a title block: the plain text element just before the heading, in a small block of
 * its own (not a tab, link or the page's other content, which sit beside headings too).
 */
function captionOf(heading: Element): Element | undefined {
  const caption = heading.previousElementSibling;
  const block = heading.parentElement;
  if (!caption || !block || block.childElementCount > 4) return undefined;
  if (!CAPTION_TAGS.has(caption.tagName) || caption.hasAttribute('role') || !visible(caption)) return undefined;
  return caption;
}

/** Context sources, most specific first. */
export function recordContextParts(doc: Document, root: ParentNode = doc): string[] {
  const parts: string[] = [];
  const heading = [...root.querySelectorAll('h1, [role="heading"][aria-level="1"], h2')].find(visible);
  if (heading) {
    parts.push(text(heading));
    // A record form's title block often names the record type in a caption just before the record's
    // name: "Purchase Order" above "P00042", "Vendor Bill" above "Draft".
    const caption = captionOf(heading);
    const said = caption ? text(caption) : '';
    if (said && said.length <= 40 && !/\d/.test(said)) parts.push(said);
  }
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

/** A list or menu entry called "Purchases" is the purchase orders (Tryton's, Dolibarr's). */
const PO_WORDS =
  /\b(purchase\s*orders?|purchases|p\.?\s?o\.?|bestellung|bestellnummer|bon\s+de\s+commande|orden\s+de\s+compra|pedido\s+de\s+compra|ordine\s+d'acquisto|inkooporder)\b/i;
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
    if (po && inv) {
      // "Purchase Invoices", "Purchase Order Bills": the last word of a compound names the thing.
      const compound = inv.index > po.index && /^\s*$/.test(part.slice(po.index + po[0].length, inv.index));
      return po.index < inv.index && !compound ? 'po' : 'invoice';
    }
    if (po) return 'po';
    if (inv) return 'invoice';
  }
  return undefined;
}

const BARE_NUMBER =
  /^\s*(?:#|no\.?|nr\.?|n[°º]|num(?:ber)?\.?|doc(?:ument)?\.?\s*(?:no\.?|number|#)|number\s*#|id)\s*[:#]?\s*\*?\s*$/i;
const BARE_REFERENCE = /^\s*(?:ref(?:erence)?\.?|reference\s*(?:no\.?|number|#))\s*[:#]?\s*\*?\s*$/i;

/** "Number", "No.", "Reference", "#": a label that says a number without saying of what. */
export function isBareNumberLabel(label: string): boolean {
  return BARE_NUMBER.test(label) || BARE_REFERENCE.test(label);
}

/**
 * What the bare number of an invoice record is called once known to be the ERP's own entry for it
 * (Tryton's invoice Number, Odoo's BILL/2025/03/0009, NetSuite's document number) and not the
 * vendor's invoice number. No word of it is in the detector's lexicon, so nothing reads it as one.
 */
export const OWN_ENTRY_LABEL = 'Journal entry';

/** The vendor's own number of a bill, beside the ERP's: "Reference", "Bill Reference", "Vendor Invoice No". */
function isVendorReferenceLabel(label: string, isInvoiceNumberLabel: (label: string) => boolean): boolean {
  if (/\b(?:our|unser|notre|nuestra)\b/i.test(label)) return false;
  return BARE_REFERENCE.test(label) || /\bref/i.test(label) || isInvoiceNumberLabel(label);
}

/**
 * The labels of one record or one list, qualified together: a bare "Number" beside a "Reference"
 * means the record's own number in the ERP, and whose number that is depends on who issues the
 * document. The company issues its purchase orders and receipts: there the bare Number is the
 * document's number and the Reference is the vendor's (their order confirmation). The vendor issues
 * invoices and credit notes: there the Reference is the document's number and the bare Number the
 * ERP's own entry for it (`OWN_ENTRY_LABEL`). Alone, either takes the record's kind (`qualifyLabel`).
 * `isInvoiceNumberLabel` tells an explicit vendor invoice-number label (the detector's lexicon).
 */
export function qualifyLabels(
  labels: readonly (string | undefined)[],
  kind: DocKind | undefined,
  isInvoiceNumberLabel: (label: string) => boolean = () => false,
): (string | undefined)[] {
  if (!kind) return [...labels];
  const number = labels.some((l) => l !== undefined && BARE_NUMBER.test(l));
  if (kind === 'invoice' || kind === 'credit_note') {
    const vendorRef = labels.some((l) => l !== undefined && isVendorReferenceLabel(l, isInvoiceNumberLabel));
    if (number && vendorRef)
      return labels.map((l) => (l !== undefined && BARE_NUMBER.test(l) ? OWN_ENTRY_LABEL : qualifyLabel(l, kind)));
  } else if (number) {
    return labels.map((l) => (l !== undefined && BARE_REFERENCE.test(l) ? l : qualifyLabel(l, kind)));
  }
  return labels.map((l) => qualifyLabel(l, kind));
}

const KIND_LABEL: Record<DocKind, string> = {
  po: 'PO Number',
  invoice: 'Invoice Number',
  credit_note: 'Credit Note Number',
  receipt: 'Goods Receipt Number',
};

/**
 * The document a bill or credit note was made from, as ERPs label it (Odoo's "Source Document",
 * "Origin"): on the payables side that is the purchase order.
 */
const SOURCE_LABEL =
  /^\s*(?:source\s*(?:document|doc\.?)|origin(?:al)?\s+document|origin|quelldokument|ursprungsbeleg|document\s+d'origine|document\s+source|documento\s+(?:de\s+)?origen|documento\s+d'origine|brondocument)\s*[:#]?\s*$/i;

export function isSourceDocumentLabel(label: string): boolean {
  return SOURCE_LABEL.test(label);
}

/**
 * `Number` on a Bill form → `Invoice Number`; `Source Document` on a bill or credit note → `PO
 * Number`; other labels are kept as they are.
 */
export function qualifyLabel<L extends string | undefined>(label: L, kind: DocKind | undefined): L | string {
  if (!kind || label === undefined) return label;
  if ((kind === 'invoice' || kind === 'credit_note') && isSourceDocumentLabel(label)) return KIND_LABEL.po;
  if (!isBareNumberLabel(label)) return label;
  return KIND_LABEL[kind];
}
