/**
 * A hostile page: numbers that contain `<img onerror>` and `<script>` as text, 10 MB of digits in
 * one text node, 50,000 nested elements, a textarea and a script block with numbers in them. The
 * overlay must not break the page, inject markup, run page text as code, or stop the page's scripts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, waitFor } from './harness';
import { allHighlightTexts } from './page-highlights';
import { notEnabled, onFixtureSite, type ServedSite } from './session';

/** A cheap fingerprint of the body's markup (10 MB of it), computed in the page. */
function bodyFingerprint(page: Page): Promise<{ length: number; hash: number; children: string[] }> {
  return page.evaluate(() => {
    const html = document.body.innerHTML;
    let hash = 0;
    for (let i = 0; i < html.length; i += 97) hash = (hash * 31 + html.charCodeAt(i)) | 0;
    return { length: html.length, hash, children: [...document.documentElement.children].map((e) => e.tagName) };
  });
}

describe('page overlay on a hostile page', () => {
  let ext: ExtensionSession;
  let site: ServedSite;
  let reference: Awaited<ReturnType<typeof bodyFingerprint>>;

  onFixtureSite(async (e, s) => {
    ext = e;
    site = s;
    // The same page on an origin where Tieout is off: what the page looks like untouched.
    const plain = await ext.context.newPage();
    await plain.goto(`${notEnabled(site.url)}/overlay/hostile.html`);
    await plain.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
    reference = await bodyFingerprint(plain);
    await plain.close();
    await ext.enableSite(site.url);
  });

  it('highlights the real numbers, runs no page text, injects no markup, and the page keeps working', async () => {
    const page = await ext.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Long tasks from the moment the page's own set-up is done (that set-up is the page's, not ours).
    await page.addInitScript(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${site.url}/overlay/hostile.html`);
    await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
    const readyAt = await page.evaluate(() => performance.now());

    const texts = await waitFor(async () => {
      const t = await allHighlightTexts(page);
      return t.includes('INV-2025-77001') && t.includes('PO-4500012300') ? t : undefined;
    }, 60_000);
    expect(texts).toBeDefined();
    // The number split over <b>/<i> is one range; the deepest of 50,000 nested elements is reached.
    expect(texts).toEqual(expect.arrayContaining(['PO-4500012300', 'INV-5512', 'INV-2025-77001']));
    // Nothing from the textarea or the script block; no range inside the 10 MB run of digits.
    expect(texts!.some((t) => t.includes('4500012302') || t.includes('4500012303'))).toBe(false);
    expect(texts!.every((t) => t.length < 40)).toBe(true);

    // Page text was never run as code; the page's own onerror ran exactly once, as without Tieout.
    const flags = await page.evaluate(() => {
      const w = window as unknown as { __pwned?: number; __imgErrors?: number };
      return { pwned: w.__pwned, imgErrors: w.__imgErrors };
    });
    expect(flags).toEqual({ pwned: undefined, imgErrors: 1 });

    // The body is byte-for-byte what the page built; our only node is the shadow host after it.
    const after = await bodyFingerprint(page);
    expect(after.length).toBe(reference.length);
    expect(after.hash).toBe(reference.hash);
    expect(after.children).toEqual(['HEAD', 'BODY', 'TIEOUT-OVERLAY']);

    // The page's scripts keep running and its handlers keep answering.
    const ticks = await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
    await page.click('#counter');
    await page.click('#counter');
    expect(await page.locator('#counter').textContent()).toBe('clicked 2');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __ticks: number }).__ticks))
      .toBeGreaterThan(ticks + 5);
    expect(errors).toEqual([]);

    const longest = await page.evaluate(
      (from) =>
        Math.max(
          0,
          ...(window as unknown as { __long: { start: number; duration: number }[] }).__long
            .filter((e) => e.start >= from)
            .map((e) => e.duration),
        ),
      readyAt,
    );
    console.log(`hostile page: longest task after the page's own set-up ${Math.round(longest)} ms`);
    await page.close();
  });
});
