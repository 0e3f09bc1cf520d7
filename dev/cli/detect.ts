/**
 * `npm run -s detect -- FILE...`: one JSON line per file with the numbers found in it, for clerks
 * and scripts working on saved e-mails, pages, PDFs (with their embedded e-invoices), text
 * renderings of PDFs and XML e-invoices.
 * Shape (stable, read by outside checks):
 *   {"file", "detections": [{"kind","number","key","confidence","vendor"?,"total"?,"issueDate"?,"poKeys"?}]}
 * or {"file", "error"} for a file that cannot be read; the command goes on with the next file.
 * Findings below the report threshold (seller-side order numbers kept as evidence) are left out
 * unless `--all` is given.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPdf, readAttachment } from '@/lib/attachments/read';
import { type DetectOptions, detect, REPORT_THRESHOLD } from '@/lib/detect/index';
import type { TextBlock } from '@/lib/detect/types';
import { looksLikeXml } from '@/lib/detect/xml';
import type { Detection } from '@/lib/model/detection';
import { blocksFromEml } from '@/lib/page/eml';
import { blocksFromHtml } from '@/lib/page/html-blocks';
import { nodePdfEngine } from './pdf-node';

export interface CliDetection {
  kind: Detection['kind'];
  number: string;
  key: string;
  confidence: number;
  vendor?: string;
  total?: { minor: number; currency: string };
  issueDate?: string;
  poKeys?: string[];
}

/** What the detector read in a file, and what it found there. */
export interface FileReading {
  /** The text read (a PDF's laid-out pages; the file itself otherwise), for checks on what was printed. */
  text: string;
  found: Detection[];
}

/**
 * A file read by its content and extension. PDFs and XML go through the extension's attachment
 * reader (lib/attachments/read.ts) with pdf.js for Node; e-mails and pages through their adapters;
 * anything else is a text rendering that keeps its layout (pdftotext -layout).
 */
export async function readForDetection(path: string, options: DetectOptions = {}): Promise<FileReading> {
  const ext = extname(path).toLowerCase();
  const raw = new Uint8Array(await readFile(path));
  if (ext === '.eml') {
    const blocks = await blocksFromEml(raw);
    return { text: blocks.map((b) => b.text).join('\n'), found: detect(blocks, options) };
  }
  const text = new TextDecoder().decode(raw);
  if (ext === '.pdf' || ext === '.xml' || isPdf(raw) || looksLikeXml(text)) {
    const reading = await readAttachment({ name: basename(path), bytes: raw }, { readPdf: await nodePdfEngine() });
    return { text: reading.text, found: reading.detections };
  }
  const blocks: TextBlock[] =
    ext === '.html' || ext === '.htm' || ext === '.xhtml'
      ? blocksFromHtml(text)
      : [{ text, role: 'text', layout: true }];
  return { text, found: detect(blocks, options) };
}

/** Detections for a file, one per kind and key (the most confident sighting), in page order. */
export async function detectFile(path: string, options: DetectOptions = {}, all = false): Promise<CliDetection[]> {
  return cliDetections((await readForDetection(path, options)).found, all);
}

/** The CLI's shape of what was found: reported findings only (unless `all`), one per kind and key. */
export function cliDetections(found: Detection[], all = false): CliDetection[] {
  const byKey = new Map<string, Detection>();
  for (const d of found) {
    if (!all && d.confidence < REPORT_THRESHOLD) continue;
    const k = `${d.kind}:${d.key}`;
    const seen = byKey.get(k);
    if (!seen || d.confidence > seen.confidence) byKey.set(k, d);
  }
  return [...byKey.values()].map((d) => {
    const out: CliDetection = { kind: d.kind, number: d.number, key: d.key, confidence: round(d.confidence) };
    if (d.vendor) out.vendor = d.vendor;
    if (d.total) out.total = { minor: d.total.minor, currency: d.total.currency };
    if (d.issueDate) out.issueDate = d.issueDate;
    if (d.poKeys && d.poKeys.length > 0) out.poKeys = d.poKeys;
    return out;
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function main(argv: string[]): Promise<number> {
  const all = argv.includes('--all');
  const files = argv.filter((a) => a !== '--all' && a !== '--');
  if (files.length === 0) {
    process.stderr.write('usage: npm run -s detect -- [--all] FILE...\n');
    return 2;
  }
  for (const file of files) {
    try {
      const detections = await detectFile(file, {}, all);
      process.stdout.write(`${JSON.stringify({ file, detections })}\n`);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      process.stdout.write(`${JSON.stringify({ file, error })}\n`);
    }
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
