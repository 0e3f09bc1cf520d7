/**
 * Reading one file a clerk hands Tieout (an attachment, a download, a dropped file): a PDF's text
 * and its embedded e-invoice, or an XML e-invoice. The same function runs in the extension (the
 * offscreen document in Chrome, the background page in Firefox) and in Node (the CLI and the eval);
 * only the PDF engine (pdf.js loaded for that context) is handed in.
 *
 * - XML: an e-invoice syntax Tieout knows is read exactly (lib/detect/einvoice.ts), confidence 1
 *   with its lines; any other XML is read by the detector through its element paths.
 * - PDF: the text of its pages, laid out as `pdftotext -layout` would (pdf-layout.ts), goes through
 *   the same detector as a page. When the PDF carries an e-invoice (Factur-X `factur-x.xml`,
 *   ZUGFeRD `zugferd-invoice.xml`, `xrechnung.xml`, or any attached XML that is one), its XML is
 *   what is recorded; where the printed text names another number or total, that value rides along
 *   as `printed`, and the ledger keeps it as a conflicting value.
 *
 * A file refused (too large, encrypted, not well-formed, a DOCTYPE) throws AttachmentError with the
 * sentence for the clerk; nothing is recorded from it.
 */
import { type EInvoice, einvoiceDetections, readEInvoice } from '@/lib/detect/einvoice-read';
import { detect, REPORT_THRESHOLD } from '@/lib/detect/index';
import type { TextBlock } from '@/lib/detect/types';
import { blocksFromTree, decodeXml, looksLikeXml, parseXml, XmlRefusedError } from '@/lib/detect/xml';
import type { Detection } from '@/lib/model/detection';
import { AttachmentError } from './errors';

/** What a PDF engine gives back: the laid-out text of each page and the files embedded in it. */
export interface PdfContent {
  pages: string[];
  /** Pages in the file (more than `pages.length` when only the first ones were read). */
  pageCount: number;
  attachments: Array<{ name: string; bytes: Uint8Array }>;
}

export type Progress = (done: number, total: number) => void;

export type PdfEngine = (bytes: Uint8Array, onProgress?: Progress) => Promise<PdfContent>;

export interface AttachmentReading {
  file: string;
  via: 'pdf' | 'xml';
  /** The exact e-invoice, when there is one, and where it came from (the embedded file's name). */
  einvoice?: EInvoice & { source: string };
  /** What to record: reported detections only (confidence at least the report threshold). */
  detections: Detection[];
  /** The text the detector read (a PDF's pages joined by form feeds, or the XML file). */
  text: string;
  pages?: number;
  /** Sentences about what was not read (an embedded file refused, pages left out). */
  notes: string[];
}

export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** `%PDF-` within the first kilobyte, as readers accept it. */
export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function reported(found: Detection[]): Detection[] {
  return found.filter((d) => d.confidence >= REPORT_THRESHOLD);
}

/** The XML e-invoice in `text`, else what the detector reads from its element paths. */
function readXmlText(text: string): { einvoice?: EInvoice; detections: Detection[] } {
  const root = parseXml(text);
  const einvoice = readEInvoice(root);
  if (einvoice) return { einvoice, detections: einvoiceDetections(einvoice) };
  return { detections: reported(detect(blocksFromTree(root))) };
}

function sizeCheck(name: string, bytes: Uint8Array): void {
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = Math.round(bytes.length / (1024 * 1024));
    throw new AttachmentError(
      `${name} is ${mb} MB; Tieout reads files of up to ${MAX_FILE_BYTES / (1024 * 1024)} MB. Nothing was stored.`,
    );
  }
}

/**
 * Embedded files worth trying first: the names the Factur-X, ZUGFeRD and XRechnung specifications
 * give the invoice XML, then any other `.xml`.
 */
function xmlAttachments(attachments: PdfContent['attachments']): PdfContent['attachments'] {
  const known = /^(factur-x|zugferd-invoice|zugferd_invoice|xrechnung|order-x)\.xml$/i;
  const xml = attachments.filter((a) => /\.xml$/i.test(a.name));
  return [...xml.filter((a) => known.test(a.name)), ...xml.filter((a) => !known.test(a.name))];
}

/** The printed text's reading of the same document, where it disagrees with the exact one. */
function printedDisagreement(exact: Detection, printed: Detection[]): Detection['printed'] {
  const invoices = printed.filter((d) => d.kind === 'invoice' || d.kind === 'credit_note');
  if (invoices.length === 0) return undefined;
  const same = invoices.find((d) => d.key === exact.key);
  if (same) {
    const t = same.total;
    if (t && exact.total && t.currency === exact.total.currency && t.minor !== exact.total.minor) return { total: t };
    return undefined;
  }
  const best = [...invoices].sort((a, b) => b.confidence - a.confidence)[0];
  if (!best) return undefined;
  const out: NonNullable<Detection['printed']> = { number: best.number };
  if (
    best.total &&
    exact.total &&
    best.total.currency === exact.total.currency &&
    best.total.minor !== exact.total.minor
  )
    out.total = best.total;
  return out;
}

export async function readAttachment(
  file: { name: string; bytes: Uint8Array },
  deps: { readPdf: PdfEngine; onProgress?: Progress },
): Promise<AttachmentReading> {
  const { name, bytes } = file;
  sizeCheck(name, bytes);
  try {
    if (isPdf(bytes)) return await readPdfFile(name, bytes, deps);
    const text = decodeXml(bytes);
    if (!looksLikeXml(text)) {
      throw new AttachmentError(
        `${name} is neither a PDF nor an XML file; Tieout reads only those. Nothing was stored.`,
      );
    }
    const { einvoice, detections } = readXmlText(text);
    return {
      file: name,
      via: 'xml',
      einvoice: einvoice ? { ...einvoice, source: name } : undefined,
      detections,
      text,
      notes: [],
    };
  } catch (e) {
    if (e instanceof AttachmentError) throw e;
    if (e instanceof XmlRefusedError) throw new AttachmentError(`${name}: ${e.message}`);
    throw e;
  }
}

async function readPdfFile(
  name: string,
  bytes: Uint8Array,
  deps: { readPdf: PdfEngine; onProgress?: Progress },
): Promise<AttachmentReading> {
  const content = await deps.readPdf(bytes, deps.onProgress);
  const text = content.pages.join('\f');
  const blocks: TextBlock[] = text.trim() ? [{ text, role: 'text', layout: true }] : [];
  const printed = reported(detect(blocks));
  const notes: string[] = [];
  if (content.pages.length < content.pageCount) {
    notes.push(`Only the first ${content.pages.length} of ${content.pageCount} pages of ${name} were read.`);
  }
  for (const a of xmlAttachments(content.attachments)) {
    let reading: ReturnType<typeof readXmlText>;
    try {
      if (a.bytes.length > MAX_FILE_BYTES) throw new XmlRefusedError('it is too large to read.');
      reading = readXmlText(decodeXml(a.bytes));
    } catch (e) {
      if (!(e instanceof XmlRefusedError)) throw e;
      notes.push(`The file ${a.name} inside ${name} was not read: ${e.message}`);
      continue;
    }
    if (!reading.einvoice) continue;
    const detections = reading.detections.map((d, i) => {
      if (i !== 0) return d;
      const disagreement = printedDisagreement(d, printed);
      return disagreement ? { ...d, printed: disagreement } : d;
    });
    return {
      file: name,
      via: 'pdf',
      einvoice: { ...reading.einvoice, source: a.name },
      detections,
      text,
      pages: content.pageCount,
      notes,
    };
  }
  if (!text.trim()) notes.push(`${name} has no text layer (a scan?); Tieout does not read text from images.`);
  return { file: name, via: 'pdf', detections: printed, text, pages: content.pageCount, notes };
}
