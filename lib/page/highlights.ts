/**
 * Numbers painted with the CSS Custom Highlight API: one `Highlight` per status, registered as
 * `tieout-tied`, `tieout-exception`, `tieout-unknown`, `tieout-ignored`. The page's DOM is never
 * touched; the `::highlight()` rules go in through `document.adoptedStyleSheets`, which adds no node.
 *
 * Colours are translucent backgrounds that keep the page's own text colour, so they read on light
 * and dark pages alike. They are backgrounds only (see highlights.css: any text decoration makes
 * every highlight change cost Chromium a visual-overflow pass over the whole list); colour is never
 * the only difference because the overlay draws a status glyph beside each visible number, placed
 * from the rectangles `visible()` reports.
 */
import type { DocKind } from '@/lib/model/document';
import { ByNumber } from './by-number';
// The same rules the browser injects with the content script, for the toolbar scan that cannot.
import HIGHLIGHT_CSS from './highlights.css?inline';
import { NUMBER_STATES, type NumberState } from './protocol';
import { rangeFromSpot, spotHolds, type TextSpot } from './text-map';

export const HIGHLIGHT_PREFIX = 'tieout-';

/** A box in viewport coordinates (CSS pixels), as getBoundingClientRect gives it. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The part of `rect` inside every one of `clips` (the viewport, clipping ancestors), if any. */
export function visiblePart(rect: Rect, clips: readonly Rect[]): Rect | undefined {
  let { left, top, right, bottom } = rect;
  for (const c of clips) {
    if (c.left > left) left = c.left;
    if (c.top > top) top = c.top;
    if (c.right < right) right = c.right;
    if (c.bottom < bottom) bottom = c.bottom;
  }
  return right > left && bottom > top ? { left, top, right, bottom } : undefined;
}

export interface GlyphCandidate<T> {
  item: T;
  rect: Rect;
  /** Boxes the mark must lie in to be seen: the viewport first, then its clipping ancestors. */
  clips: readonly Rect[];
}

/**
 * The marks that get a status glyph: those with a visible part, at most `cap` of them. When more
 * are visible than the cap (a dense sheet in a small font), the ones nearest the top of the screen
 * win, so the glyphs never thin out in the middle of what the clerk is reading.
 */
export function pickGlyphs<T>(candidates: Iterable<GlyphCandidate<T>>, cap: number): { item: T; at: Rect }[] {
  const out: { item: T; at: Rect }[] = [];
  if (cap <= 0) return out;
  for (const c of candidates) {
    const at = visiblePart(c.rect, c.clips);
    if (at) out.push({ item: c.item, at });
  }
  if (out.length <= cap) return out;
  out.sort((a, b) => a.at.top - b.at.top || a.at.left - b.at.left);
  out.length = cap;
  return out;
}

const CLIPPING = new Set(['hidden', 'scroll', 'auto', 'clip']);
/** Ancestors looked at per text node for clipping boxes (a hostile page nests 50,000 elements). */
const CLIP_WALK = 200;
const NO_CLIPS: readonly Element[] = [];

/**
 * One spot, or several. Most text nodes, numbers and rows hold one or two, and a 10,000-row list
 * kept an array for each of its 50,000 such entries: a lone spot is kept as itself.
 */
type Spots = TextSpot | TextSpot[];
const NO_SPOTS: readonly TextSpot[] = [];

function withSpot(spots: Spots | undefined, spot: TextSpot): Spots {
  if (spots === undefined) return spot;
  if (Array.isArray(spots)) {
    spots.push(spot);
    return spots;
  }
  return [spots, spot];
}

/** `spots` without `spot`: undefined when none are left, the lone one when one is. */
function withoutSpot(spots: Spots | undefined, spot: TextSpot): Spots | undefined {
  if (!Array.isArray(spots)) return spots === spot ? undefined : spots;
  const at = spots.indexOf(spot);
  if (at >= 0) spots.splice(at, 1);
  return spots.length > 1 ? spots : spots[0];
}

function spotList(spots: Spots | undefined): readonly TextSpot[] {
  if (spots === undefined) return NO_SPOTS;
  return Array.isArray(spots) ? spots : [spots];
}

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
   * Past this many marks only those near the viewport are registered. Chromium re-reads every
   * registered range, and repaints the text it covers, in each frame where the page's DOM, its
   * style or any highlight changed, so a long list keeps its marks here and paints what can be
   * seen: a frame's cost stays flat however long the list is.
   */
  windowAbove?: number;
  /**
   * Rows (anchors) per group watched by one IntersectionObserver target at each end. Watching every
   * row of a 10,000-row list made each frame recompute 10,000 intersections; a group of 16 rows is
   * far shorter than the observer's margin, so a group on screen always has a watched end nearby.
   */
  groupAnchors?: number;
  /**
   * Changes reach the registered highlights at most this often (0: at once). Every frame in which
   * a highlight changed costs the page a re-read and repaint of all registered ranges: a scan's
   * many small changes are better paid for in a few frames than in many.
   */
  commitMs?: number;
  /**
   * Called when what `visible()` would report may have changed: a commit changed what is painted,
   * or painted marks came into or left the view. The overlay then redraws its glyphs.
   */
  onChange?: () => void;
}

/** Neighbouring rows whose marks are shown and hidden together. */
interface Group {
  anchors: Set<Element>;
  /** The anchors the observer watches: the first one, and the last once the group is full. */
  watched: Set<Element>;
  nearWatched: number;
  /** Filled once: rows that come later (a re-render) start a group of their own neighbours. */
  full: boolean;
}

export function createHighlighter(doc: Document, options: HighlighterOptions = {}) {
  const windowAbove = options.windowAbove ?? 1000;
  const groupAnchors = Math.max(2, options.groupAnchors ?? 16);
  const commitMs = options.commitMs ?? 150;
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

  const marks = new Map<TextSpot, Mark>();
  /** The painted spots: each has a live Range while it is in a registered Highlight. */
  const live = new Map<TextSpot, Range>();
  const spotOfRange = new Map<Range, TextSpot>();
  /** Spots per text node they start in, for hit-testing from a caret position. */
  const byNode = new Map<Node, Spots>();
  /** The element holding each spot's start (its list row), and the spots each one holds. */
  const anchors = new Map<Element, Spots>();
  const anchorOf = new Map<TextSpot, Element>();
  const groupOf = new Map<Element, Group>();
  /** The group new rows join until it is full. */
  let filling: Group | undefined;
  let windowed = false;
  /** Spots per number (kind and key), so a status update touches only that number's marks. */
  const byKey = new ByNumber<Spots>();
  /** One Range reused for geometry and position tests of spots that are not painted. */
  let scratch: Range | undefined;

  function listAdd<K>(map: Map<K, Spots>, key: K, spot: TextSpot): void {
    map.set(key, withSpot(map.get(key), spot));
  }
  /** Removes `spot` from the key's spots; true when none are left (and the key is gone). */
  function listDelete<K>(map: Map<K, Spots>, key: K, spot: TextSpot): boolean {
    const spots = map.get(key);
    if (spots === undefined) return false;
    const left = withoutSpot(spots, spot);
    if (left === undefined) {
      map.delete(key);
      return true;
    }
    if (left !== spots) map.set(key, left);
    return false;
  }

  /** Which highlight each range is in now, and where it is to go at the next commit. */
  const shown = new Map<Range, NumberState>();
  const wanted = new Map<Range, NumberState | null>();
  let commitTimer: ReturnType<typeof setTimeout> | undefined;

  function commit(): void {
    commitTimer = undefined;
    let changed = false;
    for (const [range, status] of wanted) {
      const now = shown.get(range);
      if (now === status) continue;
      changed = true;
      if (now) byStatus.get(now)?.delete(range);
      if (status) {
        byStatus.get(status)?.add(range);
        shown.set(range, status);
      } else shown.delete(range);
    }
    wanted.clear();
    if (changed) options.onChange?.();
  }

  /** Per element: its ancestors (itself included) that clip their content, nearest first. */
  const clipsCache = new WeakMap<Element, readonly Element[]>();
  function clipsOf(start: Element | null): readonly Element[] {
    const chain: Element[] = [];
    let found = NO_CLIPS;
    for (let el = start; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) {
      const cached = clipsCache.get(el);
      if (cached) {
        found = cached;
        break;
      }
      if (chain.length >= CLIP_WALK) break;
      chain.push(el);
    }
    // Filled from the top down, so every element on the way is answered from the cache next time.
    // (Overflow styles, not sizes: a pane that does not overflow yet may well later.)
    for (let i = chain.length - 1; i >= 0; i--) {
      const el = chain[i]!;
      const style = win!.getComputedStyle(el);
      if (CLIPPING.has(style.overflowX) || CLIPPING.has(style.overflowY)) found = [el, ...found];
      clipsCache.set(el, found);
    }
    return found;
  }
  /**
   * Painted spots whose clipping ancestors are not looked up yet. Looking them up cold costs a
   * computed style per ancestor (8 ms for a screen of a long table), which the first frame to show
   * their glyphs would otherwise pay, in the middle of the scan's busiest frames: idle time does it.
   */
  const clipsToWarm: TextSpot[] = [];
  let warming = false;
  type IdleDeadline = { timeRemaining(): number; didTimeout: boolean };
  type IdleWindow = { requestIdleCallback?: (cb: (d: IdleDeadline) => void, o?: { timeout: number }) => number };
  function warmClips(deadline?: IdleDeadline): void {
    warming = false;
    const start = performance.now();
    // Past its timeout an idle callback is an ordinary task: a few milliseconds of it, then again.
    const budget = deadline && !deadline.didTimeout ? Math.max(0, deadline.timeRemaining() - 1) : 4;
    while (clipsToWarm.length && performance.now() - start < budget) {
      const spot = clipsToWarm.pop()!;
      if (live.has(spot)) clipsOf(spot.startContainer.parentElement);
    }
    if (clipsToWarm.length) scheduleWarm();
  }
  function scheduleWarm(): void {
    if (warming || !clipsToWarm.length) return;
    warming = true;
    const idle = (win as unknown as IdleWindow).requestIdleCallback;
    if (typeof idle === 'function') idle.call(win, warmClips, { timeout: 1000 });
    else setTimeout(warmClips, 50);
  }

  function paint(range: Range, status: NumberState | null): void {
    wanted.set(range, status);
    if (commitMs <= 0) commit();
    else commitTimer ??= setTimeout(commit, commitMs);
  }

  function place(spot: TextSpot, mark: Mark): void {
    if (live.has(spot)) return;
    const range = rangeFromSpot(doc, spot);
    if (!range) return;
    live.set(spot, range);
    spotOfRange.set(range, spot);
    paint(range, mark.status);
    viewWatch(spot);
    clipsToWarm.push(spot);
    scheduleWarm();
  }
  function unplace(spot: TextSpot): void {
    const range = live.get(spot);
    if (!range) return;
    live.delete(spot);
    spotOfRange.delete(range);
    paint(range, null);
    viewUnwatch(spot);
  }

  /**
   * Which painted marks are in view, so that `visible()` reads the rectangles of those only: a
   * Range's rectangle costs some 5 µs even with layout clean, and a 900-number page would spend
   * 5 ms of every scrolled frame reading them all. The browser computes this for the rows (anchors)
   * of painted marks, clipped by nested scrollers too, for about 0.1 ms a frame on 450 rows. Its
   * margins make a row a candidate just before it scrolls in; the live rectangle decides.
   */
  const paintedAt = new Map<Element, number>();
  /** Painted spots with no anchor element: always candidates. */
  const loose = new Set<TextSpot>();
  const inView = new Set<Element>();
  const viewObserver =
    typeof win.IntersectionObserver === 'function'
      ? new win.IntersectionObserver(
          (entries) => {
            let changed = false;
            for (const entry of entries) {
              if (!paintedAt.has(entry.target)) continue;
              if (entry.isIntersecting === inView.has(entry.target)) continue;
              if (entry.isIntersecting) inView.add(entry.target);
              else inView.delete(entry.target);
              changed = true;
            }
            if (changed) options.onChange?.();
          },
          // A few rows' margin covers a frame's worth of scrolling; each row more costs every
          // update its rectangles. scrollMargin (Chromium 120+) widens nested scrollers' clips alike.
          { rootMargin: '64px 0px 64px 0px', scrollMargin: '64px 0px 64px 0px' } as IntersectionObserverInit,
        )
      : undefined;
  function viewWatch(spot: TextSpot): void {
    const anchor = anchorOf.get(spot);
    if (!anchor || !viewObserver) {
      loose.add(spot);
      return;
    }
    const n = paintedAt.get(anchor) ?? 0;
    paintedAt.set(anchor, n + 1);
    if (!n) viewObserver.observe(anchor);
  }
  function viewUnwatch(spot: TextSpot): void {
    if (loose.delete(spot)) return;
    const anchor = anchorOf.get(spot);
    const n = anchor ? paintedAt.get(anchor) : undefined;
    if (!anchor || n === undefined) return;
    if (n > 1) {
      paintedAt.set(anchor, n - 1);
      return;
    }
    paintedAt.delete(anchor);
    inView.delete(anchor);
    viewObserver?.unobserve(anchor);
  }
  /** Painted spots worth measuring: those of anchors in view (all painted ones without an observer). */
  function* viewCandidates(): Generator<TextSpot> {
    if (!viewObserver) {
      yield* live.keys();
      return;
    }
    for (const anchor of inView) yield* spotList(anchors.get(anchor));
    yield* loose;
  }
  function isNear(spot: TextSpot): boolean {
    const anchor = anchorOf.get(spot);
    const group = anchor ? groupOf.get(anchor) : undefined;
    return !!group && group.nearWatched > 0;
  }
  function shouldShow(spot: TextSpot): boolean {
    return !windowed || isNear(spot);
  }
  function showGroup(group: Group): void {
    if (!windowed) return;
    const near = group.nearWatched > 0;
    // The group's spots are its rows' (no set of its own: that was an entry per number).
    for (const anchor of group.anchors) {
      for (const spot of spotList(anchors.get(anchor))) {
        const mark = marks.get(spot);
        if (!mark) continue;
        if (near) place(spot, mark);
        else unplace(spot);
      }
    }
  }

  /** Targets the observer reports as near, so a re-watched anchor is not counted twice. */
  const nearTargets = new Set<Element>();
  const observer =
    typeof win.IntersectionObserver === 'function'
      ? new win.IntersectionObserver(
          (entries) => {
            const changed = new Set<Group>();
            for (const entry of entries) {
              const group = groupOf.get(entry.target);
              if (!group?.watched.has(entry.target)) continue;
              const was = nearTargets.has(entry.target);
              if (entry.isIntersecting === was) continue;
              if (entry.isIntersecting) nearTargets.add(entry.target);
              else nearTargets.delete(entry.target);
              group.nearWatched += entry.isIntersecting ? 1 : -1;
              changed.add(group);
            }
            for (const group of changed) showGroup(group);
          },
          // A screen and a half above and below: marks are in place before they scroll in.
          { rootMargin: '150% 0px 150% 0px' },
        )
      : undefined;

  function watch(group: Group, anchor: Element): void {
    if (group.watched.has(anchor)) return;
    group.watched.add(anchor);
    observer?.observe(anchor);
  }
  function unwatch(group: Group, anchor: Element): void {
    if (!group.watched.delete(anchor)) return;
    observer?.unobserve(anchor);
    if (nearTargets.delete(anchor)) group.nearWatched--;
  }

  function joinGroup(anchor: Element): Group {
    if (!filling || filling.full) {
      filling = { anchors: new Set(), watched: new Set(), nearWatched: 0, full: false };
    }
    const group = filling;
    group.anchors.add(anchor);
    groupOf.set(anchor, group);
    if (group.anchors.size >= groupAnchors) group.full = true;
    if (group.anchors.size === 1 || group.full) watch(group, anchor);
    return group;
  }

  function setWindowed(on: boolean): void {
    if (on === windowed || !observer) return;
    windowed = on;
    for (const [spot, mark] of marks) {
      if (shouldShow(spot)) place(spot, mark);
      else unplace(spot);
    }
  }

  function forget(spot: TextSpot): void {
    const mark = marks.get(spot);
    if (!mark) return;
    unplace(spot);
    marks.delete(spot);
    byKey.update(mark.kind, mark.key, (spots) => withoutSpot(spots, spot));
    listDelete(byNode, spot.startContainer, spot);
    const anchor = anchorOf.get(spot);
    anchorOf.delete(spot);
    if (!anchor) return;
    const group = groupOf.get(anchor);
    if (!listDelete(anchors, anchor, spot)) return;
    groupOf.delete(anchor);
    if (!group) return;
    group.anchors.delete(anchor);
    const wasNear = group.nearWatched > 0;
    unwatch(group, anchor);
    // A group keeps one watched row while it has rows at all.
    const next = group.anchors.values().next();
    if (!group.watched.size && !next.done) watch(group, next.value);
    if (group === filling && !group.anchors.size) filling = undefined;
    if (wasNear !== group.nearWatched > 0) showGroup(group);
  }

  /** A Range over the spot for geometry: its painted one, or the scratch range. */
  function measure(spot: TextSpot): Range | undefined {
    const painted = live.get(spot);
    if (painted) return painted;
    scratch ??= doc.createRange();
    return rangeFromSpot(doc, spot, scratch);
  }

  function rectsContain(range: Range, x: number, y: number): boolean {
    for (const r of range.getClientRects()) {
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
    }
    return false;
  }

  /** The result handed out: a Range of its own, so the caller may keep it. */
  function hitOf(spot: TextSpot, mark: Mark): { range: Range; mark: Mark } | undefined {
    const range = live.get(spot) ?? rangeFromSpot(doc, spot);
    return range ? { range, mark } : undefined;
  }

  return {
    add(spot: TextSpot, mark: Mark): void {
      if (marks.has(spot)) forget(spot);
      marks.set(spot, mark);
      byKey.update(mark.kind, mark.key, (spots) => withSpot(spots, spot));
      listAdd(byNode, spot.startContainer, spot);
      // Marks are grouped by list row rather than by cell, and rows by neighbourhood.
      const parent = spot.startContainer.parentElement;
      const anchor = parent?.closest('tr, li') ?? parent;
      if (anchor) {
        anchorOf.set(spot, anchor);
        listAdd(anchors, anchor, spot);
        if (!groupOf.has(anchor)) joinGroup(anchor);
      }
      if (!windowed && marks.size > windowAbove) setWindowed(true);
      if (shouldShow(spot)) place(spot, mark);
    },

    /**
     * More marks are on their way (found, waiting for their status): past the threshold the list
     * is windowed before they arrive, rather than once it has registered a thousand ranges, whose
     * first paint and removal would cost the page two of its heaviest frames.
     */
    expect(coming: number): void {
      if (!windowed && marks.size + coming > windowAbove) setWindowed(true);
    },

    /** Repaints every mark of a number in its new status. */
    setStatus(kind: DocKind, key: string, status: NumberState, docId?: string): void {
      for (const spot of spotList(byKey.get(kind, key))) {
        const mark = marks.get(spot);
        if (!mark) continue;
        if (mark.status !== status) {
          const range = live.get(spot);
          if (range) paint(range, status);
          mark.status = status;
        }
        if (docId) mark.docId = docId;
      }
    },

    /** Drops marks inside `root` (about to be re-scanned) and marks whose text left the page. */
    removeWithin(root: Node | null): number {
      let removed = 0;
      for (const spot of [...marks.keys()]) {
        if (!spotHolds(spot) || root?.contains(spot.startContainer)) {
          forget(spot);
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
            const spot = spotOfRange.get(r as Range);
            const mark = spot ? marks.get(spot) : undefined;
            if (mark) return { range: r as Range, mark };
          }
        }
        return undefined;
      }
      const caret = doc.caretPositionFromPoint?.(x, y);
      const node = caret?.offsetNode;
      if (!node) return undefined;
      for (const spot of spotList(byNode.get(node))) {
        const range = measure(spot);
        const mark = marks.get(spot);
        if (range && mark && rectsContain(range, x, y)) return hitOf(spot, mark);
      }
      // A number split across spans starts in another node: look at every mark holding the caret.
      for (const [spot, mark] of marks) {
        const range = measure(spot);
        if (range && (range.endContainer === node || range.intersectsNode(node)) && rectsContain(range, x, y)) {
          return hitOf(spot, mark);
        }
      }
      return undefined;
    },

    /** The mark that holds a DOM position (keyboard: the caret or selection start). */
    at(node: Node, offset: number): { range: Range; mark: Mark } | undefined {
      for (const [spot, mark] of marks) {
        if (spot.startContainer.ownerDocument !== node.ownerDocument) continue;
        const range = measure(spot);
        if (range?.isPointInRange(node, offset)) return hitOf(spot, mark);
      }
      return undefined;
    },

    marks(): Mark[] {
      return [...marks.values()];
    },

    /**
     * Painted marks with a part inside `viewport` and inside every scrolling or clipping ancestor,
     * at most `cap`, with that visible part in viewport coordinates. Only ranges in a registered
     * highlight are looked at (on a long list, those near the viewport), and their live rectangles
     * are read, so a mark in a nested scroll container is placed wherever that container scrolled.
     */
    visible(viewport: Rect, cap: number): { item: { mark: Mark; status: NumberState }; at: Rect }[] {
      const clipRects = new Map<Element, Rect>();
      const rectOfClip = (el: Element): Rect => {
        let r = clipRects.get(el);
        if (!r) {
          r = el.getBoundingClientRect();
          clipRects.set(el, r);
        }
        return r;
      };
      function* candidates(): Generator<GlyphCandidate<{ mark: Mark; status: NumberState }>> {
        for (const spot of viewCandidates()) {
          const range = live.get(spot);
          // Painted: in a registered highlight since the last commit.
          const status = range ? shown.get(range) : undefined;
          const mark = marks.get(spot);
          if (!range || !status || !mark) continue;
          const rect = range.getBoundingClientRect();
          // Off screen (most marks of a long page): no clipping boxes to look up.
          if (
            rect.width <= 0 ||
            rect.height <= 0 ||
            rect.bottom <= viewport.top ||
            rect.top >= viewport.bottom ||
            rect.right <= viewport.left ||
            rect.left >= viewport.right
          )
            continue;
          const clips = clipsOf(spot.startContainer.parentElement);
          yield { item: { mark, status }, rect, clips: [viewport, ...clips.map(rectOfClip)] };
        }
      }
      return pickGlyphs(candidates(), cap);
    },

    /** Marks known, and how many of them are registered (near the viewport on a long list). */
    size(): { marks: number; registered: number; windowed: boolean } {
      return { marks: marks.size, registered: live.size, windowed };
    },

    /** Whether a number has marks on this page (shown or not). */
    has(kind: DocKind, key: string): boolean {
      return byKey.has(kind, key);
    },

    /** Applies waiting changes to the registered highlights now (tests, and before reading them). */
    commit,

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
      viewObserver?.disconnect();
      paintedAt.clear();
      inView.clear();
      loose.clear();
      if (commitTimer !== undefined) clearTimeout(commitTimer);
      commitTimer = undefined;
      wanted.clear();
      shown.clear();
      clipsToWarm.length = 0;
      marks.clear();
      live.clear();
      spotOfRange.clear();
      byNode.clear();
      anchors.clear();
      anchorOf.clear();
      groupOf.clear();
      nearTargets.clear();
      filling = undefined;
      byKey.clear();
    },
  };
}
export type Highlighter = ReturnType<typeof createHighlighter>;
