/**
 * Status glyphs in real Chromium: the highlights are background tints only, so each highlighted
 * number in view gets a glyph (its status as a shape) drawn on the overlay's canvas in our shadow
 * root. Read back from that canvas's pixels: every number in view has a glyph of its status's
 * colour at its top right, numbers out of view (below the screen, or scrolled out of a nested
 * scroller) have none, the glyphs follow the page's and the pane's scrolling, the page's DOM gets
 * nothing new, and hovering a number still opens the card.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, waitFor } from './harness';
import { notEnabled, onFixtureSite, type ServedSite } from './session';

/** The glyph fills of components/overlay/OverlayApp.tsx (GLYPH_COLOUR), as RGB. */
const GLYPH_RGB: Record<string, [number, number, number]> = {
  tied: [0x1a, 0x7f, 0x37],
  exception: [0xcf, 0x22, 0x2e],
  unknown: [0x09, 0x69, 0xda],
  ignored: [0x6e, 0x77, 0x81],
};

interface MarkSeen {
  text: string;
  status: string;
  inPane: boolean;
  /** Some part of it is in the viewport and, in the pane, inside the pane's box. */
  visible: boolean;
  /** Pixels of each status colour in the 12 px box where its glyph goes. */
  counts: Record<string, number>;
  /** That box overlaps the box of a number in view (so its pixels say nothing about this one). */
  shadowed: boolean;
}

/** Every highlighted number with its status (from CSS.highlights) and what the canvas shows beside it. */
function glyphReport(page: Page): Promise<{ canvas: boolean; marks: MarkSeen[] }> {
  return page.evaluate((rgb) => {
    const canvas = document
      .querySelector('tieout-overlay')
      ?.shadowRoot?.querySelector<HTMLCanvasElement>('.glyphs canvas');
    // What the canvas presents, copied at its CSS size: the overlay hands its drawing to an
    // OffscreenCanvas, so the element itself has no 2D context to read from.
    const box = canvas?.getBoundingClientRect();
    const copy = box && box.width > 0 && box.height > 0 ? new OffscreenCanvas(box.width, box.height) : undefined;
    const ctx = copy?.getContext('2d', { willReadFrequently: true });
    if (canvas && box && ctx) ctx.drawImage(canvas, 0, 0, box.width, box.height);
    const scale = 1;
    const view = {
      left: 0,
      top: 0,
      right: document.documentElement.clientWidth,
      bottom: document.documentElement.clientHeight,
    };
    const raw: (Omit<MarkSeen, 'counts' | 'shadowed'> & { x: number; y: number })[] = [];
    for (const [name, highlight] of CSS.highlights) {
      for (const r of highlight) {
        if (!(r instanceof Range)) continue;
        const rect = r.getBoundingClientRect();
        const pane = r.startContainer.parentElement?.closest('#pane');
        const clips = pane ? [view, pane.getBoundingClientRect()] : [view];
        let { left, top, right, bottom } = rect;
        for (const c of clips) {
          left = Math.max(left, c.left);
          top = Math.max(top, c.top);
          right = Math.min(right, c.right);
          bottom = Math.min(bottom, c.bottom);
        }
        const visible = right > left && bottom > top;
        // Where the glyph goes (glyphOffset in OverlayApp.tsx): the top right of the visible part
        // (of the whole number when hidden).
        const at = visible ? { top, right } : { top: rect.top, right: rect.right };
        raw.push({
          text: r.toString(),
          status: name.replace('tieout-', ''),
          inPane: !!pane,
          visible,
          x: Math.min(Math.round(at.right - 1), view.right - 12),
          y: Math.max(0, Math.round(at.top - 8)),
        });
      }
    }
    const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      Math.abs(a.x - b.x) < 12 && Math.abs(a.y - b.y) < 12;
    const marks = raw.map((m) => {
      const counts: Record<string, number> = {};
      for (const status of Object.keys(rgb)) counts[status] = 0;
      const inside = m.x + 12 > 0 && m.y + 12 > 0 && m.x < view.right && m.y < view.bottom;
      if (ctx && inside) {
        const data = ctx.getImageData(
          Math.max(0, Math.round(m.x * scale)),
          Math.max(0, Math.round(m.y * scale)),
          Math.round(12 * scale),
          Math.round(12 * scale),
        ).data;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! < 250) continue;
          for (const [status, [r, g, b]] of Object.entries(rgb)) {
            if (Math.abs(data[i]! - r) <= 10 && Math.abs(data[i + 1]! - g) <= 10 && Math.abs(data[i + 2]! - b) <= 10)
              counts[status]!++;
          }
        }
      }
      const shadowed = !m.visible && raw.some((o) => o !== m && o.visible && overlaps(o, m));
      return { text: m.text, status: m.status, inPane: m.inPane, visible: m.visible, counts, shadowed };
    });
    return { canvas: !!canvas, marks };
  }, GLYPH_RGB);
}

/** Each number in view shows a glyph of its own status only; each one out of view shows none. */
function glyphsRight(marks: MarkSeen[]): boolean {
  return marks.every((m) => {
    const own = m.counts[m.status] ?? 0;
    const all = Object.values(m.counts).reduce((a, b) => a + b, 0);
    if (m.visible) return own >= 20 && all - own <= 2;
    return m.shadowed || all <= 2;
  });
}

async function settledGlyphs(page: Page): Promise<MarkSeen[]> {
  let last: MarkSeen[] = [];
  const ok = await waitFor(
    async () => {
      const report = await glyphReport(page);
      last = report.marks;
      return report.canvas && last.some((m) => m.visible) && glyphsRight(last);
    },
    15_000,
    150,
  );
  if (!ok) {
    const wrong = last.filter((m) => !glyphsRight([m])).slice(0, 5);
    throw new Error(`Glyphs do not match the numbers in view: ${JSON.stringify(wrong)}`);
  }
  return last;
}

function bodyFingerprint(page: Page): Promise<{ html: string; elements: number; roots: string[] }> {
  return page.evaluate(() => ({
    html: document.body.innerHTML,
    elements: document.body.getElementsByTagName('*').length,
    roots: [...document.documentElement.children].map((e) => e.tagName),
  }));
}

describe('status glyphs beside highlighted numbers', () => {
  let ext: ExtensionSession;
  let site: ServedSite;
  let reference: Awaited<ReturnType<typeof bodyFingerprint>>;

  onFixtureSite(async (e, s) => {
    ext = e;
    site = s;
    // The page as it is without Tieout (an origin where it is not enabled).
    const plain = await ext.context.newPage();
    await plain.goto(`${notEnabled(site.url)}/overlay/glyphs.html`);
    reference = await bodyFingerprint(plain);
    await plain.close();
    const enabled = (await ext.enableSite(site.url)) as { ok: boolean };
    expect(enabled.ok).toBe(true);
    // The ledger knows some of the POs, so the page shows more than one status.
    const seeded = (await ext.send({
      type: 'page.report',
      page: { url: 'http://erp.example/pos', title: 'Purchase orders' },
      via: 'scan',
      detections: [100, 101, 102, 103, 0, 1].map((n, i) => ({
        kind: 'po',
        number: String(4500030000 + n),
        key: String(4500030000 + n),
        confidence: 0.9,
        evidence: 'seed',
        span: { block: i, start: 0, end: 10 },
        vendor: ['Acme Industrial Supply', 'Globex Components', 'Initech Office Goods'][n % 3],
        total: { minor: 1_000_000, currency: 'EUR' },
      })),
    })) as { ok: boolean };
    expect(seeded.ok).toBe(true);
  });

  it('draws a glyph of the right status beside each number in view, and follows the page and a nested scroller', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/overlay/glyphs.html`);
    const first = await settledGlyphs(page);
    const visible = first.filter((m) => m.visible);
    const statuses = new Set(visible.map((m) => m.status));
    console.log(
      `glyphs: ${visible.length} numbers in view (${[...statuses].join(', ')}), ${first.length - visible.length} out of view`,
    );
    expect(visible.length).toBeGreaterThan(20);
    expect(statuses.size).toBeGreaterThanOrEqual(2);
    // Below the screen, and inside the pane but scrolled out of it while on screen: no glyph.
    expect(first.some((m) => !m.visible && !m.inPane)).toBe(true);
    const paneHidden = first.filter((m) => m.inPane && !m.visible && !m.shadowed).map((m) => m.text);
    expect(paneHidden.length).toBeGreaterThan(5);

    // The page scrolls: the glyphs move with their numbers, and new numbers get theirs.
    await page.evaluate(() => window.scrollBy(0, 420));
    const scrolled = await settledGlyphs(page);
    const before = new Set(visible.map((m) => m.text));
    expect(scrolled.filter((m) => m.visible && !before.has(m.text)).length).toBeGreaterThan(5);

    // The pane scrolls on its own: numbers scrolled into it get glyphs, those scrolled out lose them.
    await page.evaluate(() => window.scrollTo(0, 0));
    await settledGlyphs(page);
    await page.evaluate(() => {
      document.querySelector('#pane')!.scrollTop = 300;
    });
    const paned = await settledGlyphs(page);
    const nowInPane = paned.filter((m) => m.inPane && m.visible).map((m) => m.text);
    expect(nowInPane.some((t) => paneHidden.includes(t))).toBe(true);
    expect(first.filter((m) => m.inPane && m.visible).some((m) => nowInPane.includes(m.text))).toBe(false);

    // Decoration only, in our shadow root: hidden from assistive technology, no pointer.
    const layer = await page.evaluate(() => {
      const root = document.querySelector('tieout-overlay')?.shadowRoot;
      const holder = root?.querySelector('.glyphs');
      const canvas = holder?.querySelector('canvas');
      return {
        ariaHidden: holder?.getAttribute('aria-hidden'),
        pointer: canvas ? getComputedStyle(canvas).pointerEvents : undefined,
      };
    });
    expect(layer).toEqual({ ariaHidden: 'true', pointer: 'none' });
    // The page's DOM is what the page built: our one node is the shadow host after <body>.
    const after = await bodyFingerprint(page);
    expect(after.elements).toBe(reference.elements);
    expect(after.html).toBe(reference.html);
    expect(after.roots).toEqual(['HEAD', 'BODY', 'TIEOUT-OVERLAY']);
    await page.close();
  });

  it('hovering a number with a glyph opens its card, drawn above the glyphs', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/overlay/glyphs.html`);
    const marks = await settledGlyphs(page);
    const target = marks.find((m) => m.visible && !m.inPane && m.text.startsWith('INV-'));
    expect(target).toBeDefined();
    const at = await page.evaluate((wanted) => {
      for (const [, h] of CSS.highlights) {
        for (const r of h) {
          if (r instanceof Range && r.toString() === wanted) {
            const rect = r.getBoundingClientRect();
            // Near the right end, where the glyph is drawn over the number's corner.
            return { x: rect.right - 4, y: rect.top + rect.height / 2 };
          }
        }
      }
      return undefined;
    }, target!.text);
    await page.mouse.move(at!.x, at!.y);
    const card = page.locator('[data-testid="tieout-card"]');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.locator('[data-field="number"]').textContent()).toMatch(target!.text);
    const order = await page.evaluate(() => {
      const root = document.querySelector('tieout-overlay')?.shadowRoot;
      const frame = root?.querySelector('.card-frame');
      const glyphs = root?.querySelector('.glyphs');
      return {
        card: frame ? Number(getComputedStyle(frame).zIndex) : Number.NaN,
        glyphs: glyphs ? getComputedStyle(glyphs).zIndex : undefined,
        glyphsFirst: !!(glyphs && frame && glyphs.compareDocumentPosition(frame) & Node.DOCUMENT_POSITION_FOLLOWING),
      };
    });
    expect(order.card).toBeGreaterThan(0);
    expect(order.glyphs).toBe('auto');
    expect(order.glyphsFirst).toBe(true);
    await page.close();
  });
});
