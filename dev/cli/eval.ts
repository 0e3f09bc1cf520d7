/**
 * `npm run eval -- DIR [--text]`: scores the detector against a folder of documents with `NAME.truth.json`
 * files (schema in the shared corpus README). Prints a table for people, then, as its last line,
 * one JSON object for scripts: {"invoice_number": {"precision", "recall", "n"}, "po_number": …}. Given a root
 * of several folders it scores each folder (its table, its figures and its JSON line), then prints a
 * per-folder summary and the figures of all documents pooled, whose JSON is then the last line.
 *
 * Per document the detector's reported findings (confidence ≥ the report threshold, as the CLI
 * prints them) are compared with the truth:
 * - invoice number / PO: every distinct number reported is a hit or a false positive; recall counts
 *   documents whose number was found (PO recall only where the PO is printed in the input).
 * - vendor: lenient (case, spacing, legal forms ignored; token overlap); skipped when the truth
 *   vendor's words are not in the input at all (printed only inside an image).
 * - total (numeric equality), currency (code), issue date (ISO): the values given with the
 *   document's main number.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { numberKey, vendorKey } from '@/lib/model/keys';
import { decimalString } from '@/lib/model/money';
import { type CliDetection, cliDetections, readForDetection } from './detect';

const TruthSchema = z.object({
  kind: z.enum(['invoice', 'credit_note']).optional(),
  invoice_number: z.string(),
  po_number: z.string().nullable(),
  buyer_reference: z.string().nullable().optional(),
  other_refs: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  vendor: z.string().nullable(),
  total: z.string().nullable(),
  currency: z.string().nullable(),
  issue_date: z.string().nullable(),
  po_visible_in_text: z.boolean().nullable().optional(),
});
type Truth = z.infer<typeof TruthSchema>;

interface Score {
  tp: number;
  fp: number;
  /** documents where the truth has a value to find */
  n: number;
  found: number;
}

const FIELDS = ['invoice_number', 'po_number', 'vendor', 'total', 'currency', 'issue_date'] as const;
type Field = (typeof FIELDS)[number];

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function vendorMatches(found: string, truth: string): boolean {
  const a = vendorKey(found);
  const b = vendorKey(truth);
  if (!a || !b) return false;
  if (a === b || a.includes(b) || b.includes(a)) return true;
  const ta = new Set(a.split(' '));
  const tb = b.split(' ');
  const common = tb.filter((t) => ta.has(t)).length;
  return common / Math.max(ta.size, tb.length) >= 0.5;
}

function numericEqual(a: string, b: string): boolean {
  return Number(a) === Number(b);
}

/**
 * Which file of a document is read: the PDF itself where there is one (through pdf.js, as the
 * extension reads it), else its text rendering, XML, page or e-mail. `text` prefers the `.txt`
 * rendering (poppler's) over the PDF, to compare the two readings.
 */
const INPUT_EXTS = ['.pdf', '.txt', '.xml', '.html', '.htm', '.eml'];
const TEXT_FIRST = ['.txt', '.pdf', '.xml', '.html', '.htm', '.eml'];

async function inputFor(
  dir: string,
  name: string,
  files: Set<string>,
  textFirst: boolean,
): Promise<string | undefined> {
  for (const ext of textFirst ? TEXT_FIRST : INPUT_EXTS) if (files.has(name + ext)) return join(dir, name + ext);
  return undefined;
}

export async function evaluate(
  dir: string,
  options: { textFirst?: boolean } = {},
): Promise<{ rows: string[][]; scores: Record<Field, Score> }> {
  const entries = await readdir(dir);
  const files = new Set(entries);
  const scores = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, n: 0, found: 0 }])) as Record<Field, Score>;
  const rows: string[][] = [];
  for (const t of entries.filter((e) => e.endsWith('.truth.json')).sort()) {
    const name = t.slice(0, -'.truth.json'.length);
    const truth = TruthSchema.parse(JSON.parse(await readFile(join(dir, t), 'utf8')));
    const input = await inputFor(dir, name, files, options.textFirst ?? false);
    if (!input) continue;
    let text = '';
    let found: CliDetection[] = [];
    try {
      const reading = await readForDetection(input);
      text = reading.text;
      found = cliDetections(reading.found);
    } catch {
      found = [];
    }
    rows.push([name, ...scoreDocument(truth, found, text, scores)]);
  }
  return { rows, scores };
}

function scoreDocument(truth: Truth, found: CliDetection[], text: string, s: Record<Field, Score>): string[] {
  const marks: string[] = [];
  // invoice numbers
  const invoices = [
    ...new Map(found.filter((d) => d.kind === 'invoice' || d.kind === 'credit_note').map((d) => [d.key, d])).values(),
  ];
  s.invoice_number.n++;
  let hit = false;
  for (const d of invoices) {
    if (same(d.number, truth.invoice_number) || d.key === numberKey(truth.invoice_number)) {
      if (!hit) s.invoice_number.tp++;
      else s.invoice_number.fp++;
      hit = true;
    } else s.invoice_number.fp++;
  }
  if (hit) s.invoice_number.found++;
  marks.push(hit ? 'ok' : invoices.length ? `✗ ${invoices.map((d) => d.number).join(',')}` : '—');
  // purchase orders
  const pos = [...new Map(found.filter((d) => d.kind === 'po').map((d) => [d.key, d])).values()];
  let poHit = false;
  if (truth.po_number && truth.po_visible_in_text) s.po_number.n++;
  for (const d of pos) {
    if (truth.po_number && (same(d.number, truth.po_number) || d.key === numberKey(truth.po_number))) {
      if (!poHit) s.po_number.tp++;
      else s.po_number.fp++;
      poHit = true;
    } else s.po_number.fp++;
  }
  if (poHit && truth.po_visible_in_text) s.po_number.found++;
  marks.push(truth.po_number ? (poHit ? 'ok' : '—') : pos.length ? `✗ ${pos.map((d) => d.number).join(',')}` : '');
  // the document's fields come with its main number
  const main = invoices.find((d) => same(d.number, truth.invoice_number)) ?? invoices[0] ?? found[0];
  // vendor
  const vendorInText = truth.vendor ? vendorTokensInText(truth.vendor, text) : false;
  if (truth.vendor && vendorInText) s.vendor.n++;
  if (main?.vendor && (vendorInText || !truth.vendor)) {
    if (truth.vendor && vendorMatches(main.vendor, truth.vendor)) {
      s.vendor.tp++;
      s.vendor.found++;
      marks.push('ok');
    } else {
      s.vendor.fp++;
      marks.push(`✗ ${main.vendor}`);
    }
  } else marks.push(truth.vendor && vendorInText ? '—' : '');
  // total
  if (truth.total) s.total.n++;
  if (main?.total) {
    const dec = decimalString(main.total);
    if (truth.total && numericEqual(dec, truth.total)) {
      s.total.tp++;
      s.total.found++;
      marks.push('ok');
    } else {
      s.total.fp++;
      marks.push(`✗ ${dec}`);
    }
  } else marks.push(truth.total ? '—' : '');
  // currency
  if (truth.currency) s.currency.n++;
  const currency = main?.total?.currency;
  if (currency) {
    if (truth.currency && currency === truth.currency) {
      s.currency.tp++;
      s.currency.found++;
      marks.push('ok');
    } else {
      s.currency.fp++;
      marks.push(`✗ ${currency}`);
    }
  } else marks.push(truth.currency ? '—' : '');
  // issue date
  if (truth.issue_date) s.issue_date.n++;
  if (main?.issueDate) {
    if (truth.issue_date && main.issueDate === truth.issue_date) {
      s.issue_date.tp++;
      s.issue_date.found++;
      marks.push('ok');
    } else {
      s.issue_date.fp++;
      marks.push(`✗ ${main.issueDate}`);
    }
  } else marks.push(truth.issue_date ? '—' : '');
  return marks;
}

function vendorTokensInText(vendor: string, text: string): boolean {
  const words = vendorKey(vendor)
    .split(' ')
    .filter((w) => w.length >= 3);
  const hay = vendorKey(text.slice(0, 500_000));
  return words.length > 0 && words.every((w) => hay.includes(w));
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : Math.round((a / b) * 1000) / 1000;
}

function summary(scores: Record<Field, Score>): Record<Field, { precision: number; recall: number; n: number }> {
  return Object.fromEntries(
    FIELDS.map((f) => {
      const s = scores[f];
      return [f, { precision: ratio(s.tp, s.tp + s.fp), recall: ratio(s.found, s.n), n: s.n }];
    }),
  ) as Record<Field, { precision: number; recall: number; n: number }>;
}

function table(rows: string[][]): string {
  const head = ['document', 'invoice no.', 'PO', 'vendor', 'total', 'currency', 'issue date'];
  const all = [head, ...rows.map((r) => r.map((c) => (c.length > 28 ? `${c.slice(0, 27)}…` : c)))];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

/**
 * The folders to score: `dir` itself when it holds documents with truth files, else each of its
 * subfolders that does (the corpus root holds one folder per source), so that pointing the command
 * at the root scores every source rather than nothing.
 */
export async function foldersToScore(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.endsWith('.truth.json'))) return [dir];
  const out: string[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const sub = await readdir(join(dir, e.name));
    if (sub.some((f) => f.endsWith('.truth.json'))) out.push(join(dir, e.name));
  }
  return out;
}

function writeFieldLines(sum: ReturnType<typeof summary>): void {
  for (const f of FIELDS) {
    const s = sum[f];
    process.stdout.write(
      `${f.padEnd(15)} precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  n ${s.n}\n`,
    );
  }
}

/** Counts of several folders added up: the overall figures weigh every document once. */
export function pooled(all: Array<Record<Field, Score>>): Record<Field, Score> {
  const out = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, n: 0, found: 0 }])) as Record<Field, Score>;
  for (const s of all)
    for (const f of FIELDS) {
      out[f].tp += s[f].tp;
      out[f].fp += s[f].fp;
      out[f].n += s[f].n;
      out[f].found += s[f].found;
    }
  return out;
}

function folderTable(perFolder: Array<[string, Record<Field, Score>]>): string {
  const rows = perFolder.map(([folder, scores]) => {
    const sum = summary(scores);
    return [
      basename(folder),
      ...FIELDS.map((f) => `${sum[f].precision.toFixed(2)}/${sum[f].recall.toFixed(2)} n${sum[f].n}`),
    ];
  });
  const head = ['folder', 'invoice no.', 'PO', 'vendor', 'total', 'currency', 'issue date'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const textFirst = argv.includes('--text');
  const dir = argv.find((a) => a !== '--' && a !== '--text');
  if (!dir) {
    process.stderr.write('usage: npm run eval -- DIR [--text]\n');
    return 2;
  }
  const folders = await foldersToScore(dir);
  if (folders.length === 0) {
    process.stderr.write(`No NAME.truth.json in ${dir} or in its subfolders: nothing to score.\n`);
    return 1;
  }
  const perFolder: Array<[string, Record<Field, Score>]> = [];
  for (const folder of folders) {
    const { rows, scores } = await evaluate(folder, { textFirst });
    perFolder.push([folder, scores]);
    const sum = summary(scores);
    if (folders.length > 1) process.stdout.write(`== ${folder}\n`);
    process.stdout.write(`${table(rows)}\n\n`);
    writeFieldLines(sum);
    process.stdout.write(`${JSON.stringify(sum)}\n${folders.length > 1 ? '\n' : ''}`);
  }
  if (folders.length > 1) {
    // every folder on one line per field, then the pooled figures; the pooled JSON is the last line
    process.stdout.write(`== per folder (precision/recall)\n${folderTable(perFolder)}\n\n`);
    const total = pooled(perFolder.map(([, s]) => s));
    const sum = summary(total);
    process.stdout.write(`== overall (${folders.length} folders, ${total.invoice_number.n} documents)\n`);
    writeFieldLines(sum);
    process.stdout.write(`${JSON.stringify(sum)}\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
