/**
 * The toolbar popup in real Chromium: first run, quick lookup, This page, Needs attention and the
 * record view with every clerk action. The ledger is seeded through the real options page (CSV of
 * open POs) and the worker's `report` message (invoices as the content script reports them).
 * Every view is checked with axe-core and saved under artifacts/screenshots/popup/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, readLedgerTable, waitFor } from './harness';
import { axeViolations, detection, importCsvViaOptions, screenshot } from './helpers';
import { onFixtureSite, type ServedSite } from './session';

const POS_CSV = [
  'PO Number,Vendor,PO Date,Total,Currency',
  '4500077001,Acme GmbH,2026-10-01,1000.00,EUR',
  '4500077002,Globex Ltd,2026-10-02,2000.00,EUR',
  '4500077003,Initech,2026-10-03,2000.00,EUR',
].join('\n');

const POPUP_SIZE = { width: 480, height: 600 };

describe('popup', () => {
  let ext: ExtensionSession;
  let site: ServedSite;
  let pageUrl: string;

  async function popup(query = ''): Promise<Page> {
    const p = await ext.openPopup(query);
    await p.setViewportSize(POPUP_SIZE);
    await p.locator('html[data-rendered="true"], [data-testid="first-run"]').first().waitFor();
    return p;
  }

  async function poId(key: string): Promise<string> {
    const helper = await ext.openPopup();
    const doc = await waitFor(async () =>
      (await readLedgerTable(helper, 'documents')).find((d) => d.kind === 'po' && d.key === key),
    );
    await helper.close();
    return String(doc?.id);
  }

  async function expectAccessible(p: Page): Promise<void> {
    expect(await axeViolations(p)).toEqual([]);
  }

  onFixtureSite((e, s) => {
    ext = e;
    site = s;
    pageUrl = `${site.url}/foundation/portal.html`;
  });

  it('teaches what to do when the ledger is empty', async () => {
    const p = await popup();
    await expect.poll(() => p.getByTestId('first-run').isVisible()).toBe(true);
    const text = await p.locator('body').innerText();
    expect(text).toMatch(/ledger is empty/);
    expect(text).toMatch(/Import your open POs/);
    expect(text).toMatch(/npm start/);
    // The search box has the focus on open.
    expect(await p.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await expectAccessible(p);
    await screenshot(p, 'popup', '01-first-run');
    await p.close();
  });

  it('is seeded through the options import and the worker’s report message', async () => {
    expect(await importCsvViaOptions(ext, POS_CSV)).toMatch(/^Imported 3 of 3 rows/);
    const page = { url: pageUrl, title: 'Supplier portal — invoices' };
    const reply = (await ext.send({
      type: 'report',
      page,
      detections: [
        detection({
          kind: 'invoice',
          number: 'INV-2291',
          key: '2291',
          vendor: 'Acme GmbH',
          total: { minor: 120000, currency: 'EUR' },
          issueDate: '2026-11-02',
          poKeys: ['4500077001'],
        }),
        detection({
          kind: 'invoice',
          number: 'INV-3001',
          key: '3001',
          vendor: 'Globex Ltd',
          total: { minor: 50000, currency: 'EUR' },
          issueDate: '2026-11-03',
          poKeys: ['4500077002'],
        }),
        detection({
          kind: 'invoice',
          number: 'INV-30O1',
          key: '30O1',
          vendor: 'Globex Ltd',
          total: { minor: 50000, currency: 'EUR' },
          issueDate: '2026-11-04',
          poKeys: ['4500077002'],
        }),
        detection({
          kind: 'invoice',
          number: 'INV-4100',
          key: '4100',
          vendor: 'Initech',
          total: { minor: 10000, currency: 'EUR' },
          issueDate: '2026-11-05',
          poKeys: ['450OO77003'],
        }),
      ],
    })) as { ok: boolean; error?: string };
    expect(reply).toMatchObject({ ok: true });
    const helper = await ext.openPopup();
    const exceptions = await waitFor(async () => {
      const rows = await readLedgerTable(helper, 'exceptions');
      return rows.length >= 3 ? rows : undefined;
    });
    expect(new Set(exceptions?.map((e) => e.type))).toEqual(
      new Set(['over_billed', 'unknown_po', 'possible_duplicate']),
    );
    await helper.close();
  });

  it('looks up as you type: exact, OCR look-alikes, vendor, amount; arrows and Enter open a record', async () => {
    const p = await popup();
    const box = p.getByRole('combobox');
    await box.fill('4500077001');
    const results = p.getByRole('listbox', { name: 'Lookup results' });
    await expect.poll(() => results.innerText()).toContain('4500077001');

    await box.fill('PO 45OO0770Ol');
    await expect.poll(() => results.innerText()).toContain('4500077001');

    await box.fill('globex');
    await expect.poll(() => p.getByRole('option').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(p);
    await screenshot(p, 'popup', '02-lookup');

    await box.fill('1,200.00');
    await expect.poll(() => results.innerText()).toContain('INV-2291');

    // Arrow keys move the highlighted option; Enter opens the highlighted one.
    await box.fill('globex');
    await expect.poll(() => p.getByRole('option').count()).toBeGreaterThanOrEqual(3);
    const first = await p.getByRole('option').nth(0).innerText();
    const second = await p.getByRole('option').nth(1).innerText();
    await box.press('ArrowDown');
    await expect.poll(() => p.getByRole('option', { selected: true }).innerText()).toBe(second);
    await box.press('ArrowUp');
    await expect.poll(() => p.getByRole('option', { selected: true }).innerText()).toBe(first);
    await box.press('Enter');
    await p.locator('article.record').waitFor();
    expect(await p.locator('#record-title').innerText()).toContain(first.match(/(INV-\S+|4500\d+)/)?.[0] ?? '');

    const timings = await p.evaluate(
      () => (globalThis as unknown as { __tieoutTimings: { lookups: { ms: number }[] } }).__tieoutTimings.lookups,
    );
    expect(timings.length).toBeGreaterThan(0);
    await p.close();
  });

  it('says a number is not in the ledger, offers to track it, and survives huge or regex-like input', async () => {
    const p = await popup();
    const box = p.getByRole('combobox');
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await box.fill('(a+)+$[\\d*');
    await expect.poll(() => p.getByTestId('not-found').isVisible()).toBe(true);
    await box.fill('7'.repeat(10_000));
    await expect.poll(() => p.getByTestId('not-found').innerText()).toContain('is not in the ledger');

    await box.fill('INV-77821');
    const notFound = p.getByTestId('not-found');
    await expect.poll(() => notFound.innerText()).toContain('“INV-77821” is not in the ledger');
    await expectAccessible(p);
    await screenshot(p, 'popup', '03-not-found');
    await notFound.getByRole('button', { name: 'Track as Invoice' }).click();
    await p.locator('article.record').waitFor();
    expect(await p.locator('#record-title').innerText()).toContain('INV-77821');
    const docs = await readLedgerTable(p, 'documents');
    expect(docs.some((d) => d.key === '77821' && d.kind === 'invoice')).toBe(true);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('shows the numbers on this page, and enables and scans the site in one click', async () => {
    const tab = await ext.context.newPage();
    await tab.goto(pageUrl);
    const p = await popup(`?url=${encodeURIComponent(pageUrl)}`);
    const list = p.getByRole('list', { name: 'Numbers on this page' });
    await expect.poll(() => list.innerText()).toContain('INV-2291');
    expect(await list.innerText()).toContain('Over-billed');
    await expectAccessible(p);
    await screenshot(p, 'popup', '04-this-page');

    await p.getByRole('button', { name: 'Enable on this site' }).click();
    await expect.poll(() => p.getByRole('status').first().innerText()).toContain('Tieout is on for');
    // The scan found the portal's PO 0012345, which now lists on this page.
    await expect.poll(() => list.innerText(), { timeout: 15_000 }).toContain('0012345');
    await p.getByRole('button', { name: 'Scan this page' }).click();
    await expect.poll(() => p.getByRole('status').first().innerText()).toMatch(/Scanned/);
    await tab.close();
    await p.close();
  });

  it('lists what needs attention, grouped by type with counts, filtered by type and vendor', async () => {
    const p = await popup('#attention');
    const panel = p.getByRole('tabpanel');
    await expect.poll(() => panel.innerText()).toContain('Over-billed');
    // The counts fill in once the list has painted.
    await expect
      .poll(async () =>
        (await panel.getByRole('heading', { level: 3 }).allInnerTexts()).map((h) => h.replace(/\s+/g, ' ').trim()),
      )
      .toEqual(expect.arrayContaining(['1 Over-billed', '1 Unknown PO', '1 Possible duplicate']));
    expect(await panel.innerText()).toMatch(/INV-2291/);
    await expectAccessible(p);
    await screenshot(p, 'popup', '05-needs-attention');

    await p.getByLabel('Type').selectOption('unknown_po');
    await expect
      .poll(() => panel.getByRole('heading', { level: 3 }).allInnerTexts())
      .toEqual([expect.stringContaining('Unknown PO')]);
    await p.getByLabel('Type').selectOption('');
    await p.getByLabel('Vendor', { exact: true }).fill('globex');
    await expect
      .poll(() => panel.getByRole('heading', { level: 3 }).allInnerTexts())
      .toEqual([expect.stringContaining('Possible duplicate')]);

    // The tabs are one tab stop; arrow keys move between them.
    await p.getByRole('tab', { name: /Needs attention/ }).focus();
    await p.keyboard.press('ArrowRight');
    await expect.poll(() => p.getByRole('tab', { selected: true }).innerText()).toBe('Recent');
    await p.close();
  });

  it('shows a PO with its invoices, balance, exceptions and sightings', async () => {
    const p = await popup();
    await p.getByRole('combobox').fill('4500077001');
    await p.getByRole('option').first().waitFor();
    await p.getByRole('combobox').press('Enter');
    const record = p.locator('article.record');
    await record.waitFor();
    await expect.poll(() => record.innerText()).toContain('Balance of PO');
    const balance = await p.locator('table.balance').innerText();
    expect(balance).toMatch(/Ordered\s+€1,000\.00/);
    expect(balance).toMatch(/Invoiced\s+€1,200\.00/);
    expect(balance).toMatch(/Remaining\s+-€200\.00/);
    expect(await record.innerText()).toMatch(/Invoices \(1\)[\s\S]*INV-2291/);
    expect(await record.innerText()).toMatch(/Seen \(1\)/);
    await expectAccessible(p);
    await screenshot(p, 'popup', '06-record-po');
    await p.close();
  });

  it('shows a PO’s balance per line when its lines are known', async () => {
    const lines = [
      'PO Number,Vendor,PO Date,SKU,Description,Quantity,Unit Price,Currency',
      '4500077009,Umbrella Corp,2026-10-05,SKU-1,Widgets,10,5.00,EUR',
      '4500077009,Umbrella Corp,2026-10-05,SKU-2,Gadgets,4,25.00,EUR',
    ].join('\n');
    expect(await importCsvViaOptions(ext, lines, 'po-lines.csv')).toMatch(/^Imported 2 of 2 rows/);
    const p = await popup('#record/' + (await poId('4500077009')));
    const table = p.getByRole('table', { name: 'Lines of PO 4500077009' });
    await expect.poll(() => table.innerText()).toMatch(/SKU-1\s+10/);
    expect(await table.innerText()).toMatch(/SKU-2\s+4/);
    await expectAccessible(p);
    await screenshot(p, 'popup', '06b-record-po-lines');
    await p.close();
  });

  it('accepts an exception with a note, links a suggested PO, marks not a duplicate', async () => {
    const p = await popup();
    const open = async (q: string) => {
      await p.getByRole('combobox').fill(q);
      await expect.poll(() => p.getByRole('option').first().innerText()).toContain(q);
      await p.getByRole('combobox').press('Enter');
      await p.locator('article.record').waitFor();
    };

    await open('INV-2291');
    // Every sighting links back to the page it was seen on.
    const seenOn = p.locator('li.sighting a');
    await expect.poll(() => seenOn.first().getAttribute('href')).toBe(pageUrl);
    expect(await seenOn.first().innerText()).toBe('Supplier portal — invoices');
    const over = p.locator('li.exception[data-type="over_billed"]');
    await over.getByLabel('Note (why this is fine)').fill('Price rise agreed by phone');
    await expectAccessible(p);
    await screenshot(p, 'popup', '07-record-invoice');
    await over.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => over.count()).toBe(0);
    await p.getByText(/1 resolved/).click();
    await expect.poll(() => p.locator('details').innerText()).toContain('Price rise agreed by phone');

    await open('INV-4100');
    await p.getByRole('button', { name: 'Link PO 4500077003' }).click();
    await expect.poll(() => p.locator('article.record').innerText()).toMatch(/Purchase orders \(1\)/);
    expect(await p.locator('li.exception[data-type="unknown_po"]').count()).toBe(0);

    await open('INV-30O1');
    const dup = p.locator('li.exception[data-type="possible_duplicate"]');
    await dup.getByLabel('Note (why this is fine)').fill('Two deliveries');
    await dup.getByRole('button', { name: 'Not a duplicate' }).click();
    await expect.poll(() => dup.count()).toBe(0);

    const exceptions = await readLedgerTable(p, 'exceptions');
    const byType = (t: string) => exceptions.find((e) => e.type === t) as { state: string; resolution: unknown };
    expect(byType('over_billed')).toMatchObject({
      state: 'resolved',
      resolution: { kind: 'accepted', note: 'Price rise agreed by phone' },
    });
    expect(byType('unknown_po')).toMatchObject({ state: 'resolved', resolution: { kind: 'linked' } });
    expect(byType('possible_duplicate')).toMatchObject({
      state: 'resolved',
      resolution: { kind: 'not_duplicate', note: 'Two deliveries' },
    });
    await p.close();
  });

  it('edits a detected field (user-confirmed) and deletes a document with undo', async () => {
    const p = await popup();
    await p.getByRole('combobox').fill('INV-3001');
    await expect.poll(() => p.getByRole('option').first().innerText()).toContain('INV-3001');
    await p.getByRole('combobox').press('Enter');
    const record = p.locator('article.record');
    await record.waitFor();

    await p.getByRole('button', { name: 'Edit total' }).click();
    await p.getByLabel('Total').fill('480,00');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => p.locator('[data-field="total"]').innerText()).toMatch(/€480\.00\s*confirmed/);
    let doc = (await readLedgerTable(p, 'documents')).find((d) => d.number === 'INV-3001') as {
      id: string;
      total: unknown;
      confirmed: string[];
    };
    expect(doc.total).toEqual({ minor: 48000, currency: 'EUR' });
    expect(doc.confirmed).toContain('total');

    await p.getByRole('button', { name: 'Delete' }).click();
    const undo = p.getByTestId('undo');
    await expect.poll(() => undo.innerText()).toContain('Deleted Invoice INV-3001');
    expect((await readLedgerTable(p, 'documents')).some((d) => d.id === doc.id)).toBe(false);
    await expectAccessible(p);
    await screenshot(p, 'popup', '08-deleted-undo');
    await undo.getByRole('button', { name: 'Undo' }).click();
    await record.waitFor();
    doc = (await readLedgerTable(p, 'documents')).find((d) => d.id === doc.id) as typeof doc;
    expect(doc?.total).toEqual({ minor: 48000, currency: 'EUR' });
    await p.close();
  });

  it('follows a dark colour scheme and keeps its contrast there', async () => {
    const p = await ext.openPopup('#attention');
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.setViewportSize(POPUP_SIZE);
    await p.locator('html[data-rendered="true"]').waitFor();
    const background = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(30, 31, 34)');
    await expectAccessible(p);
    await screenshot(p, 'popup', '09-dark-needs-attention');
    await p.goto(p.url().replace(/#.*$/, '#recent'));
    await p.reload();
    await p.locator('html[data-rendered="true"]').waitFor();
    await expectAccessible(p);
    await p.close();
  });

  it('fits Chrome’s popup limits', async () => {
    const p = await popup();
    const size = await p.evaluate(() => ({
      width: document.body.scrollWidth,
      height: document.body.getBoundingClientRect().height,
    }));
    expect(size.width).toBeLessThanOrEqual(800);
    expect(size.height).toBeLessThanOrEqual(600);
    await p.close();
  });
});
