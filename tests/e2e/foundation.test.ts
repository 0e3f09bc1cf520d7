import { describe, expect, it } from 'vitest';
import { type ExtensionSession, FIXTURES_DIR, readLedgerTable, serveDir, waitFor } from './harness';
import { notEnabled, onFixtureSite, type ServedSite } from './session';

describe('foundation: page → worker → IndexedDB → popup', () => {
  let ext: ExtensionSession;
  let site: ServedSite;

  onFixtureSite((e, s) => {
    ext = e;
    site = s;
  });

  it('stores a number found on an enabled page and lists it in the popup', async () => {
    const enabled = (await ext.enableSite(site.url)) as { ok: boolean };
    expect(enabled.ok).toBe(true);
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/foundation/portal.html`);
    const popup = await ext.openPopup();
    const docs = await waitFor(async () => {
      const rows = await readLedgerTable(popup, 'documents');
      return rows.some((d) => d.key === '12345') ? rows : undefined;
    });
    expect(docs?.find((d) => d.key === '12345')).toMatchObject({ kind: 'po', key: '12345' });
    await popup.reload();
    await expect.poll(() => popup.locator('body').innerText()).toContain('0012345');
    await page.close();
  });

  it('keeps the ledger when the worker is stopped, and the worker wakes on the next message', async () => {
    const stored = (await ext.send({
      type: 'report',
      page: { url: `${site.url}/mail`, title: 'Invoice 88231' },
      detections: [
        {
          kind: 'invoice',
          number: 'INV-88231',
          key: '88231',
          confidence: 0.9,
          evidence: 'label "Invoice"',
          span: { block: 0, start: 0, end: 9 },
        },
      ],
    })) as { ok: boolean };
    expect(stored.ok).toBe(true);
    const popup = await ext.openPopup();
    const before = await readLedgerTable(popup, 'documents');
    expect(before.some((d) => d.key === '88231')).toBe(true);
    await ext.stopWorker();
    expect(ext.workerStatus()).toBe('stopped');
    const after = await readLedgerTable(popup, 'documents');
    expect(after).toEqual(before);
    const reply = await ext.send({ type: 'ping' });
    expect(reply).toEqual({ ok: true, data: 'pong' });
    expect(ext.workerStatus()).toBe('running');
  });

  it('rejects a message with a wrong shape with an error sentence and stores nothing', async () => {
    const popup = await ext.openPopup();
    const before = await readLedgerTable(popup, 'documents');
    const reply = (await ext.send({
      type: 'report',
      page: { url: 'http://127.0.0.1/', title: 'x' },
      detections: [{ kind: 'po', number: 'PO-999', key: '999', confidence: 7 }],
    })) as { ok: boolean; error?: string };
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/rejected.*Nothing was stored/);
    expect(await readLedgerTable(popup, 'documents')).toEqual(before);
  });

  it('does not run on a site that was not enabled', async () => {
    const other = await serveDir(FIXTURES_DIR);
    const url = notEnabled(other.url);
    const popup = await ext.openPopup();
    const before = (await readLedgerTable(popup, 'documents')).map((d) => d.sightings);
    const page = await ext.context.newPage();
    await page.goto(`${url}/foundation/portal.html`);
    await page.waitForTimeout(1500);
    expect((await readLedgerTable(popup, 'documents')).map((d) => d.sightings)).toEqual(before);
    await page.close();
    await other.close();
  });
});
