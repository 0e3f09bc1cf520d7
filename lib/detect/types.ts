/**
 * The detector's input: text blocks with the structure the page gives. Produced by lib/page from a
 * live DOM, a saved .html file or an .eml file; consumed by lib/detect. Pure data, no DOM.
 *
 * A block is one string that a span's offsets refer to, so the overlay can map a detection back
 * to text nodes. Structure rides along: the label or column header that applies to the whole
 * text (a `<dd>` under its `<dt>`, a cell under its `<th>`, an `<input>` with its `<label>`), the
 * block's role, and the page/record/e-mail context shared by every block of one page.
 */
export interface PageContext {
  /** `document.title` or the e-mail subject. */
  title?: string;
  /** Record context: nearest heading, breadcrumb, tab ("Purchase Order", "Supplier Invoice", "Bill"). */
  heading?: string;
  /** BCP 47 language of the page (`<html lang>`, Content-Language), used to read `03/04/2025`. */
  lang?: string;
  /** E-mail context. */
  subject?: string;
  sender?: { name?: string; address?: string };
}

export type BlockRole = 'text' | 'field' | 'cell' | 'subject' | 'heading';

export interface TextBlock {
  text: string;
  role?: BlockRole;
  /** The label or column header that applies to `text` as a whole. */
  label?: string;
  /** The other cells of the same table row, header → text, for amounts/vendors/dates beside a number. */
  row?: Record<string, string>;
  context?: PageContext;
  /**
   * Whitespace is layout (`pdftotext -layout`, `<pre>`, fixed-width e-mail): runs of spaces separate
   * columns, and a value may sit under its label on the next line.
   */
  layout?: boolean;
  /** Attributes of the element the text came from (XML e-invoices: `currencyID`, `schemeID`). */
  attrs?: Record<string, string>;
}
