/**
 * PDF reading speed (issue 17): pages per second of text extraction, in Node and in the extension,
 * against poppler's `pdftotext -layout` on the same files in the same run (when it is installed),
 * and the time from a click on "Read" to the number's status for a 3-page Factur-X invoice.
 *
 * Files: 3-page invoices made here with pdf-lib (dense tables, with a factur-x.xml attached), plus
 * every corpus PDF found in TIEOUT_CORPUS (default ../shared/corpus beside the repository).
 * - Node, extraction: lib/attachments/pdf.ts over pdf.js's legacy build (text laid out per page).
 * - Node, reading: lib/attachments/read.ts (extraction + detector + embedded XML), the CLI's path.
 * - Extension, reading: the reader page of the built extension (Chrome's offscreen document),
 *   asked by an extension page as the background asks it; includes the loopback download.
 * Each figure is the best of RUNS passes. BENCH_QUICK=1 uses fewer files.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodePdfEngine } from '@/dev/cli/pdf-node';
import { readAttachment } from '@/lib/attachments/read';
import { EXTENSION_DIR, launchExtension, ROOT, waitFor } from '@/tests/e2e/harness';
import { makePdf } from '@/tests/fixtures/einvoice/make-pdf';
import { CII_D16B } from '@/tests/fixtures/einvoice/samples';

/** The Chrome APIs used inside the browser (page.evaluate runs these there, not in Node). */
declare const chrome: {
  offscreen: {
    createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: { getURL(path: string): string; sendMessage(m: unknown): Promise<unknown> };
};

const QUICK = process.env.BENCH_QUICK === '1';
const GENERATED = QUICK ? 4 : 20;
const RUNS = QUICK ? 2 : 3;
const CORPUS = process.env.TIEOUT_CORPUS ?? resolve(ROOT, '../shared/corpus');

if (process.env.TIEOUT_SKIP_BUILD !== '1' || !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  execSync('npm run -s build:e2e', { cwd: ROOT, stdio: 'inherit' });
}

/** A dense invoice page: header, 40 item rows in five columns, totals. */
function densePage(n: number, page: number): Array<[number, number, string]> {
  const runs: Array<[number, number, string]> = [
    [50, 800, 'Lumière Électrique SARL · 12 rue des Lampes · 69002 Lyon'],
    [50, 780, `Facture n° FX-2025-${n}   page ${page} / 3`],
  ];
  for (let i = 0; i < 40; i++) {
    const y = 740 - i * 16;
    runs.push([50, y, `ART-${n}-${page}-${i}`], [160, y, `Article de test numéro ${i}`], [360, y, String(i + 1)]);
    runs.push([420, y, `${(i * 3.7).toFixed(2)}`], [500, y, `${(i * (i + 1) * 3.7).toFixed(2)}`]);
  }
  runs.push([400, 60, 'Total TTC'], [500, 60, '148,15 EUR']);
  return runs;
}

/** The generated files live here for pdftotext, which reads paths; removed when the bench ends. */
const scratch = await mkdtemp(join(tmpdir(), 'tieout-pdf-bench-'));

async function files(): Promise<Array<{ name: string; bytes: Uint8Array; path: string }>> {
  const out: Array<{ name: string; bytes: Uint8Array; path: string }> = [];
  const dir = scratch;
  for (let n = 0; n < GENERATED; n++) {
    const bytes = await makePdf({
      pages: [densePage(n, 1), densePage(n, 2), densePage(n, 3)],
      attachments: [{ name: 'factur-x.xml', bytes: CII_D16B }],
    });
    const path = join(dir, `generated-${n}.pdf`);
    await writeFile(path, bytes);
    out.push({ name: `generated-${n}.pdf`, bytes, path });
  }
  if (existsSync(CORPUS)) {
    for (const folder of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const sub = join(CORPUS, folder.name);
      for (const f of readdirSync(sub).filter((x) => x.endsWith('.pdf'))) {
        const path = join(sub, f);
        out.push({ name: f, bytes: new Uint8Array(readFileSync(path)), path });
      }
    }
  }
  return out;
}

async function best(run: () => Promise<void>): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const all = await files();
const engine = await nodePdfEngine();
let pages = 0;
for (const f of all) pages += (await engine(f.bytes)).pageCount;
console.log(
  `${all.length} PDFs, ${pages} pages (${GENERATED} generated 3-page Factur-X, ${all.length - GENERATED} from the corpus)`,
);

const extractMs = await best(async () => {
  for (const f of all) await engine(f.bytes);
});
const readMs = await best(async () => {
  for (const f of all) await readAttachment({ name: f.name, bytes: f.bytes }, { readPdf: engine });
});
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
const popplerMs = hasPdftotext
  ? await best(async () => {
      for (const f of all) spawnSync('pdftotext', ['-layout', f.path, '-'], { maxBuffer: 64 * 1024 * 1024 });
    })
  : Number.NaN;

// The extension: its reader page, asked by an extension page as the background asks it.
const byName = new Map(all.map((f) => [f.name, f]));
const server = createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
  const f = byName.get(name);
  if (name === 'mail.html') {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        '<h2>Facture FX-2025-0</h2><p>Veuillez trouver ci-joint la facture FX-2025-118.</p><a href="/generated-0.pdf">generated-0.pdf</a>',
      );
  } else if (f) res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(f.bytes));
  else res.writeHead(404).end();
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const ext = await launchExtension();
let extMs = Number.NaN;
const clicks: number[] = [];
try {
  const page = await ext.openPopup();
  // Open the reader as the background does, then time reads through it.
  await (await ext.worker()).evaluate(async () => {
    await chrome.offscreen.createDocument({
      url: chrome.runtime.getURL('/reader.html'),
      reasons: ['WORKERS'],
      justification: 'bench',
    });
  });
  const urls = all.map((f) => `${base}/${encodeURIComponent(f.name)}`);
  extMs = await best(async () => {
    const failed = await page.evaluate(async (list) => {
      let bad = 0;
      for (const [i, url] of list.entries()) {
        const reply = (await chrome.runtime.sendMessage({ type: 'reader.read', id: `b${i}`, url })) as { ok: boolean };
        if (!reply?.ok) bad++;
      }
      return bad;
    }, urls);
    if (failed) console.log(`  (${failed} files refused in the extension)`);
  });
  await (await ext.worker()).evaluate(() => chrome.offscreen.closeDocument());

  // Click to status: a mail page with the 3-page Factur-X attached; cold (reader closed) then warm.
  expectOk(await ext.enableSite(base));
  for (let i = 0; i < (QUICK ? 2 : 4); i++) {
    const mail = await ext.context.newPage();
    await mail.goto(`${base}/mail.html`);
    const button = mail.locator('tieout-read button');
    await waitFor(async () => ((await button.count()) > 0 ? true : undefined), 20_000);
    const t = performance.now();
    await button.click();
    await waitFor(
      async () => (/^Invoice FX-2025-118 /.test((await button.textContent()) ?? '') ? true : undefined),
      30_000,
      10,
    );
    clicks.push(performance.now() - t);
    await mail.close();
  }
} finally {
  await ext.close();
  server.close();
  await rm(scratch, { recursive: true, force: true });
}

function expectOk(reply: unknown): void {
  if (!(reply as { ok?: boolean })?.ok) throw new Error(`enabling the bench site failed: ${JSON.stringify(reply)}`);
}

const rate = (ms: number) => (pages / (ms / 1000)).toFixed(1).padStart(7);
console.log(`Node, text extraction (pdf.js + layout)   ${rate(extractMs)} pages/s`);
console.log(`Node, full reading (+ detector, XML)      ${rate(readMs)} pages/s`);
console.log(`Extension, full reading (reader page)     ${rate(extMs)} pages/s`);
if (hasPdftotext) {
  console.log(`pdftotext -layout (poppler, per process)  ${rate(popplerMs)} pages/s`);
  console.log(`ratio Node extraction / pdftotext          ${(popplerMs / extractMs).toFixed(2)}`);
  console.log(`ratio extension reading / pdftotext        ${(popplerMs / extMs).toFixed(2)}`);
} else console.log('pdftotext not installed: no reference figure');
console.log(
  `click → status, 3-page Factur-X: cold ${clicks[0]?.toFixed(0)} ms, warm ${clicks
    .slice(1)
    .map((c) => c.toFixed(0))
    .join(' / ')} ms`,
);
