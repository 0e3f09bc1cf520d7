/**
 * The page overlay for one frame: scanner → background (ledger statuses) → highlights, field
 * markers, hover card and badge. The UI itself (Preact in a shadow root) only renders the state
 * kept here, so this file holds the behaviour and the entrypoint only wires browser APIs to it.
 */
import { STATUS_CODES } from '@/lib/match/status';
import type { Message } from '@/lib/messages';
import { DOC_KINDS, type DocKind } from '@/lib/model/document';
import { ByNumber } from './by-number';
import { createHighlighter, type Highlighter, type Mark, type Rect } from './highlights';
import {
  type DocLine,
  type ExceptionLine,
  type FieldCheck,
  NUMBER_STATES,
  type NumberState,
  type OverlayRecord,
  type OverlayStatus,
} from './protocol';
import type { Found, PageScanner } from './scanner';
import { defaultYield } from './schedule';
import type { TextSpot } from './text-map';

export type { Rect } from './highlights';

export interface CardState {
  mark: Mark;
  anchor: Rect;
  record?: OverlayRecord;
  status?: KnownStatus;
  loading: boolean;
  error?: string;
  /** Opened from the keyboard: the card takes focus. */
  focus: boolean;
  /** A short confirmation after an action ("Tracked as PO"). */
  notice?: string;
  /** A typed invoice number the ledger already holds for this vendor. */
  duplicates?: DocLine[];
}

export interface MarkerState {
  id: number;
  rect: Rect;
  mark: Mark;
  /** The clerk typed this value (not saved yet): checked against the ledger, never recorded. */
  typed: boolean;
  duplicates: DocLine[];
}

/**
 * A status glyph beside a highlighted number in view: the status without relying on colour (the
 * highlights are background tints only). Decoration: it takes no pointer and is hidden from
 * assistive technology, which gets the status from the hover card. Glyphs are drawn on one canvas:
 * on a page with many highlights, any DOM or style change in the document (our shadow root
 * included) makes Chromium repaint every highlighted text, 12 ms a frame on 900 numbers, while a
 * canvas redraw leaves the frame at a fraction of a millisecond.
 */
export interface GlyphState {
  status: NumberState;
  number: string;
  /** The number's visible part, in viewport coordinates. */
  at: Rect;
}

export interface OverlayState {
  card?: CardState;
  markers: MarkerState[];
  glyphs: GlyphState[];
  /** The viewport the glyphs were placed in (the canvas covers it). */
  view: { width: number; height: number };
  /**
   * Numbers were found: glyphs will follow. The canvas takes its pixels now, in a frame of its own,
   * rather than in the first frame that draws glyphs (a page without numbers never allocates them).
   */
  glyphsSoon?: boolean;
}

export type Send = (message: Message) => Promise<unknown>;

export interface OverlayDeps {
  doc: Document;
  send: Send;
  /** Builds the scanner with the overlay's callbacks (the entrypoint picks detector and adapter). */
  scanner: (callbacks: { onFound: (found: Found[]) => void; onClear: (root: Node) => void }) => PageScanner;
  /** Page identity for sightings. */
  page: () => { url: string; title: string };
  onState: (state: OverlayState) => void;
}

/**
 * Numbers per report. The page reads each reply as one structured clone in one task: a thousand
 * statuses took 27–39 ms of the page's time in the scan bench, two hundred and fifty stay far below.
 */
const REPORT_BATCH = 250;
const PAINT_BATCH = 250;
/** Statuses applied per task when a report's reply is long (a thousand numbers of a list). */
const APPLY_BATCH = 250;
/**
 * A paint or status task also stops once it has run this long. A batch is a few milliseconds on
 * a quiet page, but while the browser's garbage collector is marking (a long page's DOM, during
 * or just after a scan) every allocation pays marking steps, and on a 2-core machine the marking
 * threads take the cores: a 250-mark batch then took 30 ms of CPU and 135 ms of wall time.
 */
const SLICE_MS = 6;
/** Items between clock readings in a sliced loop. */
const SLICE_CHECK = 16;
const REPORT_DELAY_MS = 150;
const FIELD_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Glyphs drawn at most: a screen of a dense list holds far fewer numbers. */
export const GLYPH_CAP = 300;

/** The facts a detection carries beside its number, by name. */
export function fieldsCarried(d: Found['detection']): string[] {
  const out: string[] = [];
  if (d.vendor) out.push('vendor');
  if (d.total) out.push('total');
  if (d.issueDate) out.push('issueDate');
  if (d.dueDate) out.push('dueDate');
  for (const key of d.poKeys ?? []) out.push(`po:${key}`);
  return out;
}

/**
 * What the overlay keeps of a number's status. The reply is a structured clone, so every string in
 * it is a fresh copy, and a 10,000-row list keeps 20,000 of them: the words every status repeats
 * (kind, state) are the module's own, an empty exception list is one shared list, and the printed
 * number, which the marks hold already, is not kept.
 */
export type KnownStatus = Omit<OverlayStatus, 'number' | 'exceptions' | 'label' | 'headline'> & {
  exceptions: readonly ExceptionLine[];
};
const NO_EXCEPTIONS: readonly ExceptionLine[] = Object.freeze([]);

export function keptStatus(s: OverlayStatus): KnownStatus {
  const out: KnownStatus = {
    kind: DOC_KINDS.find((k) => k === s.kind) ?? s.kind,
    key: s.key,
    status: NUMBER_STATES.find((n) => n === s.status) ?? s.status,
    exceptions: s.exceptions.length ? s.exceptions : NO_EXCEPTIONS,
  };
  if (s.docId) out.docId = s.docId;
  if (s.vendor) out.vendor = s.vendor;
  if (s.total) out.total = s.total;
  // The status in AP words, as one of the module's own strings like kind and state; the card reads
  // the sentence with the record it loads, so no per-number text is kept.
  const code = STATUS_CODES.find((c) => c === s.code);
  if (code) out.code = code;
  return out;
}

function unwrap<T>(reply: unknown): T {
  const r = reply as { ok?: boolean; data?: unknown; error?: string } | undefined;
  if (r?.ok !== true) throw new Error(r?.error ?? 'Tieout did not answer; reload the page and try again.');
  return r.data as T;
}

function rectOf(r: DOMRect | Rect): Rect {
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

const sameRect = (a: Rect, b: Rect) =>
  a.left === b.left && a.top === b.top && a.right === b.right && a.bottom === b.bottom;

const markerLook = (m: MarkerState) =>
  `${m.id} ${m.mark.status} ${m.rect.left} ${m.rect.top} ${m.rect.right} ${m.rect.bottom}`;

/** Whether two glyph lists would draw the same canvas (nothing moved, appeared or changed status). */
export function sameGlyphs(a: readonly GlyphState[], b: readonly GlyphState[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.status !== y.status || !sameRect(x.at, y.at)) return false;
  }
  return true;
}

export function createOverlay(deps: OverlayDeps) {
  const { doc } = deps;
  const win = doc.defaultView;
  // Painted marks changed, or came into view: glyphs follow a frame later (see deferLayer).
  const highlighter: Highlighter = createHighlighter(doc, { onChange: () => deferLayer() });
  const statuses = new ByNumber<KnownStatus>();
  /** Ranges found before their status came back. */
  const pending = new ByNumber<{ spot: TextSpot; mark: Mark }[]>();
  /**
   * Numbers already reported as sightings on this URL, with the fields reported for them: a
   * re-render adds no sighting, but a later view of the same number that carries more (the body of
   * an e-mail whose subject was read first) is reported again so the ledger fills the gaps.
   */
  const reported = new ByNumber<string[]>();
  let reportedUrl = '';
  const fields = new Map<Element, MarkerState>();
  let nextMarker = 1;
  let state: OverlayState = { markers: [], glyphs: [], view: { width: 0, height: 0 } };
  // Known from the start, so the glyph canvas is in the first render (see OverlayApp).
  state.view = readView();
  let reportQueue: Promise<void> = Promise.resolve();
  const ignoredHere = new Set<string>();

  const emit = () => deps.onState(state);

  function statusOf(kind: DocKind, key: string): NumberState | undefined {
    return stateOf(key, statuses.get(kind, key));
  }

  /** A number's state here, given its status entry (`known`): ignored on this site, else the worker's word. */
  function stateOf(key: string, known: KnownStatus | undefined): NumberState | undefined {
    return ignoredHere.has(key) ? 'ignored' : known?.status;
  }

  function markFor(found: Found): Mark {
    const d = found.detection;
    const known = statuses.get(d.kind, d.key);
    const status = stateOf(d.key, known) ?? 'unknown';
    const mark: Mark = { kind: d.kind, key: d.key, number: d.number, status };
    if (known?.docId) mark.docId = known.docId;
    return mark;
  }

  function readMarkers(): MarkerState[] {
    const markers: MarkerState[] = [];
    for (const [element, marker] of fields) {
      if (!element.isConnected) {
        fields.delete(element);
        continue;
      }
      marker.rect = rectOf(element.getBoundingClientRect());
      const status = statusOf(marker.mark.kind, marker.mark.key);
      if (status) marker.mark.status = status;
      markers.push(marker);
    }
    return markers;
  }

  function syncMarkers(): void {
    state = { ...state, markers: readMarkers() };
    emit();
  }

  function readView(): OverlayState['view'] {
    const root = doc.documentElement;
    // The client box leaves out the page's scroll bars, which a glyph must not cover.
    return { width: root.clientWidth || win?.innerWidth || 0, height: root.clientHeight || win?.innerHeight || 0 };
  }
  function readGlyphs(view: OverlayState['view']): GlyphState[] {
    const viewport: Rect = { left: 0, top: 0, right: view.width, bottom: view.height };
    return highlighter.visible(viewport, GLYPH_CAP).map(({ item, at }) => ({
      status: item.status,
      number: item.mark.number,
      at,
    }));
  }

  /**
   * Markers and glyphs read their rectangles again at most once per frame, however many scroll
   * events (every nested scroller's, in capture) and commits arrive: on the frame's own clock,
   * before its layout, so the reads find layout clean and the moves paint in that same frame.
   */
  let layerFrame: number | undefined;
  let stopped = false;
  function updateLayer(): void {
    layerFrame = undefined;
    if (stopped) return;
    // Markers are updated in place: compare what they showed before with what they show now.
    const before = state.markers.map(markerLook).join(';');
    const markers = readMarkers();
    const view = readView();
    const glyphs = readGlyphs(view);
    const markersMoved = markers.length !== state.markers.length || markers.map(markerLook).join(';') !== before;
    // Re-rendering the same picture would cost the frame a diff of every glyph for nothing.
    const sameView = view.width === state.view.width && view.height === state.view.height;
    if (!markersMoved && sameView && sameGlyphs(glyphs, state.glyphs)) {
      state = { ...state, markers };
      return;
    }
    state = { ...state, markers, glyphs, view };
    emit();
  }
  const nextFrame = (run: () => void): number =>
    typeof win?.requestAnimationFrame === 'function'
      ? win.requestAnimationFrame(run)
      : (setTimeout(run, 16) as unknown as number);
  const cancelFrame = (handle: number): void => {
    if (typeof win?.cancelAnimationFrame === 'function') win.cancelAnimationFrame(handle);
    else clearTimeout(handle);
  };
  function scheduleLayer(): void {
    if (layerFrame !== undefined || stopped) return;
    layerFrame = nextFrame(updateLayer);
  }
  /**
   * After a commit the glyphs wait one frame more: the frame that paints new highlights is the
   * page's most expensive (markers rebuilt, highlighted text repainted), and reading rectangles in
   * it would also force that work early. A frame later layout is clean and the canvas redraw is all
   * that frame has to do. Scrolling still moves the glyphs in the scroll's own frame.
   */
  let deferredFrame: number | undefined;
  function deferLayer(): void {
    if (deferredFrame !== undefined || stopped) return;
    deferredFrame = nextFrame(() => {
      deferredFrame = undefined;
      scheduleLayer();
    });
  }

  async function sendBadge(): Promise<void> {
    // Only numbers with exceptions matter: a long list's thousands of tied numbers are not walked,
    // and nothing is built per status or per mark waiting to be painted. This runs after every
    // report of a long scan; a set of ids over the whole paint queue each time was the scan's
    // largest allocation (tens of MB on 10,000 rows), enough to bring on a major GC.
    const counted: KnownStatus[] = [];
    /** Statuses with exceptions whose number is neither painted nor on a form, for the paint queue. */
    let unsure: ByNumber<KnownStatus> | undefined;
    let onForms: ByNumber<true> | undefined;
    statuses.forEach((s) => {
      if (!s.exceptions.length) return;
      if (!highlighter.has(s.kind, s.key)) {
        if (!onForms) {
          onForms = new ByNumber();
          for (const m of fields.values()) onForms.set(m.mark.kind, m.mark.key, true);
        }
        if (!onForms.has(s.kind, s.key)) {
          unsure ??= new ByNumber();
          unsure.set(s.kind, s.key, s);
          return;
        }
      }
      counted.push(s);
    });
    // Marks whose status came back but that wait for their paint task are on the page too.
    if (unsure) {
      for (const { mark } of toPaint) {
        const s = unsure.get(mark.kind, mark.key);
        if (!s) continue;
        counted.push(s);
        // Counted once, however many of its marks wait.
        unsure.delete(mark.kind, mark.key);
      }
    }
    const ids = new Set<string>();
    for (const s of counted) for (const e of s.exceptions) ids.add(e.id);
    await deps.send({ type: 'page.badge', exceptionIds: [...ids] }).catch(() => undefined);
  }

  /**
   * Applies a report's reply a few hundred statuses per task at most, and no more than a slice's
   * time, so a long reply never blocks the page.
   */
  async function applyStatusesInSlices(list: OverlayStatus[]): Promise<void> {
    let i = 0;
    while (i < list.length) {
      if (i > 0) await defaultYield();
      const start = performance.now();
      const first = i;
      do {
        const end = Math.min(list.length, i + SLICE_CHECK, first + APPLY_BATCH);
        applyEach(list, i, end);
        i = end;
      } while (i < list.length && i - first < APPLY_BATCH && performance.now() - start < SLICE_MS);
      schedulePaint();
      syncMarkers();
    }
  }

  function applyStatuses(list: OverlayStatus[]): void {
    applyEach(list, 0, list.length);
    schedulePaint();
    syncMarkers();
  }

  function applyEach(list: OverlayStatus[], from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const s = list[i]!;
      statuses.set(s.kind, s.key, keptStatus(s));
      if (s.status === 'ignored') ignoredHere.add(s.key);
      const waiting = pending.get(s.kind, s.key);
      if (waiting) {
        pending.delete(s.kind, s.key);
        toPaint.push(...waiting);
      }
      highlighter.setStatus(s.kind, s.key, stateOf(s.key, s) ?? s.status, s.docId);
      for (const marker of fields.values()) {
        if (marker.mark.kind === s.kind && marker.mark.key === s.key && s.docId && !marker.typed)
          marker.mark.docId = s.docId;
      }
    }
  }

  /** Ranges whose status came back, painted a few hundred per task (at most a slice's time) so a long list never blocks. */
  const toPaint: { spot: TextSpot; mark: Mark }[] = [];
  let painting = false;
  function paintSome(): void {
    let waiting = toPaint.length;
    for (const list of pending.values()) waiting += list.length;
    highlighter.expect(waiting);
    const start = performance.now();
    let done = 0;
    while (done < toPaint.length && done < PAINT_BATCH) {
      if (done > 0 && done % SLICE_CHECK === 0 && performance.now() - start > SLICE_MS) break;
      const { spot, mark } = toPaint[done++]!;
      if (!spot.startContainer.isConnected) continue;
      // One lookup per mark, for its state and its document.
      const known = statuses.get(mark.kind, mark.key);
      mark.status = stateOf(mark.key, known) ?? mark.status;
      if (known?.docId) mark.docId = known.docId;
      highlighter.add(spot, mark);
    }
    // Shifted in place: `splice` would return (allocate) the painted batch, once per paint task.
    toPaint.copyWithin(0, done);
    toPaint.length -= done;
    if (toPaint.length) setTimeout(paintSome, 0);
    else painting = false;
  }
  function schedulePaint(): void {
    if (painting || !toPaint.length) return;
    painting = true;
    // In a task of its own: the statuses that released these marks were work enough for this one.
    setTimeout(paintSome, 0);
  }

  /**
   * Detections wait a moment to be sent together: the scanner delivers a long list in small groups,
   * and every report is one ledger transaction in the worker.
   */
  const outbox: Record<'scan' | 'form', Found['detection'][]> = { scan: [], form: [] };
  let outboxTimer: ReturnType<typeof setTimeout> | undefined;
  /** Reports in the queue or in flight: the badge waits for the last. */
  let reportsQueued = 0;

  function flushOutbox(): void {
    outboxTimer = undefined;
    const page = deps.page();
    for (const via of ['form', 'scan'] as const) {
      const detections = outbox[via].splice(0);
      if (!detections.length) continue;
      reportsQueued++;
      reportQueue = reportQueue.then(async () => {
        for (let i = 0; i < detections.length; i += REPORT_BATCH) {
          const batch = detections.slice(i, i + REPORT_BATCH);
          try {
            await applyStatusesInSlices(
              unwrap<OverlayStatus[]>(await deps.send({ type: 'page.report', page, via, detections: batch })),
            );
          } catch {
            // The worker refused or is gone: the numbers stay unpainted rather than wrongly coloured.
          }
        }
        // The badge is counted once the reports queued so far are in: a long list queues dozens
        // while it is scanned, and each count walks every status (and cost its allocations).
        if (--reportsQueued === 0) await sendBadge();
      });
    }
  }

  function report(detections: Found['detection'][], via: 'scan' | 'form'): void {
    if (!detections.length) return;
    outbox[via].push(...detections);
    if (outbox.scan.length + outbox.form.length >= REPORT_BATCH) flushOutbox();
    else if (outboxTimer === undefined) outboxTimer = setTimeout(flushOutbox, REPORT_DELAY_MS);
  }

  async function checkTyped(element: Element, marker: MarkerState): Promise<void> {
    const vendor = formVendor(element);
    try {
      const check = unwrap<FieldCheck>(
        await deps.send({
          type: 'page.checkField',
          number: marker.mark.number,
          kind: marker.mark.kind,
          ...(vendor ? { vendor } : {}),
        }),
      );
      if (fields.get(element) !== marker) return;
      marker.duplicates = check.duplicates;
      marker.mark.status = check.duplicates.length ? 'exception' : 'unknown';
      if (check.duplicates[0]) marker.mark.docId = check.duplicates[0].id;
      syncMarkers();
    } catch {
      // No answer: the marker stays as it was.
    }
  }

  function formVendor(element: Element): string | undefined {
    const form = element.closest('form') ?? doc;
    for (const el of form.querySelectorAll('input, select')) {
      const label = `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('name') ?? ''} ${el.id ? (doc.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : ''}`;
      if (!/vendor|supplier|payee/i.test(label)) continue;
      const value =
        el.tagName === 'SELECT'
          ? ((el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')
          : (el as HTMLInputElement).value;
      if (value.trim()) return value.trim().slice(0, 300);
    }
    return undefined;
  }

  /** Fields the clerk has typed into since the page (or in-app view) loaded. */
  const typedFields = new WeakSet<Element>();

  function onFound(found: Found[]): void {
    const fresh: Found['detection'][] = [];
    const fromForms: Found['detection'][] = [];
    const url = deps.page().url;
    if (url !== reportedUrl) {
      reported.clear();
      reportedUrl = url;
    }
    if (!state.glyphsSoon && found.some((f) => f.spot)) state = { ...state, glyphsSoon: true };
    for (const f of found) {
      const d = f.detection;
      if (f.spot) {
        const mark = markFor(f);
        if (statuses.has(d.kind, d.key) || ignoredHere.has(d.key)) highlighter.add(f.spot, mark);
        else {
          const waiting = pending.get(d.kind, d.key);
          if (waiting) waiting.push({ spot: f.spot, mark });
          else pending.set(d.kind, d.key, [{ spot: f.spot, mark }]);
        }
      } else if (f.field) {
        const typed = typedFields.has(f.field);
        const marker: MarkerState = {
          id: nextMarker++,
          rect: rectOf(f.field.getBoundingClientRect()),
          mark: markFor(f),
          typed,
          duplicates: [],
        };
        fields.set(f.field, marker);
        if (typed) {
          void checkTyped(f.field, marker);
          continue;
        }
      }
      const known = reported.get(d.kind, d.key);
      const carried = fieldsCarried(d);
      // A few names per number, thousands of numbers on a list: arrays, not a Set each.
      if (!known || carried.some((field) => !known.includes(field))) {
        reported.set(d.kind, d.key, known ? [...new Set([...known, ...carried])] : carried);
        (f.field ? fromForms : fresh).push(d);
      }
      // Otherwise it was reported already (maybe in a batch still in flight, whose reply paints it).
    }
    report(fresh, 'scan');
    report(fromForms, 'form');
    syncMarkers();
  }

  function onClear(root: Node): void {
    highlighter.removeWithin(root);
    for (const [element] of fields) {
      if (!element.isConnected || root === element || root.contains(element)) fields.delete(element);
    }
    for (let i = toPaint.length - 1; i >= 0; i--) {
      const node = toPaint[i]!.spot.startContainer;
      if (!node.isConnected || root.contains(node)) toPaint.splice(i, 1);
    }
    pending.forEach((list, kind, key) => {
      const left = list.filter((p) => p.spot.startContainer.isConnected && !root.contains(p.spot.startContainer));
      if (left.length) pending.set(kind, key, left);
      else pending.delete(kind, key);
    });
  }

  const scanner = deps.scanner({ onFound, onClear });

  let cardToken = 0;
  async function openCard(mark: Mark, anchor: Rect, focus: boolean, duplicates?: DocLine[]): Promise<void> {
    const token = ++cardToken;
    const status = statuses.get(mark.kind, mark.key);
    state = {
      ...state,
      card: {
        mark,
        anchor,
        loading: !!mark.docId,
        focus,
        ...(status ? { status } : {}),
        ...(duplicates?.length ? { duplicates } : {}),
      },
    };
    emit();
    if (!mark.docId) return;
    try {
      const record = unwrap<OverlayRecord | undefined>(await deps.send({ type: 'page.record', docId: mark.docId }));
      if (token !== cardToken || !state.card) return;
      state = { ...state, card: { ...state.card, loading: false, ...(record ? { record } : {}) } };
    } catch (error) {
      if (token !== cardToken || !state.card) return;
      state = { ...state, card: { ...state.card, loading: false, error: (error as Error).message } };
    }
    emit();
  }

  function closeCard(): void {
    cardToken++;
    if (!state.card) return;
    state = { ...state, card: undefined };
    emit();
  }

  async function refreshStatuses(): Promise<void> {
    const keys = [...new Set([...statuses.values()].map((s) => s.key))];
    if (!keys.length) return;
    try {
      const list = unwrap<OverlayStatus[]>(await deps.send({ type: 'page.statuses', keys: keys.slice(0, 5000) }));
      // The worker reads the site's ignore list too; this page's own choices count even before it has.
      applyStatuses(list.map((s) => (ignoredHere.has(s.key) ? { ...s, status: 'ignored' as const } : s)));
      await sendBadge();
    } catch {
      // Keep the colours we have.
    }
  }

  function notice(text: string): void {
    if (!state.card) return;
    state = { ...state, card: { ...state.card, notice: text } };
    emit();
  }

  return {
    scanner,
    highlighter,
    state: () => state,

    /**
     * First scan of the page, and live updates. The page is watched from before the scan: the scan
     * yields, and a single-page app renders meanwhile (Odoo's first view did); what it adds to a
     * part already walked would otherwise never be read. Its changes are re-read after the scan, as
     * scans run one at a time.
     */
    async start(): Promise<void> {
      scanner.observe();
      await scanner.scanAll();
    },

    /** Pointer over the page: the card follows highlighted numbers. */
    hover(x: number, y: number): boolean {
      const hit = highlighter.hit(x, y);
      if (!hit) return false;
      if (state.card && state.card.mark === hit.mark) return true;
      void openCard(hit.mark, rectOf(hit.range.getBoundingClientRect()), false);
      return true;
    },

    /** Keyboard: open the card for the number at the caret or selection, and focus it. */
    openAtSelection(): boolean {
      const selection = doc.getSelection();
      const node = selection?.anchorNode;
      if (node) {
        const hit = highlighter.at(node, selection.anchorOffset);
        if (hit) {
          void openCard(hit.mark, rectOf(hit.range.getBoundingClientRect()), true);
          return true;
        }
      }
      if (state.card) {
        state = { ...state, card: { ...state.card, focus: true } };
        emit();
        return true;
      }
      return false;
    },

    openMarker(markerId: number, focus: boolean): void {
      const marker = [...fields.values()].find((m) => m.id === markerId);
      if (!marker) return;
      if (state.card?.mark === marker.mark && !focus) return;
      void openCard(marker.mark, marker.rect, focus, marker.duplicates);
    },

    closeCard,

    async track(kind: DocKind): Promise<void> {
      const card = state.card;
      if (!card) return;
      try {
        const status = unwrap<OverlayStatus>(
          await deps.send({ type: 'page.track', number: card.mark.number, kind, page: deps.page() }),
        );
        ignoredHere.delete(card.mark.key);
        applyStatuses([status]);
        const mark = { ...card.mark, kind: status.kind, key: status.key, status: status.status };
        if (status.docId) mark.docId = status.docId;
        await openCard(mark, card.anchor, card.focus);
        notice(kind === 'po' ? 'Tracked as a PO.' : 'Tracked as an invoice.');
      } catch (error) {
        notice((error as Error).message);
      }
    },

    async ignore(): Promise<void> {
      const card = state.card;
      if (!card) return;
      try {
        const origin = new URL(deps.page().url).origin;
        unwrap(await deps.send({ type: 'page.ignore', key: card.mark.key, origin }));
        ignoredHere.add(card.mark.key);
        for (const s of statuses.values()) if (s.key === card.mark.key) highlighter.setStatus(s.kind, s.key, 'ignored');
        highlighter.setStatus(card.mark.kind, card.mark.key, 'ignored');
        syncMarkers();
        await sendBadge();
        closeCard();
      } catch (error) {
        notice((error as Error).message);
      }
    },

    async open(): Promise<void> {
      const docId = state.card?.mark.docId;
      if (docId) await deps.send({ type: 'page.open', docId }).catch(() => undefined);
    },

    /** A field changed: re-read it (and its form's vendor) and check a typed number. */
    fieldChanged(target: Element, trusted: boolean): void {
      if (!FIELD_TAGS.has(target.tagName)) return;
      if (trusted) typedFields.add(target);
      const marker = fields.get(target);
      // Re-check a typed invoice number when the vendor changes.
      const related = [...fields.entries()].filter(([el, m]) => el !== target && m.typed).map(([el]) => el);
      void scanner.rescan([target, ...related]).then(() => {
        if (marker && !fields.has(target)) syncMarkers();
      });
    },

    /** In-app navigation (history, hash): read the new view's fields and context again. */
    navigated(): void {
      void scanner.rescan([doc.body ?? doc.documentElement]);
    },

    refreshStatuses,
    /** Scroll (of the page or any nested scroller) or resize: markers and glyphs follow next frame. */
    reposition: scheduleLayer,
    /** Reads markers and glyphs now (tests and the bench time one update). */
    updateLayer,

    stop(): void {
      stopped = true;
      if (layerFrame !== undefined) cancelFrame(layerFrame);
      if (deferredFrame !== undefined) cancelFrame(deferredFrame);
      layerFrame = undefined;
      deferredFrame = undefined;
      if (outboxTimer !== undefined) clearTimeout(outboxTimer);
      toPaint.length = 0;
      scanner.disconnect();
      highlighter.destroy();
      fields.clear();
      state = { markers: [], glyphs: [], view: { width: 0, height: 0 } };
      emit();
    },
  };
}
export type Overlay = ReturnType<typeof createOverlay>;
