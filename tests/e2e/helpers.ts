/**
 * Helpers shared by the popup and options end-to-end tests (tests/e2e/popup*.test.ts,
 * tests/e2e/options*.test.ts): axe-core on a page, screenshots under artifacts/, seeding the ledger
 * through the real options page.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, type ExtensionSession, ROOT } from '@/tests/e2e/harness';

const AXE_SOURCE = join(ROOT, 'node_modules/axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2 A/AA rules, contrast included) on the page as it is now. Extension pages
 * forbid inline scripts, so when `addScriptTag` is refused the source is evaluated through DevTools.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) {
    await page.addScriptTag({ path: AXE_SOURCE }).catch(() => undefined);
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  }
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * Saves a screenshot to artifacts/screenshots/<area>/<name>.png, and the same at 2× device pixel
 * ratio as <name>@2x.png (what a high-density screen shows), and returns the 1× path.
 */
export async function screenshot(page: Page, area: 'popup' | 'options', name: string): Promise<string> {
  const dir = join(ARTIFACTS_DIR, 'screenshots', area);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: area === 'options' });
  await screenshotAt2x(page, join(dir, `${name}@2x.png`), { fullPage: area === 'options' });
  return path;
}

/**
 * The page drawn at 2× device pixel ratio, through DevTools (Chromium): the page keeps its layout,
 * only its pixels double. Where DevTools is not there (another browser), no 2× picture is taken.
 */
export async function screenshotAt2x(
  page: Page,
  path: string,
  opts: { fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {},
): Promise<void> {
  const cdp = await page
    .context()
    .newCDPSession(page)
    .catch(() => undefined);
  if (!cdp) return;
  try {
    const size = page.viewportSize() ?? { width: 1280, height: 800 };
    const height = opts.fullPage ? await page.evaluate(() => document.documentElement.scrollHeight) : size.height;
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: 2, mobile: false });
    // A clip of a page whose body scrolls draws the body unscrolled: only a full page or a given clip is clipped.
    const clip = opts.clip ?? (opts.fullPage ? { x: 0, y: 0, width: size.width, height } : undefined);
    const { data } = (await cdp.send('Page.captureScreenshot', {
      format: 'png',
      ...(clip ? { clip: { ...clip, scale: 1 }, captureBeyondViewport: !!opts.fullPage } : {}),
    })) as { data: string };
    writeFileSync(path, Buffer.from(data, 'base64'));
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
}

/** Imports a CSV through the options page's Data view, as a clerk would; resolves with the result sentence. */
export async function importCsvViaOptions(ext: ExtensionSession, csv: string, name = 'pos.csv'): Promise<string> {
  const page = await ext.openOptions('#data');
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('csv-preview').waitFor();
  await page.getByRole('button', { name: /^Import \d+ documents$/ }).click();
  const done = page.getByText(/^Imported \d+ of \d+ rows/);
  await done.waitFor({ timeout: 30_000 });
  const text = await done.innerText();
  await page.close();
  return text;
}

/** A detection as the content script reports it, for seeding through the worker's `report` message. */
export function detection(d: {
  kind: 'po' | 'invoice' | 'credit_note' | 'receipt';
  number: string;
  key: string;
  vendor?: string;
  total?: { minor: number; currency: string };
  issueDate?: string;
  poKeys?: string[];
}) {
  return { confidence: 0.95, evidence: 'e2e seed', span: { block: 0, start: 0, end: d.number.length }, ...d };
}

export interface TextSizes {
  /** The computed font size of body, in px. */
  body: number;
  /** The smallest computed font size of any visible text, in px, and that text. */
  min: number;
  smallest: string;
  /** How many visible text nodes were measured. */
  measured: number;
}

/**
 * Computed font sizes of what the page shows: body's, and the smallest of every visible text node
 * (laid out, not clipped away as screen-reader-only text, not inside a closed or hidden part). Plain
 * DOM reads, so the same check runs in any browser.
 */
export async function textSizes(page: Page): Promise<TextSizes> {
  return page.evaluate(() => {
    const body = Number.parseFloat(getComputedStyle(document.body).fontSize);
    let min = Number.POSITIVE_INFINITY;
    let smallest = '';
    let measured = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent) continue;
      if (parent.closest('script, style, [hidden], .visually-hidden')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
      if (rects.length === 0) continue;
      measured++;
      const size = Number.parseFloat(style.fontSize);
      if (size < min) {
        min = size;
        smallest = text.slice(0, 60);
      }
    }
    return { body, min, smallest, measured };
  });
}
