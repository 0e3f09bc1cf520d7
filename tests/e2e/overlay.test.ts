/**
 * The page overlay in real Chromium over fixture pages that copy the structure of a supplier
 * portal, an ERP single-page app, Gmail, Outlook on the web and a webmail iframe. Highlights are
 * read from `CSS.highlights` in the page; the hover card and field markers from our shadow root.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, readLedgerTable, waitFor } from './harness';
import {
  allHighlightTexts,
  frameEndingWith,
  highlightCounts,
  highlightTexts,
  totalOf as total,
  waitForHighlights,
} from './page-highlights';
import { notEnabled, onFixtureSite, type ServedSite } from './session';

/** The bits of the worker's `chrome` global these tests call. */
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

/** Centre of the first highlighted range whose text is `text`, in page coordinates. */
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

async function tabIdOf(ext: ExtensionSession, url: string): Promise<number | undefined> {
  const worker = await ext.worker();
  return worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    // The newest tab showing that page.
    return tabs.filter((t) => t.url === u).at(-1)?.id;
  }, url);
}

describe('page overlay', () => {
  let ext: ExtensionSession;
  let site: ServedSite;
  let base: string;

  onFixtureSite(async (e, s) => {
    ext = e;
    site = s;
    base = `${site.url}/overlay`;
    const enabled = (await ext.enableSite(site.url)) as { ok: boolean };
    expect(enabled.ok).toBe(true);
    // The ledger knows PO 4500012345 for USD 1,000.00; the Gmail message bills USD 2,400.00 against it.
    const seeded = (await ext.send({
      type: 'page.report',
      page: { url: 'http://erp.example/po/4500012345', title: 'PO 4500012345' },
      via: 'scan',
      detections: [
        {
          kind: 'po',
          number: '4500012345',
          key: '4500012345',
          confidence: 0.9,
          evidence: 'seed',
          span: { block: 0, start: 0, end: 10 },
          vendor: 'Acme Industrial Supply',
          total: { minor: 100000, currency: 'USD' },
        },
      ],
    })) as { ok: boolean };
    expect(seeded.ok).toBe(true);
  });

  it('reads a Gmail-like message rendered late, with the sender as vendor, and re-reads it on navigation', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/gmail.html#inbox/m1`);
    await waitForHighlights(page, 2);
    const texts = await allHighlightTexts(page);
    expect(texts).toEqual(expect.arrayContaining(['INV-88231', '4500012345']));
    const popup = await ext.openPopup();
    const docs = await waitFor(async () => {
      const rows = await readLedgerTable(popup, 'documents');
      return rows.find((d) => d.key === '88231' && d.kind === 'invoice');
    });
    expect(docs).toMatchObject({ vendor: 'Acme Industrial Supply', poKeys: ['4500012345'] });

    // Navigation re-renders the view: the old message's ranges go, the new one's come.
    await page.evaluate(() => {
      location.hash = '#inbox/m2';
    });
    const after = await waitFor(async () => {
      const t = await allHighlightTexts(page);
      return t.includes('55120') ? t : undefined;
    }, 15_000);
    expect(after).toEqual(expect.arrayContaining(['55120', '4500012346']));
    expect(after).not.toContain('INV-88231');
    const globex = await waitFor(async () =>
      (await readLedgerTable(popup, 'documents')).find((d) => d.key === '55120'),
    );
    // A role name ("Accounts") is no vendor: the sender's company domain names it.
    expect(globex?.vendor).toBe('Globex Components');
    await popup.close();
    await page.close();
  });

  it('shows a hover card with number, vendor, open exceptions and actions; Esc dismisses it; the badge counts exceptions', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/gmail.html#inbox/m1`);
    await waitForHighlights(page, 2);
    // The invoice bills more than its PO: an open exception.
    const texts = await waitFor(async () => {
      const t = await highlightTexts(page);
      return t.exception?.includes('INV-88231') ? t : undefined;
    });
    expect(texts?.exception).toContain('INV-88231');
    const at = await rangeCentre(page, 'INV-88231');
    expect(at).toBeDefined();
    await page.mouse.move(at!.x, at!.y);
    const card = page.locator('[data-testid="tieout-card"]');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.locator('[data-field="number"]').textContent()).toBe('Invoice INV-88231');
    // The card leads with the status in words, with the amount: $2,400.00 billed on a $1,000.00 PO.
    await expect.poll(() => card.locator('[data-field="status"]').textContent()).toBe('!Over-billed by $1,400.00');
    await expect.poll(() => card.locator('[data-field="vendor"]').textContent()).toBe('Acme Industrial Supply');
    await expect.poll(() => card.locator('[data-field="exceptions"]').textContent()).toMatch(/4500012345/);
    // Its PO with the balance as a bar, the figures beside it in text.
    await expect.poll(() => card.locator('[data-field="linked"]').textContent()).toMatch(/PO 4500012345/);
    const balance = await card.locator('[data-field="balance"]').textContent();
    expect(balance).toMatch(/Ordered \$1,000\.00/);
    expect(balance).toMatch(/This invoice \$2,400\.00/);
    expect(balance).toMatch(/Over by \$1,400\.00/);
    expect(await card.locator('.bar .seg.over').count()).toBe(1);
    // One primary action that fits (resolve), the rest quieter; nothing for another kind of number.
    expect(await card.locator('button.primary').allTextContents()).toEqual(['Resolve in Tieout']);
    // Resolving happens in the record, so "Open in Tieout" would only repeat it.
    for (const name of ['Not an invoice number (hide on this site)', /what the marks mean/i]) {
      expect(await card.getByRole('button', { name }).count(), String(name)).toBe(1);
    }
    expect(await card.getByRole('button', { name: /Track as|Open in Tieout/ }).count()).toBe(0);
    expect(await card.getByRole('button', { name: /Not a number/ }).count()).toBe(0);
    // Keyboard: Alt+Shift+T moves focus into the card, onto its primary action; Esc closes it.
    await page.keyboard.press('Alt+Shift+T');
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('tieout-overlay')?.shadowRoot?.activeElement?.textContent ?? ''),
      )
      .toBe('Resolve in Tieout');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);

    const tabId = await tabIdOf(ext, `${base}/gmail.html#inbox/m1`);
    const worker = await ext.worker();
    const badge = await waitFor(async () => {
      const text = await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!);
      return Number(text) > 0 ? text : undefined;
    });
    expect(Number(badge)).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('"Not a PO number" ignores the number on this site: it turns to the ignored style and stays so on reload', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/outlook.html`);
    await waitForHighlights(page, 2);
    const texts = await allHighlightTexts(page);
    expect(texts).toEqual(expect.arrayContaining(['RE-2025-0417', '4500012377']));
    const popup = await ext.openPopup();
    const doc = await waitFor(async () =>
      (await readLedgerTable(popup, 'documents')).find((d) => d.key === '20250417' || d.number === 'RE-2025-0417'),
    );
    expect(doc?.vendor).toBe('Müller Stahlbau GmbH');
    await popup.close();

    const at = await rangeCentre(page, '4500012377');
    await page.mouse.move(at!.x, at!.y);
    const card = page.locator('[data-testid="tieout-card"]');
    await card.getByRole('button', { name: 'Not a PO number (hide on this site)' }).click();
    await expect.poll(async () => (await highlightTexts(page)).ignored ?? []).toContain('4500012377');
    await page.reload();
    await expect
      .poll(async () => (await highlightTexts(page)).ignored ?? [], { timeout: 15_000 })
      .toContain('4500012377');
    await page.close();
  });

  it('reads numbers in a same-origin message iframe', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/iframe.html`);
    const frame = await frameEndingWith(page, 'iframe-body.html');
    expect(frame).toBeDefined();
    await waitForHighlights(frame!, 2);
    const texts = await allHighlightTexts(frame!);
    expect(texts).toEqual(expect.arrayContaining(['INV-3301', '4500012399']));
    await page.close();
  });

  it('ERP app: hash navigation, numbers in inputs with status markers, and a duplicate warning while typing a bill', async () => {
    // The ledger already holds invoice INV-5001 from Acme.
    const seeded = (await ext.send({
      type: 'page.report',
      page: { url: 'http://seed.example/inbox', title: 'seed' },
      via: 'scan',
      detections: [
        {
          kind: 'invoice',
          number: 'INV-5001',
          key: '5001',
          confidence: 0.9,
          evidence: 'seed',
          span: { block: 0, start: 0, end: 8 },
          vendor: 'Acme Industrial Supply',
        },
      ],
    })) as { ok: boolean };
    expect(seeded.ok).toBe(true);

    const page = await ext.context.newPage();
    await page.goto(`${base}/erp.html#/po`);
    await waitForHighlights(page, 3);
    expect((await allHighlightTexts(page)).sort()).toEqual(['PO-7700123', 'PO-7700124', 'PO-7700125']);

    // PO form: the number lives only in a read-only input labelled "Number"; the heading says Purchase Order.
    await page.click('a[href="#/po/PO-7700123"]');
    const marker = page.locator('tieout-overlay button.marker');
    await expect.poll(() => marker.getAttribute('data-number'), { timeout: 15_000 }).toBe('PO-7700123');
    expect(await marker.count()).toBe(1);
    const po = await waitFor(async () =>
      (await readLedgerTable(await ext.openPopup(), 'documents')).find((d) => d.key === '7700123'),
    );
    expect(po).toMatchObject({ kind: 'po' });

    // Bill entry: typing an invoice number the ledger holds for that vendor warns before saving.
    await page.evaluate(() => {
      location.hash = '#/bill/new';
    });
    await page.waitForSelector('#bill-number');
    await page.selectOption('#bill-vendor', 'Acme Industrial Supply');
    await page.fill('#bill-number', 'INV-5001');
    const warning = page.locator('tieout-overlay button.marker[data-status="duplicate"]');
    await expect.poll(() => warning.count(), { timeout: 15_000 }).toBe(1);
    expect(await warning.getAttribute('aria-label')).toMatch(
      /Duplicate: invoice INV-5001 is already in Tieout for Acme/,
    );
    // The field's value and the page's DOM are left alone.
    expect(await page.inputValue('#bill-number')).toBe('INV-5001');
    // A new number for the vendor is no duplicate.
    await page.fill('#bill-number', 'INV-5002');
    await expect.poll(() => warning.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => marker.getAttribute('data-number')).toBe('INV-5002');
    // Typed values are checked, never recorded: the ledger has no INV-5002.
    const popup = await ext.openPopup();
    expect((await readLedgerTable(popup, 'documents')).some((d) => d.key === '5002')).toBe(false);
    await popup.close();
    await page.close();
  });

  it('scans a page of a site that is not enabled only when asked (toolbar scan), once', async () => {
    const other = `${notEnabled(site.url)}/overlay/outlook.html`;
    const page = await ext.context.newPage();
    await page.goto(other);
    await page.waitForTimeout(1200);
    expect(total(await highlightCounts(page))).toBe(0);
    expect(await page.locator('tieout-overlay').count()).toBe(0);
    const tabId = await tabIdOf(ext, other);
    const reply = (await ext.send({ type: 'scan.tab', tabId })) as { ok: boolean };
    expect(reply.ok).toBe(true);
    // Subject and body both print the invoice and the PO number.
    expect(total(await waitForHighlights(page, 4))).toBe(4);
    // A second scan replaces the running overlay instead of stacking a second one.
    await ext.send({ type: 'scan.tab', tabId });
    await page.waitForTimeout(800);
    expect(await page.locator('tieout-overlay').count()).toBe(1);
    expect(total(await highlightCounts(page))).toBe(4);
    await page.close();
  });

  // Last but one: its 4,000 documents would slow every later ledger read.
  it('highlights every PO and invoice number of a 2,000-row supplier portal list, by status', async () => {
    // The team imported its open POs (options → Data → CSV), as a clerk would before working the
    // portal: a PO only quoted on pages is not known to the ledger, and invoices against it are
    // unknown_po. Each PO is for what its row's invoice bills, ordered before it, same supplier.
    const vendors = [
      'Acme Industrial Supply',
      'Globex Components',
      'Initech Office Goods',
      'Umbrella Packaging',
      'Stark Fasteners',
    ];
    const csv = ['PO Number,Vendor,PO Date,Total,Currency'];
    for (let i = 0; i < 2000; i++)
      csv.push(
        `${4500010000 + i},${vendors[i % vendors.length]},2025-02-01,${(((i * 37) % 9000) + 100).toFixed(2)},EUR`,
      );
    const options = await ext.openOptions('#data');
    await options
      .getByLabel('CSV file')
      .setInputFiles({ name: 'portal-pos.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n')) });
    await options.getByTestId('csv-preview').waitFor({ timeout: 30_000 });
    await options.getByRole('button', { name: 'Import 2000 documents' }).click();
    await expect
      .poll(() => options.getByRole('status').first().innerText(), { timeout: 60_000 })
      .toMatch(/Imported 2000 of 2000 rows/);
    await options.close();

    const page = await ext.context.newPage();
    await page.goto(`${base}/portal.html`);
    await waitForHighlights(page, 1, 60_000);
    // A long list paints the numbers near the viewport (every registered range costs the page work
    // in each frame): the clerk scrolls, and every number shows as its row comes into view.
    const seen = new Map<string, string>();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const step = await page.evaluate(() => innerHeight * 2);
    for (let y = 0; y < height + step; y += step) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      // The row in the middle of the screen: wait until its numbers are painted.
      const mid = await page.evaluate(() => {
        const row = document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('tr');
        return row?.querySelector('td')?.textContent ?? undefined;
      });
      if (mid) await waitFor(async () => ((await highlightTexts(page)).tied ?? []).includes(mid) || undefined, 30_000);
      for (const [status, texts] of Object.entries(await highlightTexts(page)))
        for (const t of texts) seen.set(t, status);
    }
    // Rows are painted in page order, so a row is read once the middle row of a later screen is
    // painted, except the rows below the middle of the last screen: wait for the list's last row.
    const last = await page.evaluate(() => document.querySelector('tbody tr:last-child td')?.textContent ?? '');
    await waitFor(async () => ((await highlightTexts(page)).tied ?? []).includes(last) || undefined, 30_000);
    for (const [status, texts] of Object.entries(await highlightTexts(page)))
      for (const t of texts) seen.set(t, status);
    const all = [...seen.keys()];
    expect(all.filter((t) => /^45000\d{5}$/.test(t))).toHaveLength(2000);
    expect(all.filter((t) => /^INV-2025-\d{5}$/.test(t))).toHaveLength(2000);
    // Each row's invoice bills the PO beside it, within its total: both sides tie out.
    expect([...seen.values()].filter((s) => s === 'tied')).toHaveLength(4000);
    // Far fewer ranges are registered at a time than the list holds.
    expect(total(await highlightCounts(page))).toBeLessThan(2000);
    // The page's DOM is untouched: its body has exactly the children it built.
    expect(await page.evaluate(() => document.body.children.length)).toBe(3);
    expect(await page.evaluate(() => [...document.documentElement.children].map((e) => e.tagName))).toEqual([
      'HEAD',
      'BODY',
      'TIEOUT-OVERLAY',
    ]);
    await page.close();
  });

  it('stops running on a site once disabled', async () => {
    const off = (await ext.send({ type: 'sites.disable', origin: site.url })) as { ok: boolean };
    expect(off.ok).toBe(true);
    const page = await ext.context.newPage();
    await page.goto(`${base}/outlook.html`);
    await page.waitForTimeout(1500);
    expect(total(await highlightCounts(page))).toBe(0);
    expect(await page.locator('tieout-overlay').count()).toBe(0);
    await page.close();
    await ext.enableSite(site.url);
  });
});
