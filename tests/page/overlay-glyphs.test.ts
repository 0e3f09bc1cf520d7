import { describe, expect, it } from 'vitest';
import type { Message } from '@/lib/messages';
import { GLYPH_CAP, type OverlayState, sameGlyphs } from '@/lib/page/overlay';
import { fakePage, invoicesFound, overlayOn } from './fake-page';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The overlay on the fake page: the scanner hands over `count` invoice numbers, one per row, and
 * the worker answers each report with a status (every third an exception).
 */
async function overlayWith(count: number) {
  const page = fakePage();
  const states: OverlayState[] = [];
  const send = async (message: Message) => {
    if (message.type !== 'page.report') return { ok: true, data: [] };
    return {
      ok: true,
      data: message.detections.map((d) => ({
        kind: d.kind,
        key: d.key,
        number: d.number,
        status: Number(d.key) % 3 === 0 ? 'exception' : 'tied',
        exceptions: [],
      })),
    };
  };
  const { overlay, found } = overlayOn(page, send, (s) => states.push(s));
  found(invoicesFound(page, count));
  // Report (150 ms), paint task, commit (150 ms).
  await wait(450);
  return { page, overlay, states };
}

describe('overlay: status glyphs', () => {
  it('draws a glyph per painted number in view, with its status, a frame after the highlights change', async () => {
    const { page, overlay, states } = await overlayWith(40);
    page.inView(
      Array.from({ length: 40 }, (_, i) => i),
      true,
    );
    // Numbers were found: the canvas was told to take its pixels before any glyph.
    expect(states.find((s) => s.glyphsSoon)).toBeDefined();
    // The frame that paints new highlights is left alone; the glyphs come in the next one.
    const rendered = states.length;
    expect(page.runFrames()).toBe(1);
    expect(states.length).toBe(rendered);
    expect(page.runFrames()).toBe(1);
    const glyphs = states.at(-1)?.glyphs ?? [];
    // Rows are 20 px apart on a 600 px screen: rows 0-29 show.
    expect(glyphs.map((g) => g.number)).toEqual(Array.from({ length: 30 }, (_, i) => `INV-${i}`));
    expect(glyphs.filter((g) => g.status === 'exception').map((g) => g.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => `INV-${i * 3}`),
    );
    expect(states.at(-1)?.view).toEqual({ width: 800, height: 600 });
    overlay.stop();
  });

  it('coalesces scroll events into one update per frame, and re-renders only when a glyph moved', async () => {
    const { page, overlay, states } = await overlayWith(10);
    page.inView(
      Array.from({ length: 10 }, (_, i) => i),
      true,
    );
    page.runFrames();
    page.runFrames();
    const rendered = states.length;
    // A burst of scroll events (the page's and a nested scroller's, in capture) before the next frame.
    for (let i = 0; i < 25; i++) overlay.reposition();
    expect(page.pendingFrames()).toBe(1);
    page.runFrames();
    // Nothing moved: no render at all.
    expect(states.length).toBe(rendered);
    page.moveText(4, { left: 10, top: 300, right: 70, bottom: 316 });
    overlay.reposition();
    overlay.reposition();
    expect(page.runFrames()).toBe(1);
    expect(states.length).toBe(rendered + 1);
    expect(states.at(-1)?.glyphs.find((g) => g.number === 'INV-4')?.at.top).toBe(300);
    // Stopped: pending frames are cancelled and no further update is asked for.
    overlay.reposition();
    page.inView([9], false);
    expect(page.pendingFrames()).toBe(2);
    overlay.stop();
    expect(page.pendingFrames()).toBe(0);
    overlay.reposition();
    expect(page.pendingFrames()).toBe(0);
  });

  it('caps the glyphs drawn at once', async () => {
    expect(GLYPH_CAP).toBeGreaterThanOrEqual(100);
    const { page, overlay, states } = await overlayWith(GLYPH_CAP + 50);
    // Every row on screen: rows squeezed 1 px apart.
    for (let i = 0; i < GLYPH_CAP + 50; i++) page.moveText(i, { left: 10, top: i, right: 70, bottom: i + 1 });
    page.inView(
      Array.from({ length: GLYPH_CAP + 50 }, (_, i) => i),
      true,
    );
    page.runFrames();
    page.runFrames();
    const glyphs = states.at(-1)?.glyphs ?? [];
    expect(glyphs).toHaveLength(GLYPH_CAP);
    expect(glyphs.at(-1)?.number).toBe(`INV-${GLYPH_CAP - 1}`);
    overlay.stop();
  });

  it('leaves the canvas without pixels on a page where no number was found', async () => {
    const { page, overlay, states } = await overlayWith(0);
    page.runFrames();
    expect(states.length).toBeGreaterThan(0);
    expect(states.some((s) => s.glyphsSoon || s.glyphs.length)).toBe(false);
    overlay.stop();
  });

  it('compares glyph lists by what they would draw', () => {
    const at = { left: 1, top: 2, right: 3, bottom: 4 };
    const a = [{ status: 'tied' as const, number: 'INV-1', at }];
    expect(sameGlyphs(a, [{ ...a[0]!, at: { ...at } }])).toBe(true);
    expect(sameGlyphs(a, [{ ...a[0]!, status: 'exception' }])).toBe(false);
    expect(sameGlyphs(a, [{ ...a[0]!, at: { ...at, top: 3 } }])).toBe(false);
    expect(sameGlyphs(a, [])).toBe(false);
  });
});
