/**
 * A fake page for the highlighter and the overlay: just what they touch, driven by hand.
 */
import type { Rect } from '@/lib/page/highlights';
import { createOverlay, type OverlayState, type Send } from '@/lib/page/overlay';
import type { Found, PageScanner } from '@/lib/page/scanner';
import type { TextSpot } from '@/lib/page/text-map';

type Entries = { target: Element; isIntersecting: boolean }[];

/**
 * A window with just what the highlighter touches: Highlight, CSS.highlights, getComputedStyle and
 * IntersectionObservers the test drives by hand — one watches rows near the viewport (windowing),
 * the other the rows of painted marks in view (glyphs). Each row's text has
 * a rectangle the test sets, and its row an `overflow` style (a nested scroller when not visible).
 */
export function fakePage() {
  const registry = new Map<string, Set<unknown>>();
  const observers: { callback: (entries: Entries) => void; observed: Set<Element>; glyphs: boolean }[] = [];
  class FakeHighlight extends Set<unknown> {
    priority = 0;
  }
  const rects = new Map<Node, Rect>();
  const overflow = new Map<Element, string>();
  const boxes = new Map<Element, Rect>();
  const win = {
    Highlight: FakeHighlight,
    CSS: { highlights: registry },
    CSSStyleSheet: class {
      replaceSync() {}
    },
    getComputedStyle: (el?: Element) => ({
      getPropertyValue: () => '1',
      overflowX: (el && overflow.get(el)) ?? 'visible',
      overflowY: (el && overflow.get(el)) ?? 'visible',
    }),
    IntersectionObserver: class {
      observed = new Set<Element>();
      constructor(callback: (entries: Entries) => void, init?: { scrollMargin?: string }) {
        // The glyphs' observer is the one that also widens nested scrollers.
        observers.push({ callback, observed: this.observed, glyphs: init?.scrollMargin !== undefined });
      }
      observe(el: Element) {
        this.observed.add(el);
      }
      unobserve(el: Element) {
        this.observed.delete(el);
      }
      disconnect() {
        this.observed.clear();
      }
    },
  };
  const box = (r: Rect) => ({ ...r, width: r.right - r.left, height: r.bottom - r.top });
  // Painted marks get a live Range from the document: distinct objects, measured by their text.
  const createRange = () => {
    let node: Node | undefined;
    return {
      setStart(n: Node) {
        node = n;
      },
      setEnd() {},
      collapsed: false,
      getBoundingClientRect: () => box((node && rects.get(node)) ?? { left: 0, top: 0, right: 0, bottom: 0 }),
    };
  };
  /** Animation-frame callbacks waiting for the test to run them. */
  const frames = new Map<number, () => void>();
  let nextFrame = 1;
  Object.assign(win, {
    requestAnimationFrame: (cb: () => void) => {
      frames.set(nextFrame, cb);
      return nextFrame++;
    },
    cancelAnimationFrame: (id: number) => frames.delete(id),
  });
  const doc = {
    defaultView: win,
    documentElement: { clientWidth: 800, clientHeight: 600 },
    adoptedStyleSheets: [],
    createRange,
  } as unknown as Document;
  const runFrames = (): number => {
    const due = [...frames.values()];
    frames.clear();
    for (const cb of due) cb();
    return due.length;
  };
  const elements: Element[] = [];
  const texts: Text[] = [];
  const spot = (i: number, parent?: Element): TextSpot => {
    const anchor = {
      id: i,
      closest: () => null,
      parentElement: parent ?? null,
      getBoundingClientRect: () => box(boxes.get(anchor) ?? { left: 0, top: 0, right: 0, bottom: 0 }),
    } as unknown as Element;
    elements[i] = anchor;
    const text = { parentElement: anchor, isConnected: true, ownerDocument: doc, data: `INV-${i}` } as unknown as Text;
    texts[i] = text;
    // Rows 20 px apart, the number 60 px wide.
    rects.set(text, { left: 10, top: i * 20, right: 70, bottom: i * 20 + 16 });
    return { startContainer: text, startOffset: 0, endContainer: text, endOffset: text.data.length };
  };
  const size = (status: string) => registry.get(`tieout-${status}`)?.size ?? 0;
  const near = () => observers.find((o) => !o.glyphs);
  const glyphs = () => observers.find((o) => o.glyphs);
  const intersect = (indexes: number[], on: boolean) =>
    near()?.callback(indexes.map((i) => ({ target: elements[i]!, isIntersecting: on })));
  const inView = (indexes: number[], on: boolean) =>
    glyphs()?.callback(indexes.map((i) => ({ target: elements[i]!, isIntersecting: on })));
  /** A clipping element (a nested scroller) at `r`. */
  const scroller = (r: Rect): Element => {
    const el = { parentElement: null, getBoundingClientRect: () => box(r) } as unknown as Element;
    overflow.set(el, 'auto');
    return el;
  };
  return {
    doc,
    spot,
    size,
    intersect,
    inView,
    scroller,
    /** Rows the windowing observer watches. */
    get observed(): Set<Element> {
      return near()?.observed ?? new Set<Element>();
    },
    /** Rows the glyph observer watches. */
    viewWatched: () => glyphs()?.observed ?? new Set<Element>(),
    element: (i: number) => elements[i]!,
    moveText: (i: number, r: Rect) => rects.set(texts[i]!, r),
    /** Animation frames requested and not yet run. */
    pendingFrames: () => frames.size,
    runFrames,
  };
}

type FakePage = ReturnType<typeof fakePage>;

/** `count` invoice numbers found one per row of `page`: INV-0, INV-1, … with keys '0', '1', … */
export function invoicesFound(page: FakePage, count: number): Found[] {
  return Array.from({ length: count }, (_, i) => ({
    spot: page.spot(i),
    detection: {
      kind: 'invoice',
      number: `INV-${i}`,
      key: String(i),
      confidence: 0.9,
      evidence: 'label',
      span: { block: i, start: 0, end: 5 },
    },
  }));
}

/**
 * The overlay on `page`, talking to the worker through `send`, with a scanner the test drives:
 * `found(list)` hands numbers over as the scanner would.
 */
export function overlayOn(page: FakePage, send: Send, onState: (state: OverlayState) => void = () => undefined) {
  let onFound: ((found: Found[]) => void) | undefined;
  const overlay = createOverlay({
    doc: page.doc,
    send,
    page: () => ({ url: 'http://portal.example/docs', title: 'Invoices' }),
    onState,
    scanner: (callbacks) => {
      onFound = callbacks.onFound;
      return { disconnect: () => undefined } as unknown as PageScanner;
    },
  });
  return { overlay, found: (list: Found[]) => onFound?.(list) };
}
