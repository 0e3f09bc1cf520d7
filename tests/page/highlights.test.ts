import { describe, expect, it } from 'vitest';
import { createHighlighter, type Mark } from '@/lib/page/highlights';
import type { TextSpot } from '@/lib/page/text-map';

/**
 * A window with just what the highlighter touches: Highlight, CSS.highlights, getComputedStyle and
 * an IntersectionObserver the test drives by hand.
 */
function fakePage() {
  const registry = new Map<string, Set<unknown>>();
  let observerCallback: ((entries: { target: Element; isIntersecting: boolean }[]) => void) | undefined;
  const observed = new Set<Element>();
  class FakeHighlight extends Set<unknown> {
    priority = 0;
  }
  const win = {
    Highlight: FakeHighlight,
    CSS: { highlights: registry },
    CSSStyleSheet: class {
      replaceSync() {}
    },
    getComputedStyle: () => ({ getPropertyValue: () => '1' }),
    IntersectionObserver: class {
      constructor(cb: typeof observerCallback) {
        observerCallback = cb;
      }
      observe(el: Element) {
        observed.add(el);
      }
      unobserve(el: Element) {
        observed.delete(el);
      }
      disconnect() {
        observed.clear();
      }
    },
  };
  // Painted marks get a live Range from the document; these only need to be distinct objects.
  const createRange = () => ({ setStart() {}, setEnd() {}, collapsed: false });
  const doc = { defaultView: win, documentElement: {}, adoptedStyleSheets: [], createRange } as unknown as Document;
  const elements: Element[] = [];
  const spot = (i: number): TextSpot => {
    const anchor = { id: i, closest: () => null } as unknown as Element;
    elements[i] = anchor;
    const text = { parentElement: anchor, isConnected: true, ownerDocument: doc, data: `INV-${i}` } as unknown as Text;
    return { startContainer: text, startOffset: 0, endContainer: text, endOffset: text.data.length };
  };
  const size = (status: string) => registry.get(`tieout-${status}`)?.size ?? 0;
  const intersect = (indexes: number[], on: boolean) =>
    observerCallback?.(indexes.map((i) => ({ target: elements[i]!, isIntersecting: on })));
  return { doc, spot, size, intersect, observed, element: (i: number) => elements[i]! };
}

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
