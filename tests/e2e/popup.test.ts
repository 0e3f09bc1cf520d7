/**
 * The toolbar popup in real Chromium: first run, quick lookup, This page, Needs attention and the
 * record view with every clerk action. The ledger is seeded through the real options page (CSV of
 * open POs) and the worker's `report` message (invoices as the content script reports them).
 * Every view is checked with axe-core and saved under artifacts/screenshots/popup/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, readLedgerTable, waitFor } from './harness';
import { axeViolations, detection, importCsvViaOptions, screenshot, textSizes } from './helpers';
import { onFixtureSite, type ServedSite } from './session';

const POS_CSV = [
  'PO Number,Vendor,PO Date,Total,Currency',
  '4500077001,Acme GmbH,2026-10-01,1000.00,EUR',
  '4500077002,Globex Ltd,2026-10-02,2000.00,EUR',
  '4500077003,Initech,2026-10-03,2000.00,EUR',
].join('\n');

const POPUP_SIZE = { width: 540, height: 600 };

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
    // What ships speaks to a clerk: no developer's command.
    expect(text).not.toMatch(/npm|source folder/);
    // The marks on a page are explained from the first run.
    expect(await p.getByTestId('legend').innerText()).toMatch(
      /Tied out[\s\S]*Exception[\s\S]*Not tied out yet[\s\S]*Ignored/,
    );
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

  it('resolves an exception from the list by keyboard, with Undo, and keeps the filters', async () => {
    const p = await popup('#attention');
    const panel = p.getByRole('tabpanel');
    await p.getByLabel('Type').selectOption('over_billed');
    const over = panel.locator('li.exception-line[data-type="over_billed"]');
    await over.waitFor();
    // Severity in a word and a symbol, the detection time called "found".
    expect(await over.getByTestId('severity').innerText()).toMatch(/▲\s*high/i);
    expect(await over.innerText()).toMatch(/found [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await over.getByRole('button', { name: 'Resolve…' }).focus();
    await p.keyboard.press('Enter');
    // The caret goes to the note; Tab reaches the decision.
    await expect.poll(() => p.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await p.keyboard.type('Agreed on the phone');
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Accept');
    await expectAccessible(p);
    await screenshot(p, 'popup', '05b-resolve-from-list');
    await p.keyboard.press('Enter');
    const done = p.getByTestId('resolved');
    await expect.poll(() => done.innerText()).toMatch(/Accepted: Over-billed on Invoice INV-2291/);
    await expect.poll(() => over.count()).toBe(0);
    const state = async () =>
      (await readLedgerTable(p, 'exceptions')).find((e) => e.type === 'over_billed') as {
        state: string;
        resolution: { note?: string } | null;
      };
    expect(await state()).toMatchObject({ state: 'resolved', resolution: { note: 'Agreed on the phone' } });
    // The filter stays as it was.
    expect(await p.getByLabel('Type').inputValue()).toBe('over_billed');
    await done.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await state()).state).toBe('open');
    await expect.poll(() => over.count()).toBe(1);

    // A suggested PO is linked from the list too, and Undo puts the reference back.
    await p.getByLabel('Type').selectOption('unknown_po');
    const unknown = panel.locator('li.exception-line[data-type="unknown_po"]');
    await unknown.getByRole('button', { name: 'Resolve…' }).click();
    await unknown.getByRole('button', { name: 'Link PO 4500077003' }).click();
    await expect.poll(() => done.innerText()).toMatch(/Linked Invoice INV-4100 to PO 4500077003/);
    const inv4100 = async () =>
      (await readLedgerTable(p, 'documents')).find((d) => d.number === 'INV-4100') as { poKeys: string[] };
    expect((await inv4100()).poKeys).toEqual(['4500077003']);
    await done.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await inv4100()).poKeys).toEqual(['450OO77003']);
    await expect.poll(() => unknown.count()).toBe(1);

    // Opening a record and coming back keeps the filters.
    await unknown.getByRole('button', { name: /^Open Invoice INV-4100/ }).click();
    await p.locator('article.record').waitFor();
    await p.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => p.getByLabel('Type').inputValue()).toBe('unknown_po');
    await p.close();
  });

  it('says what a PO is in AP words: a fully invoiced PO is not "Open"', async () => {
    const csv = ['PO Number,Vendor,PO Date,Total,Currency', '4500077010,Hooli,2026-10-06,500.00,EUR'].join('\n');
    expect(await importCsvViaOptions(ext, csv, 'hooli.csv')).toMatch(/^Imported 1 of 1 rows/);
    await ext.send({
      type: 'report',
      page: { url: `${site.url}/foundation/hooli.html`, title: 'Hooli invoice' },
      detections: [
        detection({
          kind: 'invoice',
          number: 'HO-1',
          key: '1',
          vendor: 'Hooli',
          total: { minor: 50000, currency: 'EUR' },
          issueDate: '2026-11-06',
          poKeys: ['4500077010'],
        }),
      ],
    });
    const p = await popup();
    await p.getByRole('combobox').fill('45000770');
    const results = p.getByRole('listbox', { name: 'Lookup results' });
    const row = (n: string) => results.getByRole('option').filter({ hasText: n });
    await expect.poll(() => row('4500077010').innerText()).toMatch(/Fully invoiced/);
    expect(await row('4500077002').innerText()).toMatch(/Partly invoiced/);
    await p.getByRole('combobox').fill('4500077010');
    await expect.poll(() => p.getByRole('option').count()).toBe(1);
    await p.getByRole('combobox').press('Enter');
    await p.locator('article.record').waitFor();
    await expect.poll(() => p.locator('.record-head .badge').innerText()).toMatch(/Fully invoiced/);
    expect(await p.locator('[data-field="status"] dd').innerText()).toMatch(/Fully invoiced/);
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
    // The status in words first, then the balance as a bar with its figures in text.
    expect(await p.getByTestId('status-headline').innerText()).toMatch(/Over-billed by €200\.00/);
    const summary = p.getByTestId('record-summary');
    expect(await summary.innerText()).toMatch(/Ordered €1,000\.00[\s\S]*Invoiced €1,200\.00[\s\S]*Over by €200\.00/);
    expect(await summary.locator('.bar .seg.over').count()).toBe(1);
    const balance = await p.locator('table.balance').innerText();
    expect(balance).toMatch(/Ordered\s+€1,000\.00/);
    expect(balance).toMatch(/Invoiced\s+€1,200\.00/);
    // "Over by", not a negative remainder; no received row on a 2-way PO.
    expect(balance).toMatch(/Over by\s+€200\.00/);
    expect(balance).not.toMatch(/Remaining|-€/);
    expect(balance).not.toMatch(/Received/);
    // The over-billed invoice under its PO shows its exception, not "Tied out".
    const line = record.locator('li.doc-line', { hasText: 'INV-2291' });
    expect(await line.locator('.badge').innerText()).toMatch(/Over-billed/);
    expect(await record.innerText()).toMatch(/Invoices \(1\)[\s\S]*INV-2291/);
    expect(await record.innerText()).toMatch(/Seen \(on 1 page\)/);
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
    const p = await popup(`#record/${await poId('4500077009')}`);
    const table = p.getByRole('table', { name: 'Lines of PO 4500077009' });
    await expect.poll(() => table.innerText()).toMatch(/SKU-1\s+10/);
    expect(await table.innerText()).toMatch(/SKU-2\s+4/);
    await expectAccessible(p);
    // The popup scrolls as one page: the picture is of the lines, scrolled to.
    await table.scrollIntoViewIfNeeded();
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
    await expect.poll(() => p.locator('article.record').innerText()).toMatch(/Tied to \(1\)/);
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
    await expect.poll(() => p.locator('[data-field="total"]').innerText()).toMatch(/€480\.00\s*✓ confirmed/);
    // "confirmed" is explained once, under the fields.
    expect(await p.getByTestId('confirmed-legend').innerText()).toMatch(/given by you or by an import/);
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

  it('lists each page once under Seen and each PO once under Tied to', async () => {
    // The same e-mail read again, and a namesake PO of another vendor on file.
    const page = { url: pageUrl, title: 'Supplier portal — invoices' };
    await ext.send({
      type: 'report',
      page,
      detections: [detection({ kind: 'invoice', number: 'INV-2291', key: '2291', vendor: 'Acme GmbH' })],
    });
    await ext.send({
      type: 'report',
      page: { url: `${site.url}/foundation/other.html`, title: 'Acme Logistics PO' },
      detections: [
        detection({
          kind: 'po',
          number: '4500077001',
          key: '4500077001',
          vendor: 'Acme Logistics',
          total: { minor: 90000, currency: 'EUR' },
        }),
      ],
    });
    const helper = await ext.openPopup();
    const invoice = await waitFor(async () => {
      const d = (await readLedgerTable(helper, 'documents')).find((x) => x.number === 'INV-2291') as
        | { id: string; sightings: unknown[] }
        | undefined;
      return d && d.sightings.length >= 2 ? d : undefined;
    });
    await helper.close();
    const p = await popup(`#record/${invoice?.id}`);
    const record = p.locator('article.record');
    await expect.poll(() => record.innerText()).toMatch(/Tied to \(1\)/);
    expect(await record.locator('li.sighting').count()).toBe(1);
    expect(await record.locator('li.sighting').innerText()).toMatch(/2 times/);
    expect(await record.innerText()).toMatch(/Seen \(on 1 page\)/);
    await p.close();
  });

  it('sets its type explicitly: body text at 15 px, no visible text under 12 px, in every view', async () => {
    const views: [string, string][] = [
      ['recent', '#recent'],
      ['attention', '#attention'],
      ['this page', `?url=${encodeURIComponent(pageUrl)}#page`],
      ['record', `#record/${await poId('4500077001')}`],
    ];
    for (const [name, query] of views) {
      const p = await popup(query);
      await p.locator('html[data-rendered="true"]').waitFor();
      if (name === 'record') await p.locator('table.balance').waitFor();
      const sizes = await textSizes(p);
      expect(sizes.body, name).toBeGreaterThanOrEqual(14);
      expect(sizes.min, `${name}: "${sizes.smallest}"`).toBeGreaterThanOrEqual(12);
      expect(sizes.measured, name).toBeGreaterThan(10);
      await p.close();
    }
    const p = await popup();
    await p.getByRole('combobox').fill('acme');
    await p.getByRole('option').first().waitFor();
    const lookup = await textSizes(p);
    expect(lookup.body).toBeGreaterThanOrEqual(14);
    expect(lookup.min, lookup.smallest).toBeGreaterThanOrEqual(12);
    await p.close();
    for (const hash of ['#welcome', '#matching', '#sites', '#formats', '#data']) {
      const o = await ext.openOptions(hash);
      await o.locator(`main[data-view="${hash.slice(1)}"]`).waitFor();
      const sizes = await textSizes(o);
      expect(sizes.body, hash).toBeGreaterThanOrEqual(14);
      expect(sizes.min, `${hash}: "${sizes.smallest}"`).toBeGreaterThanOrEqual(12);
      await o.close();
    }
  });

  it('follows a dark colour scheme and keeps its contrast there, in every view', async () => {
    const p = await ext.openPopup('#attention');
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.setViewportSize(POPUP_SIZE);
    await p.locator('html[data-rendered="true"]').waitFor();
    const background = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(30, 31, 34)');
    await expectAccessible(p);
    await screenshot(p, 'popup', '09-dark-needs-attention');
    const views = [
      '#recent',
      `?url=${encodeURIComponent(pageUrl)}#page`,
      `#record/${await poId('4500077001')}`,
      `#record/${await poId('4500077009')}`,
    ];
    for (const view of views) {
      await p.goto(p.url().replace(/popup\.html.*$/, `popup.html${view}`));
      await p.reload();
      await p.locator('html[data-rendered="true"]').waitFor();
      if (view.includes('record')) await p.locator('table.balance').waitFor();
      await expectAccessible(p);
    }
    await screenshot(p, 'popup', '09b-dark-record');
    await p.getByRole('button', { name: 'What the marks mean' }).click();
    await p.getByTestId('legend').waitFor();
    await expectAccessible(p);
    await p.getByRole('combobox').fill('acme');
    await p.getByRole('option').first().waitFor();
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
