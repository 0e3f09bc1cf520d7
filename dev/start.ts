/**
 * `npm start`: build the extension, serve the demo site (dev/demo) on 127.0.0.1, and open Chromium
 * with Tieout loaded, the demo enabled as a site, the open POs imported, and a tab on the inbox.
 * Without a display (no DISPLAY) it runs the same tour headless (dev/tour.ts), saves screenshots to
 * a folder it prints, and exits 0.
 *
 * PORT=8080 picks the demo's port; TIEOUT_SHOTS=dir picks the screenshot folder; TIEOUT_DPR=2 takes
 * the headless screenshots at 2× device pixel ratio (what a high-density screen shows);
 * `npm start -- --update-docs` (headless) also refreshes docs/screenshot.png for the README.
 */
import { execSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  CHROMIUM_HINT,
  chromiumArgs,
  EXTENSION_DIR,
  findChromium,
  launchExtension,
  readLedgerTable,
  serveDir,
} from '@/tests/e2e/harness';
import { DEMO_DIR, enableDemoSite, importOpenPos, runTour, type TourSession } from './tour';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = resolve(process.env.TIEOUT_SHOTS ?? join(ROOT, 'artifacts/screenshots/start'));

/** A tour session over a headed browser with a kept profile (the harness's is headless and fresh). */
async function headedSession(context: BrowserContext): Promise<TourSession & { extensionId: string }> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const open = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  let helper: Page | undefined;
  const send = async (message: unknown): Promise<unknown> => {
    if (!helper || helper.isClosed()) helper = await open('popup.html');
    return helper.evaluate(
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
    openPopup: (query = '') => open(`popup.html${query}`),
    openOptions: (hash = '') => open(`options.html${hash}`),
    send,
    enableSite: (origin) => send({ type: 'sites.enable', origin }),
  };
}

async function headless(demoUrl: string): Promise<void> {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const dpr = Number(process.env.TIEOUT_DPR) || undefined;
  const ext = await launchExtension({ deviceScaleFactor: dpr });
  try {
    const result = await runTour(ext, demoUrl, SHOTS, (line) => console.log(`  · ${line}`));
    // What each shot showed (text, highlight counts, roles), for a reviewer or a script.
    const { demo: _demo, ...facts } = result;
    writeFileSync(join(SHOTS, 'tour.json'), `${JSON.stringify(facts, null, 2)}\n`);
    const problems = result.shots.flatMap((s) => s.problems.map((p) => `${s.id}: ${p}`));
    if (result.missing.length) problems.push(`inbox: no ${result.missing.join(', ')} exception opened`);
    console.log(`\nNo display: ran the tour headless in ${(result.ms / 1000).toFixed(1)} s.`);
    console.log(
      `Ledger: ${JSON.stringify(result.ledger.documents)}; open exceptions: ${JSON.stringify(result.ledger.exceptions)}`,
    );
    if (problems.length) console.log(`Not as expected (see the screenshots):\n  ${problems.join('\n  ')}`);
    console.log(`Screenshots (${result.shots.length}) in ${SHOTS}:`);
    for (const s of result.shots) console.log(`  ${relative(SHOTS, s.file)}  ${s.caption}`);
    console.log('  tour.json  what each screenshot showed: text, highlight counts, roles');
    console.log(`  ${relative(SHOTS, result.overview)}  card and record view side by side (the README's picture)`);
    if (process.argv.includes('--update-docs')) {
      copyFileSync(result.overview, join(ROOT, 'docs/screenshot.png'));
      console.log('Copied it to docs/screenshot.png.');
    }
  } finally {
    await ext.close();
  }
}

async function headed(chromePath: string, demoUrl: string): Promise<void> {
  // A kept profile: the ledger and the enabled site survive between runs, like a clerk's browser.
  const userDataDir = join(ROOT, '.tmp/chromium-profile');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath,
    headless: false,
    viewport: null,
    args: chromiumArgs(EXTENSION_DIR),
  });
  const ext = await headedSession(context);
  const options = await ext.openOptions('#data');
  // First run: an empty ledger starts from the open POs, imported through the options page.
  const firstRun = (await readLedgerTable(options, 'documents')).length === 0;
  if (firstRun) {
    const problems = await importOpenPos(options);
    for (const p of problems) console.log(`Import: ${p}`);
  }
  await enableDemoSite(ext, options, demoUrl, console.log);
  const portal = await context.newPage();
  await portal.goto(`${demoUrl}/`);
  // The inbox opens on the over-billed invoice: hover its number to see the card.
  const inbox = await context.newPage();
  await inbox.goto(`${demoUrl}/inbox.html#m=overbilled`);
  await inbox.bringToFront();
  console.log(`Chromium is open with Tieout on ${demoUrl}: the inbox (hover the red invoice number), the`);
  console.log(`supplier portal, and the open POs (${firstRun ? 'imported now' : 'imported on the first run'}).`);
  console.log('Click the Tieout button for lookup and exceptions. Close the browser to stop.');
  await new Promise<void>((ok) => context.on('close', () => ok()));
}

async function main(): Promise<void> {
  let chromePath: string;
  try {
    chromePath = findChromium();
  } catch {
    console.error(CHROMIUM_HINT);
    process.exit(1);
  }
  execSync('npm run -s build:e2e', { cwd: ROOT, stdio: 'inherit' });
  const demo = await serveDir(DEMO_DIR, Number(process.env.PORT ?? 0));
  console.log(`Demo site: ${demo.url}/ (supplier portal) and ${demo.url}/inbox.html (webmail)`);
  try {
    if (process.env.DISPLAY) await headed(chromePath, demo.url);
    else await headless(demo.url);
  } finally {
    await demo.close();
  }
}

if (!existsSync(join(ROOT, 'node_modules'))) {
  console.error('Run `npm ci` first.');
  process.exit(1);
}
main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
