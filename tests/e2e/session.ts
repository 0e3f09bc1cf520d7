/**
 * The set-up most end-to-end files share, as vitest hooks (kept out of harness.ts, which dev tools
 * import outside vitest): tests/fixtures served from loopback and the extension launched before the
 * file's tests, both closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { type ExtensionSession, FIXTURES_DIR, launchExtension, serveDir } from './harness';

export type ServedSite = Awaited<ReturnType<typeof serveDir>>;

/** Registers the hooks; `ready` receives the session and the site once both are up, for the file's own set-up. */
export function onFixtureSite(ready: (ext: ExtensionSession, site: ServedSite) => void | Promise<void>): void {
  let ext: ExtensionSession | undefined;
  let site: ServedSite | undefined;
  beforeAll(async () => {
    site = await serveDir(FIXTURES_DIR);
    ext = await launchExtension();
    await ready(ext, site);
  });
  afterAll(async () => {
    await ext?.close();
    await site?.close();
  });
}

/** The same server under its other loopback name, where the tests never enable Tieout. */
export const notEnabled = (url: string): string => url.replace('127.0.0.1', 'localhost');
