import { describe, expect, it } from 'vitest';
import { type ExtensionSession, readLedgerTable, waitFor } from './harness';
import { onFixtureSite, type ServedSite } from './session';

/** A vendor's own number format, saved by the options page, extends detection on enabled pages. */
describe('custom number formats on pages', () => {
  let ext: ExtensionSession;
  let site: ServedSite;

  onFixtureSite((e, s) => {
    ext = e;
    site = s;
  });

  it('finds nothing without the format, and the number with it', async () => {
    expect(((await ext.enableSite(site.url)) as { ok: boolean }).ok).toBe(true);
    const popup = await ext.openPopup();
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/custom/vendor-note.html`);
    await page.waitForTimeout(1500);
    const keys = async () => (await readLedgerTable(popup, 'documents')).map((d) => d.key);
    expect(await keys()).not.toContain('ZX884213');

    await popup.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set: (x: unknown) => Promise<void> } } } }
      ).chrome.storage.local.set({
        customFormats: [{ vendor: 'Zeta Corp', kind: 'invoice', pattern: 'ZX-\\d{6}', sample: 'ZX-884213' }],
      }),
    );
    await page.reload();
    const found = await waitFor(async () =>
      (await readLedgerTable(popup, 'documents')).find((d) => d.number === 'ZX-884213'),
    );
    expect(found).toMatchObject({ kind: 'invoice', number: 'ZX-884213' });
  });
});
