/**
 * `npm start`: build the extension, serve the demo site on 127.0.0.1, and open Chromium with the
 * extension loaded on it. Without a display it runs the tour headless, saves screenshots to a folder
 * it prints, and exits 0.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_HINT,
  chromiumArgs,
  EXTENSION_DIR,
  findChromium,
  launchExtension,
  serveDir,
} from '../tests/e2e/harness';
import { runTour } from './tour';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'artifacts/screenshots/start');

async function main(): Promise<void> {
  let chromePath: string;
  try {
    chromePath = findChromium();
  } catch {
    console.error(CHROMIUM_HINT);
    process.exit(1);
  }
  execSync('npm run -s build:e2e', { cwd: ROOT, stdio: 'inherit' });
  const demo = await serveDir(join(ROOT, 'dev/demo'), Number(process.env.PORT ?? 0));
  console.log(`Demo site: ${demo.url}/`);

  if (!process.env.DISPLAY) {
    mkdirSync(SHOTS, { recursive: true });
    const ext = await launchExtension();
    try {
      const shots = await runTour(ext, demo.url, SHOTS);
      console.log(`No display: ran the tour headless. Screenshots (${shots.length}) in ${SHOTS}`);
      for (const s of shots) console.log(`  ${s}`);
    } finally {
      await ext.close();
      await demo.close();
    }
    return;
  }

  const userDataDir = join(ROOT, '.tmp/chromium-profile');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath,
    headless: false,
    viewport: null,
    args: chromiumArgs(EXTENSION_DIR),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.evaluate(
    (origin) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage: (x: unknown) => Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'sites.enable',
        origin,
      }),
    demo.url,
  );
  await page.goto(`${demo.url}/`);
  console.log('Chromium is open with Tieout loaded. Close the browser window to stop.');
  await new Promise<void>((ok) => context.on('close', () => ok()));
  await demo.close();
}

if (!existsSync(join(ROOT, 'node_modules'))) console.error('Run `npm ci` first.');
main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
