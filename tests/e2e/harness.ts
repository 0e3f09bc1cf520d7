/**
 * End-to-end harness: the built extension (npm run build:e2e) in real Chromium, on pages served
 * from loopback. One fresh user-data dir per launch. Used by every tests/e2e/*.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3-e2e');
export const FIXTURES_DIR = join(ROOT, 'tests/fixtures');
export const ARTIFACTS_DIR = join(ROOT, 'artifacts');

export const CHROMIUM_HINT =
  'Chromium was not found: install it with `apt-get update && apt-get install -y chromium` or set CHROME_PATH to a Chromium/Chrome binary.';

/** CHROME_PATH, then /usr/bin/chromium; throws the install hint when neither exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(CHROMIUM_HINT);
  return found;
}

export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    '--no-sandbox',
  ];
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves a folder on a random loopback port. */
export async function serveDir(dir: string, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: () => Promise<Worker>;
  openPopup: (query?: string) => Promise<Page>;
  openOptions: (hash?: string) => Promise<Page>;
  /** Sends one message to the worker from an extension page, as the popup would. */
  send: (message: unknown) => Promise<unknown>;
  /** Stops the service worker through the DevTools protocol, as Chrome does after 30 s idle. */
  stopWorker: () => Promise<void>;
  /** The worker's running status as DevTools last reported it: 'running', 'stopped', … */
  workerStatus: () => string | undefined;
  /** Enables Tieout on an origin through the real protocol (the e2e build holds loopback access). */
  enableSite: (origin: string) => Promise<unknown>;
  close: () => Promise<void>;
}

export async function launchExtension(
  opts: {
    extensionDir?: string;
    viewport?: { width: number; height: number };
    /** Device pixel ratio of every page (2 draws screenshots as a high-density screen shows them). */
    deviceScaleFactor?: number;
    /** Extra Chromium arguments (a second clerk's profile). */
    args?: string[];
  } = {},
): Promise<ExtensionSession> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build:e2e\` first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'tieout-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args: [...chromiumArgs(extensionDir), ...(opts.args ?? [])],
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    ...(opts.deviceScaleFactor ? { deviceScaleFactor: opts.deviceScaleFactor } : {}),
  });

  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (live) return live;
    return context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = new URL((await worker()).url()).host;

  let helperPage: Page | undefined;
  const extensionPage = async (): Promise<Page> => {
    if (helperPage && !helperPage.isClosed()) return helperPage;
    helperPage = await context.newPage();
    await helperPage.goto(`chrome-extension://${extensionId}/popup.html`);
    return helperPage;
  };

  // One DevTools session watches the worker's running status for stopWorker()/workerStatus().
  let status: string | undefined;
  const statusPage = await extensionPage();
  const cdp = await context.newCDPSession(statusPage);
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) {
      if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) status = v.runningStatus;
    }
  });
  await cdp.send('ServiceWorker.enable');

  const send = async (message: unknown): Promise<unknown> => {
    const page = await extensionPage();
    return page.evaluate(
      (m) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage: (x: unknown) => Promise<unknown> } } }
        ).chrome.runtime.sendMessage(m),
      message,
    );
  };

  return {
    context,
    extensionId,
    worker,
    openPopup: async (query = '') => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html${query}`);
      return page;
    },
    openOptions: async (hash = '') => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html${hash}`);
      return page;
    },
    send,
    stopWorker: async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const stopped = await waitFor(async () => status === 'stopped', 10_000, 50);
      if (!stopped) throw new Error(`The service worker did not stop (status: ${status}).`);
    },
    workerStatus: () => status,
    enableSite: (origin: string) => send({ type: 'sites.enable', origin }),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Reads a table of the ledger from an extension page (same origin as the worker's IndexedDB). */
export async function readLedgerTable(
  page: Page,
  table: 'documents' | 'exceptions',
): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((ok, fail) => {
        const open = indexedDB.open('tieout');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            ok([]);
            return;
          }
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            ok(request.result as Record<string, unknown>[]);
          };
          request.onerror = () => fail(request.error);
        };
      }),
    table,
  );
}

/** Polls until `check` returns a truthy value or the timeout passes; returns the last value. */
export async function waitFor<T>(check: () => Promise<T>, timeoutMs = 10_000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await check();
  while (!last && Date.now() < until) {
    await new Promise((r) => setTimeout(r, stepMs));
    last = await check();
  }
  return last;
}
