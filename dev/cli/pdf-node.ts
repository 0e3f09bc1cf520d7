/**
 * pdf.js for Node: the legacy build, whose worker runs in the same thread ("fake worker"), with the
 * CMaps and standard fonts read from the installed package. The engine on top is the extension's
 * (lib/attachments/pdf.ts), so the CLI and the eval read PDFs as the extension does.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createPdfEngine, type PdfJs } from '@/lib/attachments/pdf';
import type { PdfEngine } from '@/lib/attachments/read';

let engine: Promise<PdfEngine> | undefined;

export function nodePdfEngine(): Promise<PdfEngine> {
  engine ??= (async () => {
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return createPdfEngine(pdfjs, {
      cMapUrl: `${join(root, 'cmaps')}/`,
      standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
    });
  })();
  return engine;
}
