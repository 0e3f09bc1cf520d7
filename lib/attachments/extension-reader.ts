/**
 * Reading a file inside the extension: pdf.js's browser build with its worker and data files
 * bundled in the extension (`/pdfjs/pdf.worker.min.mjs`, `/pdfjs/cmaps/`, copied at build time by wxt.config.ts), never
 * fetched from anywhere else. Loaded only by the pages that read files (the reader page, the popup
 * and options page on a drop), so that nothing else pays for pdf.js at start-up.
 */
import { createPdfEngine, type PdfJs } from './pdf';
import type { Reading } from './protocol';
import { type AttachmentReading, type PdfEngine, type Progress, readAttachment } from './read';

let engine: Promise<PdfEngine> | undefined;

/** `assetUrl` turns an extension path into its address (`browser.runtime.getURL`). */
export function extensionPdfEngine(assetUrl: (path: string) => string): Promise<PdfEngine> {
  engine ??= (async () => {
    const pdfjs = await import('pdfjs-dist');
    pdfjs.GlobalWorkerOptions.workerSrc = assetUrl('/pdfjs/pdf.worker.min.mjs');
    return createPdfEngine(pdfjs as unknown as PdfJs, { cMapUrl: assetUrl('/pdfjs/cmaps/') });
  })();
  return engine;
}

/** A reading as it travels between contexts (protocol.ts): no text, the e-invoice as its syntax and source. */
export function travelling(r: AttachmentReading): Reading {
  return {
    file: r.file,
    via: r.via,
    detections: r.detections,
    ...(r.pages !== undefined ? { pages: r.pages } : {}),
    notes: r.notes,
    ...(r.einvoice ? { einvoice: { syntax: r.einvoice.syntax, source: r.einvoice.source } } : {}),
  };
}

export async function readInExtension(
  file: { name: string; bytes: Uint8Array },
  assetUrl: (path: string) => string,
  onProgress?: Progress,
): Promise<Reading> {
  const reading = await readAttachment(file, { readPdf: await extensionPdfEngine(assetUrl), onProgress });
  return travelling(reading);
}
