/**
 * The options page in real Chromium: the welcome opened on install, sites, custom number formats,
 * matching tolerances and the data tools (CSV import with preview, errors, progress and cancel;
 * exports; backup and restore; wipe). axe-core on every view; screenshots under
 * artifacts/screenshots/options/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, readLedgerTable, waitFor } from './harness';
import { axeViolations, screenshot } from './helpers';
import { onFixtureSite, type ServedSite } from './session';

describe('options page', () => {
  let ext: ExtensionSession;
  let site: ServedSite;

  async function expectAccessible(p: Page): Promise<void> {
    expect(await axeViolations(p)).toEqual([]);
  }

  async function documentCount(p: Page): Promise<number> {
    return (await readLedgerTable(p, 'documents')).length;
  }

  onFixtureSite((e, s) => {
    ext = e;
    site = s;
  });

  it('opens on a welcome right after install', async () => {
    const welcome = await waitFor(async () =>
      ext.context.pages().find((p) => p.url().endsWith('/options.html#welcome')),
    );
    expect(welcome).toBeDefined();
    const p = welcome as Page;
    await p.getByRole('heading', { name: 'Welcome to Tieout' }).waitFor();
    const text = await p.locator('main').innerText();
    expect(text).toMatch(/ties every invoice to its purchase order/);
    expect(text).toMatch(/Your data never leaves this browser/);
    expect(text).toMatch(/Import your open POs/);
    // Written for the clerk who installed it: no developer's command, and the marks explained.
    expect(text).not.toMatch(/npm|source folder/);
    expect(await p.getByTestId('legend').innerText()).toMatch(/Tied out[\s\S]*Exception/);
    expect(await p.getByRole('button', { name: 'Enable Gmail' }).isVisible()).toBe(true);
    expect(await p.getByRole('button', { name: 'Enable Outlook' }).isVisible()).toBe(true);
    await expectAccessible(p);
    await screenshot(p, 'options', '01-welcome');
  });

  it('enables a typed site and removes it again', async () => {
    const p = await ext.openOptions('#sites');
    await p.getByTestId('no-sites').waitFor();
    await p.getByLabel(/Another site/).fill('ftp://files.example.com');
    await p.getByRole('button', { name: 'Enable site' }).click();
    await expect.poll(() => p.getByRole('alert').innerText()).toMatch(/only on http and https pages/);
    await p.getByLabel(/Another site/).fill(site.url);
    await p.getByRole('button', { name: 'Enable site' }).click();
    await expect.poll(() => p.locator('main').innerText()).toContain(`Tieout is on for ${site.url}`);
    expect(await p.getByRole('list', { name: 'Enabled sites' }).innerText()).toContain(site.url);
    await expectAccessible(p);
    await screenshot(p, 'options', '02-sites');
    await p.getByRole('button', { name: `Remove ${site.url}` }).click();
    await p.getByTestId('no-sites').waitFor();
    const stored = await p.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { get: (k: string) => Promise<Record<string, unknown>> } } };
        }
      ).chrome.storage.local.get('sites'),
    );
    expect(stored.sites).toEqual([]);
    await p.close();
  });

  it('validates a custom number format live against its sample, and refuses unsafe patterns', async () => {
    const p = await ext.openOptions('#formats');
    const check = p.getByTestId('format-check');
    const save = p.getByRole('button', { name: 'Save format' });
    await p.getByLabel('Vendor').fill('Acme GmbH');
    await p.getByLabel('Pattern (regular expression)').fill('(\\d+)+X');
    await p.getByLabel('Sample number').fill('1111X');
    await expect.poll(() => check.innerText()).toMatch(/nested quantifiers/);
    expect(await save.isDisabled()).toBe(true);
    await p.getByLabel('Pattern (regular expression)').fill('\\d*');
    await expect.poll(() => check.innerText()).toMatch(/empty/);
    await p.getByLabel('Pattern (regular expression)').fill('AC-\\d{6}');
    await p.getByLabel('Sample number').fill('AC-0045');
    await expect.poll(() => check.innerText()).toBe('The sample does not match the pattern.');
    await p.getByLabel('Sample number').fill('AC-004512');
    await expect.poll(() => check.innerText()).toContain('stored under key AC004512');
    await expectAccessible(p);
    await screenshot(p, 'options', '03-formats');
    await save.click();
    const table = p.getByRole('table', { name: 'Saved number formats' });
    await expect.poll(() => table.innerText()).toContain('AC-\\d{6}');
    const stored = await p.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { get: (k: string) => Promise<Record<string, unknown>> } } };
        }
      ).chrome.storage.local.get('customFormats'),
    );
    expect(stored.customFormats).toEqual([
      { vendor: 'Acme GmbH', kind: 'invoice', pattern: 'AC-\\d{6}', caseInsensitive: false, sample: 'AC-004512' },
    ]);
    await p.reload();
    await expect.poll(() => p.getByRole('table', { name: 'Saved number formats' }).innerText()).toContain('AC-004512');
    await p.close();
  });

  it('saves tolerances, the default match and a vendor override', async () => {
    const p = await ext.openOptions('#matching');
    await p.getByTestId('price-percent').waitFor();
    expect(await p.getByTestId('price-percent').inputValue()).toBe('2');
    expect(await p.getByTestId('total-absolute').inputValue()).toBe('1');
    await p.getByTestId('price-percent').fill('5');
    await p.getByTestId('quantity-percent').fill('abc');
    await p.getByRole('button', { name: 'Save tolerances' }).click();
    await expect
      .poll(() => p.getByRole('alert').innerText())
      .toMatch(/Quantity: "abc" is not a number.*Nothing was saved/);
    await p.getByTestId('quantity-percent').fill('');
    await p.getByLabel(/3-way: also against goods receipts/).check();
    await p.getByRole('button', { name: 'Save tolerances' }).click();
    await expect.poll(() => p.getByRole('status').first().innerText()).toMatch(/Tolerances saved/);

    await p.getByLabel('Vendor name').fill('Acme GmbH');
    await p.getByTestId('override-price-percent').fill('10');
    await p.getByRole('button', { name: 'Save vendor override' }).click();
    const overrides = p.getByRole('table', { name: 'Vendor overrides' });
    await expect.poll(() => overrides.innerText()).toMatch(/ACME\s+10%/);
    await expectAccessible(p);
    await screenshot(p, 'options', '04-matching');

    await p.reload();
    await p.getByTestId('price-percent').waitFor();
    expect(await p.getByTestId('price-percent').inputValue()).toBe('5');
    expect(await p.getByRole('radio', { name: /3-way/ }).isChecked()).toBe(true);
    expect(await p.getByRole('table', { name: 'Vendor overrides' }).innerText()).toMatch(/ACME/);
    await p.close();
  });

  it('previews a CSV with its errors, imports only valid rows when asked, and shows counts', async () => {
    const p = await ext.openOptions('#data');
    const csv = [
      'PO Number,Vendor,PO Date,Total,Currency',
      '4500088001,Acme GmbH,2026-10-01,1000.00,EUR',
      '4500088002,Globex Ltd,2026-10-02,not money,EUR',
      '4500088003,Initech,2026-10-03,2000.00,EUR',
    ].join('\n');
    await p.getByLabel('CSV file').setInputFiles({ name: 'pos.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = p.getByTestId('csv-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toMatch(/3 rows make/);
    expect(await p.getByTestId('csv-errors').innerText()).toMatch(/Line 3/);
    const importButton = p.getByRole('button', { name: /^Import \d+ documents$/ });
    expect(await importButton.isDisabled()).toBe(true);
    await expectAccessible(p);
    await screenshot(p, 'options', '05-data-preview');
    await p.getByLabel('Import only the valid rows').check();
    await importButton.click();
    await expect
      .poll(() => p.getByRole('status').first().innerText())
      .toMatch(/Imported 2 of 3 rows.*1 row with an error was skipped/);
    await expect.poll(() => p.getByTestId('counts').innerText()).toMatch(/^2 documents \(2 PO/);
    expect(await p.getByTestId('counts').innerText()).toMatch(/Storage used: \d/);
    await p.close();
  });

  it('shows rows read and written while importing, and a cancelled import writes nothing', async () => {
    const p = await ext.openOptions('#data');
    const before = await documentCount(p);
    const rows = ['PO Number,Vendor,PO Date,Total,Currency'];
    for (let i = 0; i < 20_000; i++)
      rows.push(`47${String(i).padStart(8, '0')},Vendor ${i % 50},2026-09-01,${(i % 900) + 100}.00,EUR`);
    await p.getByLabel('CSV file').setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await p.getByTestId('csv-preview').waitFor({ timeout: 30_000 });
    // Cancel the moment the progress bar shows, remembering what it said.
    await p.evaluate(() => {
      const g = globalThis as unknown as { progressSeen?: string };
      const observer = new MutationObserver(() => {
        const progress = document.querySelector('[data-testid="import-progress"]');
        const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel import');
        if (progress && cancel && !g.progressSeen) {
          g.progressSeen = progress.textContent ?? '';
          cancel.click();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await p.getByRole('button', { name: 'Import 20000 documents' }).click();
    await expect
      .poll(() => p.getByRole('alert').innerText(), { timeout: 60_000 })
      .toMatch(/cancelled\. Nothing was imported/);
    const seen = await p.evaluate(() => (globalThis as unknown as { progressSeen?: string }).progressSeen);
    expect(seen).toMatch(/Rows read: \d+ of 20000 · Documents written: \d+ of 20000/);
    expect(await documentCount(p)).toBe(before);
    await p.close();
  });

  it('follows a dark colour scheme and keeps its contrast there', async () => {
    const p = await ext.openOptions('#welcome');
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.getByRole('heading', { name: 'Welcome to Tieout' }).waitFor();
    expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(30, 31, 34)');
    await expectAccessible(p);
    await screenshot(p, 'options', '07-dark-welcome');
    for (const view of ['matching', 'sites', 'formats', 'data']) {
      await p.goto(p.url().replace(/#.*$/, `#${view}`));
      await p.locator(`main[data-view="${view}"]`).waitFor();
      if (view === 'data') await p.getByTestId('counts').waitFor();
      await expectAccessible(p);
    }
    await p.close();
  });

  it('exports CSV, backs up, wipes with a typed confirmation and restores the backup', async () => {
    const p = await ext.openOptions('#data');
    await p.getByTestId('counts').waitFor();
    const before = await readLedgerTable(p, 'documents');
    expect(before.length).toBeGreaterThan(0);

    const [csvDownload] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Export documents (CSV)' }).click(),
    ]);
    const csv = readFileSync((await csvDownload.path()) as string, 'utf8');
    expect(csv).toContain('4500088001');
    expect(csvDownload.suggestedFilename()).toMatch(/^tieout-documents-\d{4}-\d{2}-\d{2}\.csv$/);

    const [backupDownload] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Back up (JSON)' }).click(),
    ]);
    const backupPath = (await backupDownload.path()) as string;
    expect(JSON.parse(readFileSync(backupPath, 'utf8'))).toMatchObject({ format: 'tieout-backup' });

    const wipe = p.getByRole('button', { name: 'Wipe the ledger' });
    const confirm = p.getByLabel(/Type DELETE/);
    await confirm.fill('delete');
    expect(await wipe.isDisabled()).toBe(true);
    await confirm.fill('DELETE');
    await expectAccessible(p);
    await screenshot(p, 'options', '06-data');
    await wipe.click();
    await p.getByText(/The ledger is empty/).waitFor();
    expect(await documentCount(p)).toBe(0);
    await expect.poll(() => p.getByTestId('counts').innerText()).toMatch(/^0 documents/);

    await p.getByLabel(/Restore a backup/).setInputFiles(backupPath);
    await p.getByText(/Restored \d+ documents/).waitFor();
    const after = await readLedgerTable(p, 'documents');
    expect(after.map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());

    await p.getByLabel(/Restore a backup/).setInputFiles({
      name: 'not-a-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": 1}'),
    });
    await expect.poll(() => p.getByRole('alert').innerText()).toMatch(/not a Tieout backup.*Nothing was changed/);
    expect(await documentCount(p)).toBe(before.length);
    await p.close();
  });
});
