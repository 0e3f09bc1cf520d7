/**
 * E-invoices read exactly from their XML: which syntax a parsed file is, and its business terms
 * (einvoice-model.ts). An XML file no reader here knows is read by the detector from its element
 * paths instead (xml.ts `blocksFromTree`, with the path rules of einvoice.ts). Kept apart from those rules,
 * which the content script's detector imports, so the XML parser never enters the content script.
 */
import { isCii, readCii } from './einvoice-cii';
import { isKsef, readKsef } from './einvoice-ksef';
import type { EInvoice } from './einvoice-model';
import { isUbl, readUbl } from './einvoice-ubl';
import type { XmlElement } from './xml';

export type { EInvoice, EInvoiceLine } from './einvoice-model';
export { einvoiceDetections } from './einvoice-model';

/** The e-invoice in a parsed XML file, or undefined when it is not one of the syntaxes read here. */
export function readEInvoice(root: XmlElement): EInvoice | undefined {
  if (isCii(root)) return readCii(root);
  if (isUbl(root)) return readUbl(root);
  if (isKsef(root)) return readKsef(root);
  return undefined;
}
