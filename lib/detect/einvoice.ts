/**
 * E-invoices read exactly from their XML: which syntax a parsed file is, and its business terms
 * (einvoice-model.ts). An XML file no reader here knows is read by the detector from its element
 * paths instead (xml.ts `blocksFromTree`, with the rules of einvoice-paths.ts).
 */
import { isCii, readCii } from './einvoice-cii';
import { isKsef, readKsef } from './einvoice-ksef';
import type { EInvoice } from './einvoice-model';
import { isUbl, readUbl } from './einvoice-ubl';
import type { XmlElement } from './xml';

export type { EInvoice, EInvoiceLine } from './einvoice-model';
export { einvoiceDetections } from './einvoice-model';
// The detector's path rules for XML that is not a known e-invoice (lib/detect/scan.ts).
export { CREDIT_NOTE_CODES, classifyPath, isElementPath, isPlaceholder, type PathRule } from './einvoice-paths';

/** The e-invoice in a parsed XML file, or undefined when it is not one of the syntaxes read here. */
export function readEInvoice(root: XmlElement): EInvoice | undefined {
  if (isCii(root)) return readCii(root);
  if (isUbl(root)) return readUbl(root);
  if (isKsef(root)) return readKsef(root);
  return undefined;
}
