/**
 * The live scanner: turns the page (or the subtrees that changed) into the detector's blocks with
 * `blocksFromSubtree`, runs the detector, and hands back each number with where it is printed — a
 * `Range` over text nodes, or the form field that holds it.
 *
 * Work is cut into parts (small subtrees) and done between `slice.check()` calls, so a 10,000-row
 * portal list never blocks the page for long; a MutationObserver queues only the subtrees that
 * changed, debounced, and re-scans them. Nothing here writes to the page.
 */
import type { PageContext, TextBlock } from '@/lib/detect/types';
import type { Detection } from '@/lib/model/detection';
import type { SiteAdapter } from './adapters';
import { kindFromContext, qualifyLabels, recordContextParts } from './context';
import {
  blocksFromSubtree,
  createSubtreeCache,
  isInvoiceNumberLabel,
  type ScannedBlocks,
  type TextSegment,
} from './html-blocks';
import { createSlice, type Slice } from './schedule';
import { spotFromSegments, type TextSpot, windowBlocks } from './text-map';
import { recordAround, recordsOf } from './units';

export interface Found {
  detection: Detection;
  /** Where the number is printed in text, for the Highlight API. */
  spot?: TextSpot;
  /** The form field (or element with a `title`) that holds it: the Highlight API cannot paint there. */
  field?: Element;
}

export interface ScannerDeps {
  doc: Document;
  detect: (blocks: TextBlock[]) => Detection[];
  adapter: () => SiteAdapter;
  /** Our own UI host and anything else not to read. */
  exclude: (node: Node) => boolean;
  /** Called with the numbers of each scanned batch, in document order. */
  onFound: (found: Found[]) => void;
  /** Called before `root` is scanned again: drop what was shown for it. */
  onClear: (root: Node) => void;
  /** Extra context from an enclosing page (a same-origin frame's parent: subject, sender). */
  outerContext?: () => PageContext | undefined;
  sliceMs?: number;
  /** Milliseconds to wait after a mutation before re-scanning (webmail renders in bursts). */
  debounceMs?: number;
}

/** Elements per part: small enough that one part's blocks and detection stay a few milliseconds. */
const PART_ELEMENTS = 300;
/**
 * The detector reads a set of blocks as one document (a message's total and PO references belong
 * to its invoice), so a subtree up to this size goes to it in one call: an e-mail, a record form.
 */
const WHOLE_CHARS = 30_000;
const WHOLE_BLOCKS = 600;
/** Larger subtrees (portal lists, where each row carries its own fields) go in small groups. */
const GROUP_CHARS = 2_000;
const GROUP_BLOCKS = 24;
/**
 * What one detector call on a list should cost: groups shrink to it on a slow machine (measured
 * per character as the scan goes), so a call never stretches a slice much past its budget.
 */
const DETECT_CALL_MS = 4;
const MIN_GROUP_CHARS = 200;
/**
 * Past the whole-document size, a subtree's blocks go to the detector every this many blocks while
 * the walk goes on: a 10,000-row list never holds all its blocks at once (they would outlive the
 * young generation and cost the page major garbage collections) and lights up from the top.
 */
const STREAM_BLOCKS = 240;
const WINDOW_CHARS = 4_000;
/** A first call compiles the detector's patterns: done on its own, before the first real group. */
const WARM_UP: TextBlock[] = [
  { text: 'Invoice No. INV-1001 for PO 4500000001 dated 2025-01-31, total 1.234,56 EUR', role: 'text' },
  { text: 'Bill No.: 2291 · Due 03/04/2025 · Amount due $1,234.56', role: 'field', label: 'Reference' },
  {
    text: 'INV-2025-0001',
    role: 'cell',
    label: 'Invoice No.',
    row: { 'PO Number': '4500000002', Supplier: 'Acme Ltd', 'Invoice date': '31.01.2025', Amount: '1 234,56 €' },
  },
];

const FIELD_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT']);
const INLINE =
  /^(A|ABBR|B|BDI|BDO|CITE|CODE|DATA|DFN|EM|FONT|I|KBD|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|U|VAR)$/;
const VENDOR_LABEL = /\b(vendor|supplier|payee|lieferant|fournisseur|proveedor|fornitore|leverancier|fornecedor)\b/i;

function keepWithDigits<T extends { blocks: TextBlock[]; segments: TextSegment[][]; origin: number[] }>(w: T): T {
  const out = { ...w, blocks: [] as TextBlock[], segments: [] as TextSegment[][], origin: [] as number[] };
  w.blocks.forEach((block, i) => {
    if (!/\d/.test(block.text)) return;
    out.blocks.push(block);
    out.segments.push(w.segments[i] ?? []);
    out.origin.push(w.origin[i] ?? 0);
  });
  return out;
}

function sameName(a: string, b: string): boolean {
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return squash(a) === squash(b);
}

function countUpTo(root: Element, limit: number): number {
  let count = 0;
  let node: Element | null = root;
  // Iterative pre-order walk over elements; stops as soon as the limit is reached.
  while (node && count < limit) {
    count++;
    if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    while (node && node !== root && !node.nextElementSibling) node = node.parentElement;
    if (!node || node === root) break;
    node = node.nextElementSibling;
  }
  return count;
}

function hasOwnText(el: Element): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 && /\S/.test((n as Text).data)) return true;
  }
  return false;
}

function insideEditable(el: Element): boolean {
  const host = el.closest('[contenteditable]');
  return !!host && (host as HTMLElement).isContentEditable;
}

function columnHeader(field: Element): string | undefined {
  const cell = field.closest('td, [role="gridcell"]');
  const row = cell?.parentElement;
  if (!cell || !row) return undefined;
  const index = [...row.children].indexOf(cell);
  const table = cell.closest('table, [role="grid"]');
  const headRow = table?.querySelector('thead tr, [role="row"]:has([role="columnheader"])');
  const header = headRow?.children[index];
  const text = header?.textContent?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function hasExplicitLabel(field: Element, doc: Document): boolean {
  if (field.hasAttribute('aria-label') || field.hasAttribute('aria-labelledby') || field.closest('label')) return true;
  const id = field.getAttribute('id');
  return !!id && !!doc.querySelector(`label[for="${id.replace(/["\\]/g, '\\$&')}"]`);
}

/** What one scanner has done, for the benchmark and tests. */
function emptyStats() {
  return {
    parts: 0,
    blocks: 0,
    detections: 0,
    yields: 0,
    walkMs: 0,
    detectMs: 0,
    mapMs: 0,
    longestWalkMs: 0,
    longestDetectMs: 0,
    longestMapMs: 0,
    warmUpMs: 0,
  };
}

export function createPageScanner(deps: ScannerDeps) {
  const { doc } = deps;
  let observer: MutationObserver | undefined;
  const dirty = new Set<Node>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let stats = emptyStats();
  let stopped = false;
  let warmed = false;
  /** Detector milliseconds per character on list groups, smoothed over the calls so far. */
  let msPerChar = 0;

  function context(): { ctx: PageContext; kind: ReturnType<typeof kindFromContext>; vendor?: string } {
    const adapter = deps.adapter();
    // The holding page's context is read once: it walks the parent document.
    const outer = deps.outerContext?.();
    const ctx: PageContext = { ...outer, ...adapter.context(doc) };
    if (outer?.subject && !ctx.subject) ctx.subject = outer.subject;
    if (outer?.sender && !ctx.sender) ctx.sender = outer.sender;
    const kind = kindFromContext(recordContextParts(doc));
    const vendor = adapter.vendor(ctx);
    return vendor ? { ctx, kind, vendor } : { ctx, kind };
  }

  /** Small subtrees (and loose text nodes of big containers) covering `root`, in document order. */
  async function partition(root: Node, slice: Slice): Promise<Node[]> {
    const parts: Node[] = [];
    const stack: Node[] = [root];
    let visits = 0;
    while (stack.length) {
      const node = stack.pop()!;
      if (++visits % 64 === 0) await slice.check();
      if (node.nodeType === 3) {
        parts.push(node);
        continue;
      }
      if (node.nodeType !== 1 && node.nodeType !== 9) continue;
      const el = node.nodeType === 9 ? (node as Document).body : (node as Element);
      if (!el || SKIP_TAGS.has(el.tagName) || deps.exclude(el)) continue;
      // A chain of single children (deeply nested wrappers) is followed without counting each level.
      if (el.childElementCount === 1 && !hasOwnText(el) && !FIELD_TAGS.has(el.tagName)) {
        stack.push(el.firstElementChild!);
        continue;
      }
      if (countUpTo(el, PART_ELEMENTS) < PART_ELEMENTS) {
        parts.push(el);
        continue;
      }
      const children = [...el.childNodes];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i]!;
        if (child.nodeType === 1 || (child.nodeType === 3 && /\S/.test((child as Text).data))) stack.push(child);
      }
    }
    return parts;
  }

  /** Field-ish extras the block walker does not read: numbers kept only in a `title` attribute. */
  function titleBlocks(part: Element, ctx: PageContext, out: ScannedBlocks): void {
    const withTitle = part.hasAttribute('title')
      ? [part, ...part.querySelectorAll('[title]')]
      : part.querySelectorAll('[title]');
    for (const el of withTitle) {
      const title = el.getAttribute('title')?.trim() ?? '';
      if (!/\d/.test(title) || title.length > 300 || (el.textContent ?? '').includes(title)) continue;
      out.blocks.push({ text: title, role: 'field', context: ctx });
      out.segments.push([]);
      out.elements.push(el as unknown as ScannedBlocks['elements'][number]);
    }
  }

  function refine(out: ScannedBlocks, kind: ReturnType<typeof kindFromContext>): void {
    for (let i = 0; i < out.blocks.length; i++) {
      const block = out.blocks[i]!;
      const el = out.elements[i] as unknown as Element;
      if (block.role === 'field' && FIELD_TAGS.has(el.tagName) && !hasExplicitLabel(el, doc)) {
        const prevCell = el.closest('td')?.previousElementSibling?.textContent?.trim();
        const header = prevCell ? undefined : columnHeader(el);
        if (header) block.label = header;
      }
    }
    // The labels of one form are qualified together: its Number and Reference say whose each is.
    const labels = qualifyLabels(
      out.blocks.map((b) => b.label),
      kind,
      isInvoiceNumberLabel,
    );
    out.blocks.forEach((block, i) => {
      const label = labels[i];
      if (label !== undefined) block.label = label;
    });
  }

  function formVendorOf(out: ScannedBlocks): string | undefined {
    return out.blocks.find((b) => b.role === 'field' && b.label && VENDOR_LABEL.test(b.label))?.text;
  }

  /**
   * Runs the detector over the blocks and hands each group's numbers to `onFound` as soon as they
   * are mapped, so a long list lights up progressively instead of in one heavy paint at the end.
   * `whole`: the blocks are one document (an e-mail, a record form) and go to the detector in one
   * call; otherwise each block stands on its own (a list row carries its fields in `row`) and they
   * go in small groups.
   */
  async function detectAndMap(
    out: ScannedBlocks,
    whole: boolean,
    pageVendor: string | undefined,
    slice: Slice,
  ): Promise<void> {
    if (!warmed) {
      warmed = true;
      const t0 = performance.now();
      deps.detect(WARM_UP);
      stats.warmUpMs = performance.now() - t0;
      await slice.check();
    }
    const elements = out.elements as unknown as (Element | undefined)[];
    const all = windowBlocks(out.blocks, out.segments, WINDOW_CHARS);
    // Read in groups, a block without a digit cannot hold a number and is left out. Read whole,
    // it may name the vendor or a label.
    const windowed = whole ? all : keepWithDigits(all);
    const maxChars = whole
      ? Number.POSITIVE_INFINITY
      : msPerChar > 0
        ? Math.max(MIN_GROUP_CHARS, Math.min(GROUP_CHARS, DETECT_CALL_MS / msPerChar))
        : GROUP_CHARS;
    const maxBlocks = whole ? Number.POSITIVE_INFINITY : GROUP_BLOCKS;
    let from = 0;
    while (from < windowed.blocks.length) {
      if (stopped) return;
      let to = from;
      let chars = 0;
      while (
        to < windowed.blocks.length &&
        (to === from || (chars + windowed.blocks[to]!.text.length <= maxChars && to - from < maxBlocks))
      ) {
        chars += windowed.blocks[to]!.text.length;
        to++;
      }
      const group = windowed.blocks.slice(from, to);
      const t0 = performance.now();
      const detections = deps.detect(group);
      const took = performance.now() - t0;
      stats.detectMs += took;
      if (!whole && chars >= MIN_GROUP_CHARS / 2) {
        // One call stretched by a busy machine or a garbage collection moves the estimate only so far.
        const rate = msPerChar > 0 ? Math.min(took / chars, msPerChar * 4) : took / chars;
        msPerChar = msPerChar > 0 ? msPerChar * 0.8 + rate * 0.2 : rate;
      }
      stats.longestDetectMs = Math.max(stats.longestDetectMs, took);
      const t1 = performance.now();
      stats.blocks += group.length;
      stats.detections += detections.length;
      const found: Found[] = [];
      for (const detection of detections) {
        const index = from + detection.span.block;
        const origin = windowed.origin[index] ?? 0;
        const element = elements[origin];
        // Text the clerk is editing (a compose box) is not painted; form fields get a marker instead.
        if (element && !FIELD_TAGS.has(element.tagName) && insideEditable(element)) continue;
        const segs: TextSegment[] = windowed.segments[index] ?? [];
        const d: Detection = { ...detection, span: { ...detection.span, block: origin } };
        // The same name as the sender's, spelt from a mail domain ("Globex-components"): keep the page's spelling.
        if (pageVendor && (!d.vendor || sameName(d.vendor, pageVendor))) d.vendor = pageVendor.slice(0, 300);
        if (segs.length) {
          const spot = spotFromSegments(segs, detection.span.start, detection.span.end);
          found.push(spot ? { detection: d, spot } : { detection: d });
        } else if (element) {
          found.push({ detection: d, field: element });
        }
      }
      if (found.length && !stopped) deps.onFound(found);
      const mapped = performance.now() - t1;
      stats.mapMs += mapped;
      stats.longestMapMs = Math.max(stats.longestMapMs, mapped);
      from = to;
      await slice.check();
    }
  }

  /**
   * The blocks of a list's records (units.ts) each go to the detector on their own, with no page
   * vendor (a row's sender is its own); the rest of the blocks are the page's document and go as
   * `whole` says. Parts are handed over in document order, each where its first block is.
   */
  async function detectByRecord(
    out: ScannedBlocks,
    whole: boolean,
    pageVendor: string | undefined,
    slice: Slice,
  ): Promise<void> {
    const elements = out.elements as unknown as Element[];
    const labelled = out.blocks.map((b) => b.label !== undefined || b.role === 'field');
    const records = recordsOf(elements, labelled);
    if (records.every((r) => !r)) return detectAndMap(out, whole, pageVendor, slice);
    const parts = new Map<Element | undefined, ScannedBlocks>();
    for (let i = 0; i < out.blocks.length; i++) {
      const record = records[i];
      let part = parts.get(record);
      if (!part) {
        part = { blocks: [], segments: [], elements: [] };
        parts.set(record, part);
      }
      part.blocks.push(out.blocks[i]!);
      part.segments.push(out.segments[i] ?? []);
      part.elements.push(out.elements[i]!);
    }
    for (const [record, part] of parts) {
      if (stopped) return;
      await (record ? detectAndMap(part, true, undefined, slice) : detectAndMap(part, whole, pageVendor, slice));
    }
  }

  async function scanRoots(roots: Node[]): Promise<void> {
    const slice = createSlice(deps.sliceMs === undefined ? {} : { budgetMs: deps.sliceMs });
    const { ctx, kind, vendor } = context();
    const cache = createSubtreeCache();
    const empty = (): ScannedBlocks => ({ blocks: [], segments: [], elements: [] });
    for (const root of roots) {
      if (stopped) return;
      if (!root.isConnected) continue;
      deps.onClear(root);
      const parts = await partition(root, slice);
      stats.parts += parts.length;
      // One query for the subtree rather than one per part (a node list each) when nothing has a title.
      const titled =
        root.nodeType === 1 &&
        ((root as Element).hasAttribute('title') || !!(root as Element).querySelector('[title]'));
      let batch = empty();
      // Size as the detector will see it (long blocks are cut in windows), to tell a document from a list.
      let chars = 0;
      let pieces = 0;
      /** Set once the subtree is too big to be one document: its blocks then stream in groups. */
      let stream: { vendor: string | undefined } | undefined;
      for (const part of parts) {
        if (stopped) return;
        if (!part.isConnected) continue;
        const t0 = performance.now();
        const before = batch.blocks.length;
        if (part.nodeType === 3) {
          const text = part as Text;
          batch.blocks.push({ text: text.data, role: 'text', context: ctx });
          batch.segments.push([{ node: text as never, start: 0, nodeStart: 0, length: text.data.length }]);
          batch.elements.push(text.parentElement as never);
        } else {
          // Streaming a list: blocks without a digit would be dropped before detection.
          blocksFromSubtree(doc as never, part as never, ctx, batch, cache, !!stream);
          if (titled) titleBlocks(part as Element, ctx, batch);
        }
        for (let i = before; i < batch.blocks.length; i++) {
          const length = batch.blocks[i]!.text.length;
          chars += length;
          pieces += Math.max(1, Math.ceil(length / WINDOW_CHARS));
        }
        const took = performance.now() - t0;
        stats.walkMs += took;
        stats.longestWalkMs = Math.max(stats.longestWalkMs, took);
        if (!stream && (chars > WHOLE_CHARS || pieces > WHOLE_BLOCKS)) stream = { vendor: undefined };
        // Skipped blocks count: a batch ends where it would have with them.
        if (stream && batch.blocks.length + (batch.skipped ?? 0) >= STREAM_BLOCKS) {
          refine(batch, kind);
          // A vendor field of a form names the vendor of the numbers read after it.
          stream.vendor ??= formVendorOf(batch);
          await detectByRecord(batch, false, stream.vendor ?? vendor, slice);
          batch = empty();
        }
        await slice.check();
      }
      if (stopped || !batch.blocks.length) continue;
      refine(batch, kind);
      if (stream) stream.vendor ??= formVendorOf(batch);
      // A vendor field on a record form names the vendor of that form's numbers.
      await detectByRecord(batch, !stream, (stream ? stream.vendor : formVendorOf(batch)) ?? vendor, slice);
    }
    stats.yields += slice.yields;
  }

  /** Nearest ancestor that is not inline text markup: a changed `<span>` re-scans its paragraph. */
  function scanRootFor(node: Node): Node | null {
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    while (el && INLINE.test(el.tagName) && el.parentElement) el = el.parentElement;
    // A change inside a list's record (its subject redrawn) re-reads the whole record.
    return (el && recordAround(el)) ?? el;
  }

  function drain(): void {
    timer = undefined;
    const roots = [...dirty].filter((n) => n.isConnected);
    dirty.clear();
    // Keep only outermost roots: a re-rendered message container covers its children.
    const outer = roots.filter((r) => !roots.some((o) => o !== r && o.contains(r)));
    if (!outer.length) return;
    running = running.then(() => scanRoots(outer)).catch(() => undefined);
  }

  function queue(node: Node): void {
    const root = scanRootFor(node);
    if (!root || deps.exclude(root)) return;
    dirty.add(root);
    if (timer === undefined) timer = setTimeout(drain, deps.debounceMs ?? 120);
  }

  function onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      if (deps.exclude(record.target)) continue;
      if (record.type === 'childList') {
        const nodes = [...record.addedNodes, ...record.removedNodes];
        if (nodes.length && nodes.every((n) => deps.exclude(n))) continue;
        // Removed nodes take their ranges with them; the container is re-read for what replaced them.
        queue(record.target);
      } else {
        queue(record.target);
      }
    }
  }

  return {
    /** Scans the whole document once; resolves when done. */
    scanAll(): Promise<void> {
      running = running.then(() => scanRoots([doc.body ?? doc.documentElement])).catch(() => undefined);
      return running;
    },
    /** Scans these subtrees again (form fields after input, a frame after navigation). */
    rescan(nodes: Node[]): Promise<void> {
      running = running.then(() => scanRoots(nodes)).catch(() => undefined);
      return running;
    },
    observe(): void {
      if (observer) return;
      const view = doc.defaultView;
      if (!view) return;
      observer = new view.MutationObserver(onMutations);
      observer.observe(doc.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['value', 'title', 'selected', 'hidden'],
      });
    },
    disconnect(): void {
      stopped = true;
      observer?.disconnect();
      observer = undefined;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      dirty.clear();
    },
    /** Resolves when queued work is done (tests, bench). */
    idle(): Promise<void> {
      return running;
    },
    stats(): typeof stats {
      return stats;
    },
    resetStats(): void {
      stats = emptyStats();
    },
  };
}
export type PageScanner = ReturnType<typeof createPageScanner>;
