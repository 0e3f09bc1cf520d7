/**
 * Numbers painted with the CSS Custom Highlight API: one `Highlight` per status, registered as
 * `tieout-tied`, `tieout-exception`, `tieout-unknown`, `tieout-ignored`. The page's DOM is never
 * touched; the `::highlight()` rules go in through `document.adoptedStyleSheets`, which adds no node.
 *
 * Colours are translucent backgrounds that keep the page's own text colour, so they read on light
 * and dark pages alike, and each status has its own underline style (solid, wavy, dotted, dashed)
 * so that colour is never the only difference.
 */
import type { DocKind } from '../model/document';
// The same rules the browser injects with the content script, for the toolbar scan that cannot.
import HIGHLIGHT_CSS from './highlights.css?inline';
import { NUMBER_STATES, type NumberState } from './protocol';

export const HIGHLIGHT_PREFIX = 'tieout-';

/** What the overlay knows about one painted number. */
export interface Mark {
  kind: DocKind;
  key: string;
  number: string;
  status: NumberState;
  docId?: string;
}

type HighlightsFromPoint = (x: number, y: number) => { highlight: Highlight; ranges: AbstractRange[] }[];

export function highlightSupported(win: Window & typeof globalThis): boolean {
  return typeof win.Highlight === 'function' && !!win.CSS?.highlights;
}

export interface HighlighterOptions {
  /**
   * Past this many marks only those near the viewport are registered. Chromium revalidates every
   * registered range on each change to any highlight (one more range on a 20,000-range page costs
   * a frame of about a second), so a long list keeps its marks here and paints what can be seen.
   */
  windowAbove?: number;
}

export function createHighlighter(doc: Document, options: HighlighterOptions = {}) {
  const windowAbove = options.windowAbove ?? 5000;
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !highlightSupported(win)) throw new Error('This browser has no CSS Custom Highlight API.');
  const registry = win.CSS.highlights;
  const byStatus = new Map<NumberState, Highlight>();
  for (const status of NUMBER_STATES) {
    const highlight = new win.Highlight();
    // Exceptions paint over the rest where ranges overlap.
    highlight.priority = status === 'exception' ? 3 : status === 'tied' ? 2 : 1;
    registry.set(`${HIGHLIGHT_PREFIX}${status}`, highlight);
    byStatus.set(status, highlight);
  }
  // highlights.css comes with the content script; it marks :root so we can tell it is there.
  let sheet: CSSStyleSheet | undefined;
  if (!win.getComputedStyle(doc.documentElement).getPropertyValue('--tieout-highlights').trim()) {
    sheet = new win.CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  }

  const marks = new Map<Range, Mark>();
  /** Ranges per text node they start in, for hit-testing from a caret position. */
  const byNode = new Map<Node, Set<Range>>();
  /** Ranges currently in a registered Highlight. */
  const registered = new Set<Range>();
  /** The element holding each range's start, watched for nearness to the viewport. */
  const anchors = new Map<Element, Set<Range>>();
  const anchorOf = new Map<Range, Element>();
  const near = new Set<Element>();
  let windowed = false;
  /** Ranges per number (kind and key), so a status update touches only that number's marks. */
  const byKey = new Map<string, Set<Range>>();
  const keyOf = (m: Pick<Mark, 'kind' | 'key'>) => `${m.kind}|${m.key}`;

  function place(range: Range, mark: Mark): void {
    if (registered.has(range)) return;
    registered.add(range);
    byStatus.get(mark.status)?.add(range);
  }
  function unplace(range: Range, mark: Mark): void {
    if (!registered.delete(range)) return;
    byStatus.get(mark.status)?.delete(range);
  }
  function shouldShow(range: Range): boolean {
    if (!windowed) return true;
    const anchor = anchorOf.get(range);
    return !!anchor && near.has(anchor);
  }

  const observer =
    typeof win.IntersectionObserver === 'function'
      ? new win.IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (entry.isIntersecting) near.add(entry.target);
              else near.delete(entry.target);
              if (!windowed) continue;
              for (const range of anchors.get(entry.target) ?? []) {
                const mark = marks.get(range);
                if (!mark) continue;
                if (entry.isIntersecting) place(range, mark);
                else unplace(range, mark);
              }
            }
          },
          // A screen and a half above and below: marks are in place before they scroll in.
          { rootMargin: '150% 0px 150% 0px' },
        )
      : undefined;

  function setWindowed(on: boolean): void {
    if (on === windowed || !observer) return;
    windowed = on;
    for (const [range, mark] of marks) {
      if (shouldShow(range)) place(range, mark);
      else unplace(range, mark);
    }
  }

  function forget(range: Range): void {
    const mark = marks.get(range);
    if (!mark) return;
    unplace(range, mark);
    marks.delete(range);
    const same = byKey.get(keyOf(mark));
    same?.delete(range);
    if (same && !same.size) byKey.delete(keyOf(mark));
    const set = byNode.get(range.startContainer);
    set?.delete(range);
    if (set && !set.size) byNode.delete(range.startContainer);
    const anchor = anchorOf.get(range);
    anchorOf.delete(range);
    const held = anchor ? anchors.get(anchor) : undefined;
    held?.delete(range);
    if (anchor && held && !held.size) {
      anchors.delete(anchor);
      near.delete(anchor);
      observer?.unobserve(anchor);
    }
  }

  function rectsContain(range: Range, x: number, y: number): boolean {
    for (const r of range.getClientRects()) {
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
    }
    return false;
  }

  return {
    add(range: Range, mark: Mark): void {
      marks.set(range, mark);
      const same = byKey.get(keyOf(mark));
      if (same) same.add(range);
      else byKey.set(keyOf(mark), new Set([range]));
      const set = byNode.get(range.startContainer) ?? new Set<Range>();
      set.add(range);
      byNode.set(range.startContainer, set);
      // One watched element per list row rather than per cell: half the observer's targets on a portal list.
      const parent = range.startContainer.parentElement;
      const anchor = parent?.closest('tr, li') ?? parent;
      if (anchor) {
        anchorOf.set(range, anchor);
        const held = anchors.get(anchor);
        if (held) held.add(range);
        else {
          anchors.set(anchor, new Set([range]));
          observer?.observe(anchor);
        }
      }
      if (!windowed && marks.size > windowAbove) setWindowed(true);
      if (shouldShow(range)) place(range, mark);
    },

    /** Repaints every mark of a number in its new status. */
    setStatus(kind: DocKind, key: string, status: NumberState, docId?: string): void {
      for (const range of byKey.get(keyOf({ kind, key })) ?? []) {
        const mark = marks.get(range);
        if (!mark) continue;
        if (mark.status !== status) {
          const shown = registered.has(range);
          unplace(range, mark);
          mark.status = status;
          if (shown) place(range, mark);
        }
        if (docId) mark.docId = docId;
      }
    },

    /** Drops marks inside `root` (about to be re-scanned) and marks whose text left the page. */
    removeWithin(root: Node | null): number {
      let removed = 0;
      for (const range of [...marks.keys()]) {
        const node = range.startContainer;
        if (!node.isConnected || range.collapsed || root?.contains(node)) {
          forget(range);
          removed++;
        }
      }
      if (windowed && marks.size <= windowAbove / 2) setWindowed(false);
      return removed;
    },

    /** The mark under the pointer, if any. */
    hit(x: number, y: number): { range: Range; mark: Mark } | undefined {
      const fromPoint = (registry as unknown as { highlightsFromPoint?: HighlightsFromPoint }).highlightsFromPoint;
      if (typeof fromPoint === 'function') {
        for (const { ranges } of fromPoint.call(registry, x, y)) {
          for (const r of ranges) {
            const mark = marks.get(r as Range);
            if (mark) return { range: r as Range, mark };
          }
        }
        return undefined;
      }
      const caret = doc.caretPositionFromPoint?.(x, y);
      const node = caret?.offsetNode;
      if (!node) return undefined;
      for (const range of byNode.get(node) ?? []) {
        if (rectsContain(range, x, y)) {
          const mark = marks.get(range);
          if (mark) return { range, mark };
        }
      }
      // A number split across spans starts in another node: look at every range holding the caret.
      for (const [range, mark] of marks) {
        if (range.endContainer === node || range.intersectsNode(node)) {
          if (rectsContain(range, x, y)) return { range, mark };
        }
      }
      return undefined;
    },

    /** The mark that holds a DOM position (keyboard: the caret or selection start). */
    at(node: Node, offset: number): { range: Range; mark: Mark } | undefined {
      for (const [range, mark] of marks) {
        if (range.startContainer.ownerDocument === node.ownerDocument && range.isPointInRange(node, offset)) {
          return { range, mark };
        }
      }
      return undefined;
    },

    marks(): Mark[] {
      return [...marks.values()];
    },

    /** Marks known, and how many of them are registered (near the viewport on a long list). */
    size(): { marks: number; registered: number; windowed: boolean } {
      return { marks: marks.size, registered: registered.size, windowed };
    },

    counts(): Record<NumberState, number> {
      const out = { tied: 0, exception: 0, unknown: 0, ignored: 0 };
      for (const status of NUMBER_STATES) out[status] = byStatus.get(status)?.size ?? 0;
      return out;
    },

    destroy(): void {
      // A newer overlay (the script injected again) may already own the names: delete only ours.
      for (const status of NUMBER_STATES) {
        const name = `${HIGHLIGHT_PREFIX}${status}`;
        if (registry.get(name) === byStatus.get(status)) registry.delete(name);
      }
      if (sheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      observer?.disconnect();
      marks.clear();
      byNode.clear();
      registered.clear();
      anchors.clear();
      anchorOf.clear();
      near.clear();
      byKey.clear();
    },
  };
}
export type Highlighter = ReturnType<typeof createHighlighter>;
