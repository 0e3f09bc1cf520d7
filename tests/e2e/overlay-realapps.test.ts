import { describe, expect, it } from 'vitest';
import { type ExtensionSession, readLedgerTable, waitFor } from './harness';
import { allHighlightTexts, frameEndingWith, statusByText, waitForHighlights } from './page-highlights';
import { onFixtureSite } from './session';

type Doc = Record<string, unknown>;

describe('page overlay on the structure of Odoo and Roundcube', () => {
  let ext: ExtensionSession;
  let base: string;

  onFixtureSite(async (e, site) => {
    ext = e;
    base = `${site.url}/realapps`;
    const enabled = (await ext.enableSite(site.url)) as { ok: boolean };
    expect(enabled.ok).toBe(true);
  });

  /** The ledger's document for `number` once `ready` holds for it. */
  async function ledgerDoc(number: string, ready: (d: Doc) => boolean = () => true): Promise<Doc | undefined> {
    const popup = await ext.openPopup();
    try {
      return await waitFor(
        async () => (await readLedgerTable(popup, 'documents')).find((d) => d.number === number && ready(d)),
        15_000,
        200,
      );
    } finally {
      await popup.close();
    }
  }

  it('Odoo purchase order form: the name under the "Purchase Order" caption is a PO, with the vendor from its many2one input and the total', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/odoo-po.html`);
    await waitForHighlights(page, 1);
    const texts = await waitFor(async () => {
      const t = await allHighlightTexts(page);
      return t.includes('P00042') ? t : undefined;
    });
    expect(texts ?? []).toContain('P00042');
    // The vendor's address and VAT lines, product codes and quantities are no document numbers.
    expect(texts?.filter((t) => !/^P00042$/.test(t))).toEqual([]);
    const po = await ledgerDoc('P00042', (d) => d.vendor !== undefined);
    expect(po).toMatchObject({
      kind: 'po',
      vendor: 'Brightwater Packaging GmbH',
      total: { minor: 130900, currency: 'EUR' },
    });
    await page.close();
  });

  it('Roundcube: the message in the preview iframe gives the invoice with vendor and total and its PO, both tied out to the PO seen in Odoo; the next (HTML) message is read when a click loads it', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/roundcube.html`);
    const frame = await frameEndingWith(page, 'roundcube-message.html');
    expect(frame).toBeDefined();
    await waitForHighlights(frame!, 2);
    const texts = await allHighlightTexts(frame!);
    expect(texts).toEqual(expect.arrayContaining(['BW-24-01187', 'P00042']));
    // The attachment's file name repeats the number; the sender's postcode is none.
    expect(texts).not.toContain('28217');
    const invoice = await ledgerDoc('BW-24-01187', (d) => d.kind === 'invoice');
    expect(invoice).toMatchObject({ vendor: 'Brightwater Packaging GmbH', total: { minor: 130900, currency: 'EUR' } });
    await expect.poll(async () => (await statusByText(frame!))['BW-24-01187'], { timeout: 20_000 }).toBe('tied');
    expect((await statusByText(frame!)).P00042).toBe('tied');
    // The list row's subject names the same invoice and PO.
    await expect
      .poll(async () => allHighlightTexts(page), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['BW-24-01187', 'P00042']));

    // The next message is an HTML part (washed tables): a click loads it in the preview frame.
    await page.locator('#messagelist tr.message', { hasText: 'HMS-5521' }).click();
    const html = await frameEndingWith(page, 'roundcube-message-html.html');
    expect(html).toBeDefined();
    await expect
      .poll(async () => (await allHighlightTexts(html!)).sort(), { timeout: 20_000 })
      .toEqual(['HMS-5521', 'HMS-5521', 'P00044', 'P00044']);
    expect(await ledgerDoc('HMS-5521', (d) => d.total !== undefined)).toMatchObject({
      kind: 'invoice',
      vendor: 'Halvorsen Marine Supply AS',
      total: { minor: 248000, currency: 'EUR' },
      poKeys: ['P00044'],
    });
    expect(await ledgerDoc('P00044')).toMatchObject({ kind: 'po' });
    await page.close();
  });

  it('Odoo vendor bill form: the vendor invoice number sits only in the "Bill Reference" input: a marker with its status, an invoice with vendor and total', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/odoo-bill.html`);
    const marker = page.locator('tieout-overlay button.marker[data-number="BW-24-01187"]');
    await expect.poll(() => marker.count(), { timeout: 20_000 }).toBe(1);
    expect(await marker.getAttribute('aria-label')).toMatch(/^Invoice BW-24-01187: /);
    const bill = await ledgerDoc('BW-24-01187');
    expect(bill).toMatchObject({
      kind: 'invoice',
      vendor: 'Brightwater Packaging GmbH',
      total: { minor: 130900, currency: 'EUR' },
      poKeys: ['P00042'],
    });
    // The e-mail tied it to PO P00042 (same vendor, same total): the field's marker says so.
    await expect.poll(() => marker.getAttribute('data-status'), { timeout: 20_000 }).toBe('tied');
    // The vendor's address and VAT number, account codes and product codes are no document numbers.
    const texts = await allHighlightTexts(page);
    for (const noise of ['41', '28217', 'DE 812 771 630', '600000', 'BR-220', 'BR-310'])
      expect(texts).not.toContain(noise);
    await page.close();
  });

  it('Odoo bill list: Reference holds the vendor invoice numbers, Source Document their POs; the journal entry numbers are neither', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/odoo-bills-list.html`);
    const status = await waitFor(async () => {
      const s = await statusByText(page);
      return s['BW-24-01164'] && s.P00039 ? s : undefined;
    }, 20_000);
    expect(Object.keys(status ?? {}).sort()).toEqual(
      [
        'BW-24-01164',
        'BW-24-01187',
        'BW-24-01203',
        'HMS-5521',
        'P00039',
        'P00042',
        'P00044',
        'P00045',
        'QLS/2025/0311',
      ].sort(),
    );
    const hms = await ledgerDoc('HMS-5521');
    expect(hms).toMatchObject({
      kind: 'invoice',
      vendor: 'Halvorsen Marine Supply AS',
      total: { minor: 248000, currency: 'EUR' },
      poKeys: ['P00044'],
    });
    // The PO on a bill's row takes the vendor, not the bill's amount.
    const po = await ledgerDoc('P00044');
    expect(po).toMatchObject({ kind: 'po', vendor: 'Halvorsen Marine Supply AS' });
    expect(po?.total).toBeUndefined();
    // One bill under two numbers would be flagged a possible duplicate on every row.
    const popup = await ext.openPopup();
    const exceptions = await readLedgerTable(popup, 'exceptions');
    await popup.close();
    expect(exceptions.filter((x) => x.type === 'possible_duplicate' || x.type === 'duplicate_invoice')).toEqual([]);
    await page.close();
  });

  it('Odoo as a single-page app: the bill list opened from the menu and a bill opened from it are read as they render (marker on its input); going back re-reads the list', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/odoo.html`);
    // The overlay is running on the client's menus when the clerk opens Vendors ▸ Bills.
    await expect.poll(() => page.locator('tieout-overlay').count(), { timeout: 15_000 }).toBe(1);
    // No pause before the first click: the page is watched from before the first scan (tests/page/overlay-start.test.ts).
    await page.getByRole('menuitem', { name: 'Bills' }).click();
    await expect.poll(async () => (await statusByText(page))['HMS-5521'], { timeout: 20_000 }).toBeDefined();
    const marker = page.locator('tieout-overlay button.marker[data-number="BW-24-01187"]');
    expect(await marker.count()).toBe(0);
    // The clerk opens the draft bill made from P00042: the action manager swaps the list for the form.
    await page.locator('tr.o_data_row', { hasText: 'BW-24-01187' }).click();
    await page.waitForSelector('#ref_0');
    await expect.poll(() => marker.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => marker.getAttribute('data-status'), { timeout: 20_000 }).toBe('tied');
    // The list's numbers went with the list.
    await expect.poll(async () => Object.keys(await statusByText(page)), { timeout: 15_000 }).toEqual([]);
    // Back to the list (breadcrumb): its numbers come back, the form's marker goes.
    await page.locator('.o_back_button a').click();
    await expect.poll(async () => (await statusByText(page))['HMS-5521'], { timeout: 20_000 }).toBeDefined();
    await expect.poll(() => marker.count(), { timeout: 15_000 }).toBe(0);
    await page.close();
  });
});
