import { describe, expect, it } from 'vitest';
import { createHighlighter, type Mark, pickGlyphs, type Rect, visiblePart } from '@/lib/page/highlights';
import { fakePage } from './fake-page';

const mark = (i: number, status: Mark['status'] = 'unknown'): Mark => ({
  kind: 'invoice',
  key: String(i),
  number: `INV-${i}`,
  status,
});

describe('highlighter', () => {
  it('registers one highlight per status and moves a number between them', () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { commitMs: 0 });
    h.add(page.spot(1), mark(1));
    h.add(page.spot(2), mark(2, 'tied'));
    expect([page.size('unknown'), page.size('tied')]).toEqual([1, 1]);
    h.setStatus('invoice', '1', 'exception', 'doc-1');
    expect([page.size('unknown'), page.size('exception')]).toEqual([0, 1]);
    expect(h.marks().find((m) => m.key === '1')).toMatchObject({ status: 'exception', docId: 'doc-1' });
  });

  it('on a long list keeps only marks near the viewport registered, and follows scrolling', () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { windowAbove: 10, groupAnchors: 2, commitMs: 0 });
    for (let i = 0; i < 8; i++) h.add(page.spot(i), mark(i));
    expect(page.size('unknown')).toBe(8);
    page.intersect([0, 1, 2], true);
    for (let i = 8; i < 30; i++) h.add(page.spot(i), mark(i));
    // Past the threshold: only the rows of the groups the observer saw near the viewport stay registered.
    expect(h.size()).toEqual({ marks: 30, registered: 4, windowed: true });
    page.intersect([0, 1, 2], false);
    page.intersect([25, 26], true);
    expect(page.size('unknown')).toBe(4);
    // A status change reaches unregistered marks too, and shows once they scroll in.
    h.setStatus('invoice', '28', 'tied');
    expect(page.size('tied')).toBe(0);
    page.intersect([28], true);
    expect(page.size('tied')).toBe(1);
  });

  it('watches only the two ends of each group of rows, and a group shows when either end is near', () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { windowAbove: 5, groupAnchors: 4, commitMs: 0 });
    for (let i = 0; i < 30; i++) h.add(page.spot(i), mark(i));
    // Groups 0-3, 4-7, … 24-27 are full (both ends watched); 28-29 is still filling (first row only).
    expect(page.observed.size).toBe(7 * 2 + 1);
    page.intersect([7], true);
    expect(h.size().registered).toBe(4);
    expect(h.marks().filter((m) => Number(m.key) >= 4 && Number(m.key) <= 7)).toHaveLength(4);
    // The other end entering and the first leaving keeps the group shown; both gone hides it.
    page.intersect([4], true);
    page.intersect([7], false);
    expect(h.size().registered).toBe(4);
    page.intersect([4], false);
    expect(h.size().registered).toBe(0);
  });

  it("moves a group's watch to a remaining row when a watched row leaves the page", () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { windowAbove: 5, groupAnchors: 4, commitMs: 0 });
    const spots = Array.from({ length: 8 }, (_, i) => page.spot(i));
    for (const [i, s] of spots.entries()) h.add(s, mark(i));
    // Rows 4 and 7 (both watched ends of the second group) leave the page.
    for (const i of [4, 7]) (spots[i]!.startContainer as unknown as { isConnected: boolean }).isConnected = false;
    expect(h.removeWithin(null)).toBe(2);
    expect(h.size().marks).toBe(6);
    // The group still has a watched row, and shows its two marks when that row comes near.
    const watchedOfGroup = [5, 6].filter((i) => page.observed.has(page.element(i)));
    expect(watchedOfGroup).toHaveLength(1);
    h.add(page.spot(20), mark(20));
    h.add(page.spot(21), mark(21));
    page.intersect(watchedOfGroup, true);
    expect(h.marks().filter((m) => ['5', '6'].includes(m.key))).toHaveLength(2);
    expect(h.size().registered).toBe(2);
  });

  it('gathers changes and applies them to the registered highlights together', async () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { commitMs: 20 });
    h.add(page.spot(1), mark(1));
    h.add(page.spot(2), mark(2));
    h.setStatus('invoice', '2', 'tied');
    // Nothing reaches the page's highlights until the commit…
    expect([page.size('unknown'), page.size('tied')]).toEqual([0, 0]);
    await new Promise((r) => setTimeout(r, 40));
    // …and then in their final state.
    expect([page.size('unknown'), page.size('tied')]).toEqual([1, 1]);
    h.setStatus('invoice', '1', 'exception');
    h.commit();
    expect([page.size('unknown'), page.size('exception')]).toEqual([0, 1]);
    h.destroy();
  });
});

const VIEW: Rect = { left: 0, top: 0, right: 800, bottom: 600 };

describe('which numbers get a status glyph', () => {
  it('keeps the part of a number inside the viewport and every clipping box, or nothing', () => {
    const inside = { left: 10, top: 10, right: 70, bottom: 26 };
    expect(visiblePart(inside, [VIEW])).toEqual(inside);
    // Half scrolled off the top: only the part on screen counts (the glyph sits at its top right).
    expect(visiblePart({ left: 10, top: -8, right: 70, bottom: 8 }, [VIEW])).toEqual({
      left: 10,
      top: 0,
      right: 70,
      bottom: 8,
    });
    expect(visiblePart({ left: 10, top: 600, right: 70, bottom: 616 }, [VIEW])).toBeUndefined();
    // On screen, but scrolled out of its nested scroller (a box from 100 to 300).
    expect(visiblePart(inside, [VIEW, { left: 0, top: 100, right: 800, bottom: 300 }])).toBeUndefined();
    // Cut by a cell that clips its overflow: the visible part ends at the cell's edge.
    expect(visiblePart(inside, [VIEW, { left: 0, top: 0, right: 40, bottom: 600 }])?.right).toBe(40);
  });

  it('picks the visible marks, and past the cap the ones nearest the top of the screen', () => {
    const at = (top: number) => ({ left: 10, top, right: 70, bottom: top + 16 });
    // Given bottom-up, with one off screen and one clipped away.
    const candidates = [500, 400, 300, 200, 100, 0, 900].map((top) => ({ item: top, rect: at(top), clips: [VIEW] }));
    candidates.push({ item: 150, rect: at(150), clips: [VIEW, { left: 0, top: 300, right: 800, bottom: 600 }] });
    expect(pickGlyphs(candidates, 300).map((g) => g.item)).toEqual([500, 400, 300, 200, 100, 0]);
    expect(pickGlyphs(candidates, 3).map((g) => g.item)).toEqual([0, 100, 200]);
    expect(pickGlyphs(candidates, 0)).toEqual([]);
  });
});

describe('highlighter: marks in view for glyphs', () => {
  it('reports painted marks of rows in view, with their painted status and live rectangle', async () => {
    const page = fakePage();
    let changes = 0;
    const h = createHighlighter(page.doc, {
      commitMs: 20,
      onChange: () => {
        changes++;
      },
    });
    for (let i = 0; i < 6; i++) h.add(page.spot(i), mark(i, i === 2 ? 'exception' : 'tied'));
    // Only rows with a painted mark are watched for the view.
    expect(page.viewWatched().size).toBe(6);
    page.inView([0, 1, 2, 3, 4, 5], true);
    // Not painted before the commit: no glyph for a number the page does not show coloured yet.
    expect(h.visible(VIEW, 300)).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    expect(changes).toBeGreaterThanOrEqual(2);
    const seen = h.visible(VIEW, 300);
    expect(seen.map((g) => [g.item.mark.number, g.item.status])).toEqual([
      ['INV-0', 'tied'],
      ['INV-1', 'tied'],
      ['INV-2', 'exception'],
      ['INV-3', 'tied'],
      ['INV-4', 'tied'],
      ['INV-5', 'tied'],
    ]);
    expect(seen[2]!.at).toEqual({ left: 10, top: 40, right: 70, bottom: 56 });
    // A scroll moves the text: the glyph follows its live rectangle.
    page.moveText(2, { left: 10, top: 140, right: 70, bottom: 156 });
    const moved = h.visible(VIEW, 300).find((g) => g.item.mark.number === 'INV-2');
    expect(moved?.at.top).toBe(140);
    // A status change shows once committed.
    h.setStatus('invoice', '2', 'unknown');
    h.commit();
    expect(h.visible(VIEW, 300).find((g) => g.item.mark.number === 'INV-2')?.item.status).toBe('unknown');
    h.destroy();
  });

  it('measures only the rows the observer reports in view, and follows them in and out', () => {
    const page = fakePage();
    let changes = 0;
    const h = createHighlighter(page.doc, { commitMs: 0, onChange: () => changes++ });
    const spots = Array.from({ length: 10 }, (_, i) => page.spot(i));
    for (const [i, spot] of spots.entries()) h.add(spot, mark(i));
    // Every row is on screen by its rectangle, but the observer has said nothing yet.
    expect(h.visible(VIEW, 300)).toEqual([]);
    const before = changes;
    page.inView([3, 4], true);
    expect(changes).toBe(before + 1);
    expect(h.visible(VIEW, 300).map((g) => g.item.mark.key)).toEqual(['3', '4']);
    page.inView([3], false);
    page.inView([8], true);
    expect(h.visible(VIEW, 300).map((g) => g.item.mark.key)).toEqual(['4', '8']);
    // Reported in view but its text lies below the screen: the rectangle decides.
    page.moveText(8, { left: 10, top: 700, right: 70, bottom: 716 });
    expect(h.visible(VIEW, 300).map((g) => g.item.mark.key)).toEqual(['4']);
    // A mark that leaves the page leaves the view with it.
    (spots[4]!.startContainer as unknown as { isConnected: boolean }).isConnected = false;
    expect(h.removeWithin(null)).toBe(1);
    expect(page.viewWatched().has(page.element(4))).toBe(false);
    expect(h.visible(VIEW, 300)).toEqual([]);
  });

  it('leaves out a number scrolled out of its nested scroller, and shows it once scrolled in', () => {
    const page = fakePage();
    const scroller = page.scroller({ left: 0, top: 100, right: 800, bottom: 300 });
    const h = createHighlighter(page.doc, { commitMs: 0 });
    // Rows 0-19 inside the scroller: by their rectangles 0-4 are above its box, 15-19 below it.
    for (let i = 0; i < 20; i++) h.add(page.spot(i, scroller), mark(i));
    page.inView(
      Array.from({ length: 20 }, (_, i) => i),
      true,
    );
    const keys = () => h.visible(VIEW, 300).map((g) => Number(g.item.mark.key));
    expect(keys()).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    // The scroller scrolls up by 60 px: every text moves up, rows 5-7 leave and 15-17 come in.
    for (let i = 0; i < 20; i++) page.moveText(i, { left: 10, top: i * 20 - 60, right: 70, bottom: i * 20 - 44 });
    expect(keys()).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it("looks up painted marks' clipping boxes in idle time, not in the frame that first shows their glyphs", async () => {
    const page = fakePage();
    const scroller = page.scroller({ left: 0, top: 0, right: 800, bottom: 300 });
    const h = createHighlighter(page.doc, { commitMs: 0 });
    const win = page.doc.defaultView as unknown as { getComputedStyle: (el: Element) => unknown };
    const real = win.getComputedStyle;
    const styled = new Set<Element>();
    win.getComputedStyle = (el: Element) => {
      styled.add(el);
      return real(el);
    };
    for (let i = 0; i < 5; i++) h.add(page.spot(i, scroller), mark(i));
    expect(styled.size).toBe(0);
    await new Promise((r) => setTimeout(r, 120));
    // Each row and the scroller it sits in, once.
    expect(styled.size).toBe(6);
    styled.clear();
    page.inView([0, 1, 2, 3, 4], true);
    expect(h.visible(VIEW, 300).map((g) => g.item.mark.key)).toEqual(['0', '1', '2', '3', '4']);
    expect(styled.size).toBe(0);
    h.destroy();
  });

  it('windows a list before its marks arrive when more are on their way than the threshold', () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { windowAbove: 10, groupAnchors: 2, commitMs: 0 });
    h.expect(8);
    for (let i = 0; i < 4; i++) h.add(page.spot(i), mark(i));
    expect(h.size()).toEqual({ marks: 4, registered: 4, windowed: false });
    // Found, waiting for their statuses: 4 painted and 7 to come are past the threshold.
    h.expect(7);
    expect(h.size()).toEqual({ marks: 4, registered: 0, windowed: true });
    for (let i = 4; i < 8; i++) h.add(page.spot(i), mark(i));
    expect(page.size('unknown')).toBe(0);
    page.intersect([0, 1], true);
    expect(page.size('unknown')).toBe(2);
  });

  it('on a long list reports only registered marks, and never more than the cap', () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { windowAbove: 10, groupAnchors: 2, commitMs: 0 });
    for (let i = 0; i < 30; i++) h.add(page.spot(i), mark(i));
    // Windowed: only the groups near the viewport are registered, and only their rows are watched.
    page.intersect([0, 1], true);
    expect(h.size().registered).toBe(2);
    expect(page.viewWatched().size).toBe(2);
    page.inView([0, 1, 5, 6], true);
    expect(h.visible(VIEW, 300).map((g) => g.item.mark.key)).toEqual(['0', '1']);
    page.intersect([2, 3, 4, 5], true);
    page.inView([0, 1, 2, 3, 4, 5], true);
    expect(h.visible(VIEW, 300)).toHaveLength(6);
    expect(h.visible(VIEW, 4).map((g) => g.item.mark.key)).toEqual(['0', '1', '2', '3']);
  });
});
