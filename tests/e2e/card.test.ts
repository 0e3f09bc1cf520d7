/**
 * The hover card as a clerk reads it, in real Chromium over a fixture e-mail: the status in words
 * first, one primary action that fits it, and "PO not on file" as its own calm state while nothing
 * says the PO should be on file — then, once POs are imported, the same invoice is an unknown PO.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ExtensionSession } from './harness';
import { ARTIFACTS_DIR, waitFor } from './harness';
import { axeViolations, importCsvViaOptions, screenshotAt2x } from './helpers';
import { statusByText, waitForHighlights } from './page-highlights';
import { onFixtureSite, type ServedSite } from './session';

const SHOTS = join(ARTIFACTS_DIR, 'screenshots', 'card');

/** Centre of the highlighted range whose text is `text`. */
function rangeCentre(page: Page, text: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate((wanted) => {
    for (const [, h] of CSS.highlights) {
      for (const r of h) {
        if (r.toString() === wanted && r instanceof Range) {
          const rect = r.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
    }
    return undefined;
  }, text);
}

async function openCard(page: Page, number: string) {
  const card = page.locator('[data-testid="tieout-card"]');
  const at = await rangeCentre(page, number);
  expect(at, number).toBeDefined();
  await page.mouse.move(5, 5);
  await expect.poll(() => card.count()).toBe(0);
  await page.mouse.move(at!.x, at!.y, { steps: 3 });
  await expect.poll(() => card.locator('[data-field="number"]').textContent()).toMatch(number);
  // The record (with the sentence and the bar) has loaded.
  await expect.poll(() => card.locator('.hint', { hasText: 'Loading' }).count()).toBe(0);
  return card;
}

/** A screenshot of the card at 1× and 2× device pixel ratio. */
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const clip = await page.locator('[data-testid="tieout-card"]').boundingBox();
  const box = clip ? { x: 0, y: 0, width: 1280, height: Math.min(800, clip.y + clip.height + 16) } : undefined;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), clip: box });
  if (box) await screenshotAt2x(page, join(SHOTS, `${name}@2x.png`), { clip: box });
}

describe('hover card', () => {
  let ext: ExtensionSession;
  let site: ServedSite;

  onFixtureSite(async (e, s) => {
    ext = e;
    site = s;
    expect(((await ext.enableSite(site.url)) as { ok: boolean }).ok).toBe(true);
  });

  it('says "PO not on file" calmly, with the way to import POs, while nothing is on file', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/overlay/invoice-mail.html`);
    await waitForHighlights(page, 2);
    // Not the red of a real mismatch: the number is "not tied out yet".
    await expect.poll(async () => (await statusByText(page))['OS-85407']).toBe('unknown');
    const card = await openCard(page, 'OS-85407');
    expect(await card.locator('[data-field="status"]').textContent()).toBe('?PO 4500019555 not on file');
    expect(await card.locator('[data-field="status"]').getAttribute('class')).toMatch(/\binfo\b/);
    // Never "linked" and "not in the ledger" at once.
    expect(await card.locator('[data-field="linked"]').count()).toBe(0);
    expect(await card.innerText()).not.toMatch(/not in the ledger|Linked/);
    expect(await card.locator('[data-field="not-on-file"]').textContent()).toMatch(/Not an exception/);
    expect(await card.locator('button.primary').allTextContents()).toEqual(['Import POs']);
    expect(await card.getByRole('button', { name: /Track as/ }).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Not an invoice number (hide on this site)' }).count()).toBe(1);
    // The first card this browser shows explains the marks.
    expect(await card.getByTestId('legend').innerText()).toMatch(/Tied out[\s\S]*Exception[\s\S]*Not tied out yet/);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, '01-po-not-on-file');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, '02-po-not-on-file-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // "Import POs" opens the import, in a tab of its own.
    const opened = ext.context.waitForEvent('page');
    await card.locator('button.primary').click();
    const options = await opened;
    await expect.poll(() => options.url()).toMatch(/options\.html#data$/);
    await options.close();

    // The PO number itself is only quoted: not on file either, and its card says so.
    const poCard = await openCard(page, '4500019555');
    expect(await poCard.locator('[data-field="status"]').textContent()).toBe('?PO not on file: only quoted so far');
    // Once seen, the legend waits behind its link.
    expect(await poCard.getByTestId('legend').count()).toBe(0);
    await poCard.getByRole('button', { name: 'What the marks mean' }).click();
    expect(await poCard.getByTestId('legend').count()).toBe(1);
    await page.close();
  });

  it('makes the same invoice an unknown PO once POs are imported, with one primary action: resolve', async () => {
    const csv = [
      'PO Number,Vendor,PO Date,Total,Currency',
      '4500012345,Acme Industrial Supply,2026-01-10,1000.00,USD',
    ].join('\n');
    expect(await importCsvViaOptions(ext, csv)).toMatch(/^Imported 1 of 1 rows/);
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/overlay/invoice-mail.html`);
    await waitForHighlights(page, 2);
    await expect.poll(async () => (await statusByText(page))['OS-85407'], { timeout: 15_000 }).toBe('exception');
    const card = await openCard(page, 'OS-85407');
    await expect.poll(() => card.locator('[data-field="status"]').textContent()).toBe('!Unknown PO 4500019555');
    expect(await card.locator('[data-field="exceptions"]').textContent()).toMatch(/not among the POs on file/);
    expect(await card.locator('button.primary').allTextContents()).toEqual(['Resolve in Tieout']);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, '03-unknown-po');
    // Keyboard: the card's primary action takes the focus.
    await page.keyboard.press('Alt+Shift+T');
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('tieout-overlay')?.shadowRoot?.activeElement?.textContent ?? ''),
      )
      .toBe('Resolve in Tieout');
    const opened = ext.context.waitForEvent('page');
    await page.keyboard.press('Enter');
    const record = await opened;
    await expect.poll(() => record.url()).toMatch(/popup\.html\?record=/);
    await waitFor(async () => (await record.locator('article.record').count()) > 0);
    await record.close();
    await page.close();
  });
});
