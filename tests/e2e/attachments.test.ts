/**
 * Invoices inside attachments, in the built extension: a webmail message with a PDF attachment
 * link and a supplier portal with an XML "Download invoice" link get a Read action; a click reads
 * the file in the reader page (offscreen document), stores the invoice with its PO and lines, and
 * the hover card of that number on the page shows its status; a Factur-X PDF dropped on the popup
 * is read there. Files are made at test time (pdf-lib) and served from loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAMAGED_PDF,
  encryptedPdf,
  UBL_WITH_DOCTYPE,
  XML_BOMB,
  XML_EXTERNAL_ENTITY,
} from '@/tests/fixtures/einvoice/hostile';
import { invoicePage, makePdf } from '@/tests/fixtures/einvoice/make-pdf';
import { CII_D16B, UBL21 } from '@/tests/fixtures/einvoice/samples';
import { type ExtensionSession, launchExtension, readLedgerTable, waitFor } from './harness';

type Doc = Record<string, unknown>;

const MAIL = `<!doctype html><html lang="fr"><head><title>Facture FX-2025-118 – Lumière Électrique</title></head>
<body><main>
  <h2>Facture FX-2025-118</h2>
  <p>Bonjour, veuillez trouver ci-joint notre facture FX-2025-118.</p>
  <ul class="attachments"><li><a href="/files/FX-2025-118.pdf">FX-2025-118.pdf</a> (12 KB)</li></ul>
</main></body></html>`;

const PORTAL = `<!doctype html><html lang="en"><head><title>Supplier portal – invoices</title></head>
<body><h1>Invoices</h1>
<table><thead><tr><th>Invoice</th><th>Date</th><th></th></tr></thead>
<tbody><tr><td>VF-2291</td><td>2025-02-03</td><td><a href="/download?doc=7">Download invoice</a></td></tr></tbody></table>
</body></html>`;

/** Attachments that must each be refused with a sentence, and the sentence's gist. */
const HOSTILE: Array<{ name: string; type: string; says: RegExp }> = [
  { name: 'locked.pdf', type: 'application/pdf', says: /protected by a password/ },
  { name: 'damaged.pdf', type: 'application/pdf', says: /damaged or not a complete PDF/ },
  { name: 'huge.pdf', type: 'application/pdf', says: /huge\.pdf is larger than \d+ MB/ },
  { name: 'bomb.xml', type: 'application/xml', says: /bomb\.xml: .*document type/ },
  { name: 'xxe.xml', type: 'application/xml', says: /xxe\.xml: .*document type/ },
  { name: 'ubl-dtd.xml', type: 'application/xml', says: /ubl-dtd\.xml: .*document type/ },
];

const HOSTILE_MAIL = `<!doctype html><html lang="en"><head><title>Documents from a stranger</title></head>
<body><main><h2>Documents</h2><p>Please see the attached files.</p>
  <ul class="attachments">${[...HOSTILE.map((h) => h.name), 'script.pdf']
    .map((n) => `<li><a href="/files/${n}">${n}</a></li>`)
    .join('')}</ul>
</main></body></html>`;

/** 200 MB of a "PDF" sent in chunks with no length announced: only the reader's own limit stops it. */
function streamHuge(res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/pdf' });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let sent = 0;
  const more = () => {
    while (sent < 200 && !res.destroyed) {
      sent++;
      const body = sent === 1 ? Buffer.concat([Buffer.from('%PDF-1.7\n'), chunk]) : chunk;
      if (!res.write(body)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  more();
}

function rangeCentre(page: Page, text: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate((wanted) => {
    for (const [, h] of CSS.highlights) {
      for (const r of h) {
        if (r.toString() === wanted && r instanceof Range) {
          const rect = r.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
    }
    return undefined;
  }, text);
}

describe('reading attachments', () => {
  let ext: ExtensionSession;
  let server: Server;
  let base = '';
  let facturx: Uint8Array;
  let hostile: Map<string, Uint8Array | string>;

  beforeAll(async () => {
    facturx = await makePdf({
      pages: [invoicePage('FX-2025-118', '148,15')],
      attachments: [{ name: 'factur-x.xml', bytes: CII_D16B }],
    });
    hostile = new Map<string, Uint8Array | string>([
      ['locked.pdf', encryptedPdf()],
      ['damaged.pdf', DAMAGED_PDF],
      ['bomb.xml', XML_BOMB],
      ['xxe.xml', XML_EXTERNAL_ENTITY],
      ['ubl-dtd.xml', UBL_WITH_DOCTYPE],
      [
        'script.pdf',
        await makePdf({
          pages: [invoicePage('FA-7781', '148,15')],
          javascript: 'app.alert("x"); this.submitForm("http://127.0.0.1:9/");',
        }),
      ],
    ]);
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const file = path.startsWith('/files/') ? path.slice('/files/'.length) : '';
      if (file === 'huge.pdf') streamHuge(res);
      else if (hostile.has(file)) {
        const type = file.endsWith('.xml') ? 'application/xml' : 'application/pdf';
        res.writeHead(200, { 'content-type': type }).end(Buffer.from(hostile.get(file) as Uint8Array | string));
      } else if (path === '/hostile.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOSTILE_MAIL);
      } else if (path === '/mail.html' || path === '/portal.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(path === '/mail.html' ? MAIL : PORTAL);
      } else if (path === '/files/FX-2025-118.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(facturx));
      } else if (path === '/download') {
        res
          .writeHead(200, {
            'content-type': 'application/xml',
            'content-disposition': 'attachment; filename="VF-2291.xml"',
          })
          .end(UBL21);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ext = await launchExtension();
    expect(await ext.enableSite(base)).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    await ext?.close();
    await new Promise((ok) => server?.close(ok));
  });

  async function ledgerDoc(ready: (d: Doc) => boolean): Promise<Doc | undefined> {
    const popup = await ext.openPopup();
    try {
      return await waitFor(async () => (await readLedgerTable(popup, 'documents')).find(ready), 20_000, 200);
    } finally {
      await popup.close();
    }
  }

  it('an e-mail with a PDF attachment: Read stores the Factur-X invoice with its PO and lines, and the hover card shows it', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/mail.html`);
    const read = page.locator('tieout-read button', { hasText: 'Read' });
    await expect.poll(() => read.count(), { timeout: 20_000 }).toBe(1);
    expect(await read.getAttribute('aria-label')).toBe('Read FX-2025-118.pdf with Tieout');
    await read.click();
    await expect
      .poll(() => page.locator('tieout-read button').textContent(), { timeout: 30_000 })
      .toMatch(/^Invoice FX-2025-118 (has an exception|recorded|tied out)$/);

    const invoice = await ledgerDoc((d) => d.key === 'FX2025118' && d.kind === 'invoice');
    expect(invoice).toMatchObject({
      number: 'FX-2025-118',
      vendor: 'Lumière Électrique SARL',
      total: { minor: 14815, currency: 'EUR' },
      poKeys: ['BC20250071'],
    });
    expect(invoice?.lines).toEqual([expect.objectContaining({ sku: 'CAB-3', quantity: 10, poLine: '2' })]);
    const sightings = invoice?.sightings as Array<{ via: string; file?: string; url: string }>;
    expect(sightings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ via: 'pdf', file: 'FX-2025-118.pdf', url: `${base}/mail.html` }),
      ]),
    );

    // The number in the message: its hover card shows what the PDF said and its match status.
    const at = await waitFor(() => rangeCentre(page, 'FX-2025-118'), 20_000);
    await page.mouse.move(at!.x, at!.y);
    const card = page.locator('[data-testid="tieout-card"]');
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => card.locator('[data-field="vendor"]').textContent()).toBe('Lumière Électrique SARL');
    // The PO it quotes is not in the ledger, and no PO was imported yet: the card says so in words,
    // naming the PO (the one status function's "PO not on file", not an exception).
    await expect
      .poll(() => card.locator('[data-field="status"]').textContent())
      .toMatch(/PO (BC-2025-0071|BC20250071) not on file/);
    await page.close();
  });

  it('a portal page with an XML download: Read stores the UBL invoice with the file name from the download', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/portal.html`);
    const read = page.locator('tieout-read button');
    await expect.poll(() => read.count(), { timeout: 20_000 }).toBe(1);
    await read.click();
    await expect.poll(() => read.textContent(), { timeout: 30_000 }).toMatch(/^Invoice VF-2291 /);
    const invoice = await ledgerDoc((d) => d.key === 'VF2291');
    expect(invoice).toMatchObject({ poKeys: ['4500017731'], total: { minor: 100000, currency: 'EUR' } });
    expect(invoice?.lines).toHaveLength(2);
    // The portal's own row was read from the page too; the file's reading is a sighting of its own.
    expect(invoice?.sightings).toEqual(
      expect.arrayContaining([expect.objectContaining({ via: 'xml', file: 'VF-2291.xml', confidence: 1 })]),
    );
    await page.close();
  });

  it('a Factur-X PDF dropped on the popup is read there and opens in the record view', async () => {
    const popup = await ext.openPopup();
    await popup.locator('[data-testid="file-drop"]').waitFor();
    const other = await makePdf({
      pages: [invoicePage('FX-2025-118', '150,00')],
      attachments: [{ name: 'factur-x.xml', bytes: CII_D16B.replaceAll('FX-2025-118', 'FX-2025-200') }],
    });
    await popup.evaluate(
      ([b64, name]) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], name, { type: 'application/pdf' }));
        const zone = document.querySelector('[data-testid="file-drop"]') as Element;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      [Buffer.from(other).toString('base64'), 'FX-2025-200.pdf'] as const,
    );
    await expect
      .poll(() => popup.locator('[data-testid="file-result"]').textContent(), { timeout: 30_000 })
      .toMatch(/^Invoice FX-2025-200 .*from factur-x\.xml/);
    const docs = await readLedgerTable(popup, 'documents');
    const invoice = docs.find((d) => d.key === 'FX2025200');
    expect(invoice).toMatchObject({ total: { minor: 14815, currency: 'EUR' } });
    // The printed page says FX-2025-118 and 150,00: both kept beside the XML's values.
    expect(((invoice?.conflicts ?? []) as Array<{ field: string }>).map((c) => c.field).sort()).toEqual([
      'number',
      'total',
    ]);
    expect(((invoice?.sightings ?? []) as Array<{ via: string; file?: string }>)[0]).toMatchObject({
      via: 'pdf',
      file: 'FX-2025-200.pdf',
    });
    await popup.close();
  });

  it('a refused file stores nothing and the extension goes on reading', async () => {
    const popup = await ext.openPopup();
    await popup.locator('[data-testid="file-drop"]').waitFor();
    const before = (await readLedgerTable(popup, 'documents')).length;
    await popup.evaluate(() => {
      const data = new DataTransfer();
      const bomb = '<!DOCTYPE a [<!ENTITY a "aaaa">]><Invoice><ID>&a;</ID></Invoice>';
      data.items.add(new File([bomb], 'bomb.xml', { type: 'application/xml' }));
      const zone = document.querySelector('[data-testid="file-drop"]') as Element;
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect
      .poll(() => popup.locator('[data-testid="file-error"]').textContent(), { timeout: 20_000 })
      .toMatch(/bomb\.xml: .*document type.*Nothing was stored\./);
    expect((await readLedgerTable(popup, 'documents')).length).toBe(before);
    expect(await ext.send({ type: 'ping' })).toMatchObject({ ok: true, data: 'pong' });
    await popup.close();
  });

  it('hostile attachments read from a page are each refused with a sentence, store nothing, and reading goes on', async () => {
    const popup = await ext.openPopup();
    const before = JSON.stringify(await readLedgerTable(popup, 'documents'));
    await popup.close();
    const page = await ext.context.newPage();
    await page.goto(`${base}/hostile.html`);
    await expect.poll(() => page.locator('tieout-read button').count(), { timeout: 20_000 }).toBe(HOSTILE.length + 1);
    for (const h of HOSTILE) {
      const button = page.locator(`tieout-read button[aria-label="Read ${h.name} with Tieout"]`);
      await button.click();
      await expect.poll(() => button.getAttribute('data-state'), { timeout: 30_000 }).toBe('error');
      const said = (await button.textContent()) ?? '';
      expect(said).toMatch(h.says);
      expect(said).toMatch(/Nothing was stored\.$/);
    }
    const check = await ext.openPopup();
    expect(JSON.stringify(await readLedgerTable(check, 'documents'))).toBe(before);
    await check.close();
    // The same reader then reads a PDF carrying a script: its text only, the script never runs.
    const script = page.locator('tieout-read button[aria-label="Read script.pdf with Tieout"]');
    await script.click();
    await expect.poll(() => script.textContent(), { timeout: 30_000 }).toMatch(/^Invoice FA-7781 /);
    expect(await ledgerDoc((d) => d.key === 'FA7781')).toMatchObject({ number: 'FA-7781' });
    await page.close();
  });
});
