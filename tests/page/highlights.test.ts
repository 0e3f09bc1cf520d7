import { describe, expect, it } from 'vitest';
import { createHighlighter, type Mark } from '@/lib/page/highlights';

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
  const doc = { defaultView: win, documentElement: {}, adoptedStyleSheets: [] } as unknown as Document;
  const elements: Element[] = [];
  const range = (i: number): Range => {
    const anchor = { id: i, closest: () => null } as unknown as Element;
    elements[i] = anchor;
    const text = { parentElement: anchor, isConnected: true, ownerDocument: doc };
    return { startContainer: text, endContainer: text, collapsed: false } as unknown as Range;
  };
  const size = (status: string) => registry.get(`tieout-${status}`)?.size ?? 0;
  const intersect = (indexes: number[], on: boolean) =>
    observerCallback?.(indexes.map((i) => ({ target: elements[i]!, isIntersecting: on })));
  return { doc, range, size, intersect, observed };
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
    const h = createHighlighter(page.doc);
    h.add(page.range(1), mark(1));
    h.add(page.range(2), mark(2, 'tied'));
    expect([page.size('unknown'), page.size('tied')]).toEqual([1, 1]);
    h.setStatus('invoice', '1', 'exception', 'doc-1');
    expect([page.size('unknown'), page.size('exception')]).toEqual([0, 1]);
    expect(h.marks().find((m) => m.key === '1')).toMatchObject({ status: 'exception', docId: 'doc-1' });
  });

  it('on a long list keeps only marks near the viewport registered, and follows scrolling', () => {
    const page = fakePage();
    const h = createHighlighter(page.doc, { windowAbove: 10 });
    for (let i = 0; i < 8; i++) h.add(page.range(i), mark(i));
    expect(page.size('unknown')).toBe(8);
    page.intersect([0, 1, 2], true);
    for (let i = 8; i < 30; i++) h.add(page.range(i), mark(i));
    // Past the threshold: only the three rows the observer saw near the viewport stay registered.
    expect(h.size()).toEqual({ marks: 30, registered: 3, windowed: true });
    page.intersect([0, 1, 2], false);
    page.intersect([25, 26], true);
    expect(page.size('unknown')).toBe(2);
    // A status change reaches unregistered marks too, and shows once they scroll in.
    h.setStatus('invoice', '27', 'tied');
    expect(page.size('tied')).toBe(0);
    page.intersect([27], true);
    expect(page.size('tied')).toBe(1);
    expect(page.observed.size).toBe(30);
  });
});
