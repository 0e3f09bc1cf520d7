/**
 * The PDF engine over pdf.js: the laid-out text of each page and the embedded files, with pdf.js
 * told to run nothing from the file (no eval of font programs, no XFA, no scripting: pdf.js's
 * library never runs a PDF's JavaScript; that needs its viewer's sandbox, which is not bundled).
 * The pdf.js module is handed in, loaded as the context allows (Node: the legacy build with its
 * worker in the same thread; the extension: the modern build with its bundled worker).
 */
import { AttachmentError } from './errors';
import { layoutPage, type TextItemLike } from './pdf-layout';
import type { PdfContent, PdfEngine, Progress } from './read';

/** Pages read from one PDF; an invoice is a few pages, and a 2,000-page report is not one. */
export const MAX_PAGES = 100;

/** The part of pdf.js's API this engine uses (pdfjs-dist's `getDocument`). */
export interface PdfJs {
  getDocument(params: Record<string, unknown>): {
    promise: Promise<PdfDocumentLike>;
    destroy(): Promise<void>;
  };
}

interface PdfDocumentLike {
  numPages: number;
  getPage(n: number): Promise<{
    getViewport(o: { scale: number }): { transform: number[] };
    getTextContent(): Promise<{ items: Array<TextItemLike | { type: string }> }>;
    cleanup(): void;
  }>;
  getAttachments(): Promise<Record<string, { filename?: string; rawFilename?: string; content?: Uint8Array }> | null>;
  destroy(): Promise<void>;
}

function sentenceFor(name: string | undefined, message: string): string {
  if (name === 'PasswordException') {
    return 'This PDF is protected by a password; Tieout does not open protected files. Nothing was stored.';
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || /Invalid PDF|Invalid XRef|startxref/i.test(message)) {
    return 'This file is damaged or not a complete PDF, so it could not be read. Nothing was stored.';
  }
  return `This PDF could not be read (${message.slice(0, 200)}). Nothing was stored.`;
}

export function createPdfEngine(
  pdfjs: PdfJs,
  assets: { cMapUrl?: string; standardFontDataUrl?: string } = {},
): PdfEngine {
  return async (bytes: Uint8Array, onProgress?: Progress): Promise<PdfContent> => {
    // pdf.js takes ownership of the buffer it is given: hand it a copy, the caller keeps its bytes.
    const task = pdfjs.getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      enableXfa: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      ...(assets.cMapUrl ? { cMapUrl: assets.cMapUrl, cMapPacked: true } : {}),
      ...(assets.standardFontDataUrl ? { standardFontDataUrl: assets.standardFontDataUrl } : {}),
    });
    let doc: PdfDocumentLike;
    try {
      doc = await task.promise;
    } catch (e) {
      await task.destroy().catch(() => undefined);
      const err = e as { name?: string; message?: string };
      throw new AttachmentError(sentenceFor(err?.name, String(err?.message ?? e)));
    }
    try {
      const pageCount = doc.numPages;
      const last = Math.min(pageCount, MAX_PAGES);
      const pages: string[] = [];
      for (let n = 1; n <= last; n++) {
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const items = content.items.filter((i): i is TextItemLike => 'str' in i);
        pages.push(layoutPage(items, viewport.transform));
        page.cleanup();
        onProgress?.(n, last);
      }
      const raw = (await doc.getAttachments()) ?? {};
      const attachments = Object.values(raw)
        .filter((a) => a.content instanceof Uint8Array)
        .map((a) => ({ name: a.filename ?? a.rawFilename ?? 'attachment', bytes: a.content as Uint8Array }));
      return { pages, pageCount, attachments };
    } catch (e) {
      if (e instanceof AttachmentError) throw e;
      const err = e as { name?: string; message?: string };
      throw new AttachmentError(sentenceFor(err?.name, String(err?.message ?? e)));
    } finally {
      await doc.destroy().catch(() => undefined);
    }
  };
}
