/**
 * Privacy of a clerk alone: with no team configured, the built extension makes no network request
 * at all — not from its service worker, not from its popup or options page, not from the content
 * script — while the clerk reads an invoice page, imports POs, opens the popup and the Team view and
 * asks for a sync. Every request the browser context makes is watched (pages and, in Chromium, the
 * extension's service worker); the control at the end proves the watch sees the worker's fetches.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, FIXTURES_DIR, launchExtension, serveDir } from './harness';
import { importCsvViaOptions } from './helpers';
import { waitForHighlights } from './page-highlights';

interface Seen {
  url: string;
  fromWorker: boolean;
  fromExtensionPage: boolean;
}

let ext: ExtensionSession;
let site: Awaited<ReturnType<typeof serveDir>>;
let canary: Server;
let canaryUrl: string;
const canaryHits: string[] = [];
const seen: Seen[] = [];

function describeRequest(r: Request): Seen {
  let fromExtensionPage = false;
  try {
    fromExtensionPage = r.frame().page().url().startsWith('chrome-extension://');
  } catch {
    // A service worker's request has no frame.
  }
  return { url: r.url(), fromWorker: r.serviceWorker() !== null, fromExtensionPage };
}

/** What left the extension for the network: anything but its own files and the page the clerk opened. */
function offBrowser(list: Seen[]): Seen[] {
  return list.filter((s) => {
    if (s.url.startsWith(`chrome-extension://${ext.extensionId}/`)) return false;
    if (s.fromWorker || s.fromExtensionPage) return true;
    return !s.url.startsWith(`${site.url}/`);
  });
}

beforeAll(async () => {
  site = await serveDir(FIXTURES_DIR);
  // A loopback server that answers like a CouchDB refusing everyone: the control's "team server".
  canary = createServer((req, res) => {
    canaryHits.push(`${req.method} ${req.url}`);
    res.writeHead(401, {
      'content-type': 'application/json',
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'accept, authorization, content-type',
    });
    res.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
  });
  await new Promise<void>((ok) => canary.listen(0, '127.0.0.1', ok));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  ext = await launchExtension();
  ext.context.on('request', (r) => seen.push(describeRequest(r)));
  expect(await ext.enableSite(site.url)).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await site?.close();
  await new Promise<void>((ok) => (canary ? canary.close(() => ok()) : ok()));
});

describe('a clerk with no team', () => {
  it('sends nothing anywhere while reading, importing, opening the popup and the Team view', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/team/invoice.html?n=INV-2025-0511&total=640.00`);
    await waitForHighlights(page, 1);
    await page.close();
    expect(
      await importCsvViaOptions(
        ext,
        'PO Number,Vendor,Date,Total,Currency\nPO-4500095001,Nordwind AG,2025-03-01,640.00,EUR',
      ),
    ).toMatch(/^Imported 1 of 1 rows/);
    const popup = await ext.openPopup();
    await popup.locator('body').waitFor();
    await popup.close();
    const team = await ext.openOptions('#team');
    await team.getByRole('heading', { name: 'Team' }).waitFor();
    await team.close();
    // A sync asked for outright, and after the worker was stopped and woken again.
    expect(await ext.send({ type: 'team.sync' })).toEqual({ ok: true });
    await ext.stopWorker();
    expect(await ext.send({ type: 'ping' })).toMatchObject({ ok: true });
    expect(await ext.send({ type: 'team.sync' })).toEqual({ ok: true });
    const helper = await ext.openPopup();
    const alarms = await helper.evaluate(() =>
      (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<unknown[]> } } }).chrome.alarms.getAll(),
    );
    await helper.close();
    expect(alarms).toEqual([]);
    // The watch did see the clerk's own page load: it is watching.
    expect(seen.some((s) => s.url.startsWith(`${site.url}/team/invoice.html`))).toBe(true);
    expect(offBrowser(seen)).toEqual([]);
  }, 120_000);

  it('control: once a team server is saved, the watch sees the worker reach it (and only it)', async () => {
    const page = await ext.openOptions('#team');
    await page.getByRole('heading', { name: 'Team' }).waitFor();
    await page.getByLabel('Server address').fill(canaryUrl);
    await page.getByLabel('Database').fill('ap-team');
    await page.getByLabel('User name').fill('carol');
    await page.getByLabel('Password').fill('carol-Team-pw-33');
    await page.getByRole('button', { name: 'Save and sync' }).click();
    const note = page.getByTestId('team-note');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.innerText()).toMatch(/^Rejected: the server refused user “carol”/);
    await page.close();
    expect(canaryHits.length).toBeGreaterThan(0);
    const out = offBrowser(seen);
    expect(out.some((s) => s.fromWorker && s.url.startsWith(`${canaryUrl}/`))).toBe(true);
    expect(out.filter((s) => !s.url.startsWith(`${canaryUrl}/`))).toEqual([]);
  }, 120_000);
});
