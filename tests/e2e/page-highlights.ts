/**
 * Reading the overlay's highlights back from a page (or frame) in its own world, for end-to-end
 * files that assert what a clerk sees: `CSS.highlights` per status, and the ranges' texts.
 */
import type { Frame, Page } from 'playwright-core';
import { waitFor } from './harness';

export type Counts = Record<string, number>;

/** Highlight sizes per registered name. */
export function highlightCounts(target: Page | Frame): Promise<Counts> {
  return target.evaluate(() => {
    const out: Record<string, number> = {};
    for (const [name, h] of CSS.highlights) out[name] = h.size;
    return out;
  });
}

/** The text of every highlighted range, per status (`tied`, `exception`, `unknown`, `ignored`). */
export function highlightTexts(target: Page | Frame): Promise<Record<string, string[]>> {
  return target.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, h] of CSS.highlights) out[name.replace('tieout-', '')] = [...h].map((r) => r.toString());
    return out;
  });
}

/** Every highlighted text, whatever its status. */
export async function allHighlightTexts(target: Page | Frame): Promise<string[]> {
  return Object.values(await highlightTexts(target)).flat();
}

/** The page's frame whose address ends with `suffix`, once it is there (undefined at the timeout). */
export function frameEndingWith(page: Page, suffix: string): Promise<Frame | undefined> {
  return waitFor(async () => page.frames().find((f) => f.url().endsWith(suffix) && !f.isDetached()));
}

/** Each highlighted text with its status (the last one wins for a text painted twice). */
export async function statusByText(target: Page | Frame): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [status, texts] of Object.entries(await highlightTexts(target))) for (const t of texts) out[t] = status;
  return out;
}

export const totalOf = (c: Counts): number => Object.values(c).reduce((a, b) => a + b, 0);

/** Waits until at least `atLeast` ranges are registered; answers the counts then (or at the timeout). */
export async function waitForHighlights(target: Page | Frame, atLeast: number, timeoutMs = 30_000): Promise<Counts> {
  const counts = await waitFor(
    async () => {
      const c = await highlightCounts(target);
      return totalOf(c) >= atLeast ? c : undefined;
    },
    timeoutMs,
    150,
  );
  return counts ?? (await highlightCounts(target));
}
