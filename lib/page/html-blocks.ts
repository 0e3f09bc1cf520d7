/**
 * A DOM (the live page in the content script, or linkedom in Node) as the detector's text blocks.
 *
 * Uses only what the `doc` parameter and its nodes offer (no `window`, `document`, `Node` or
 * `NodeFilter` globals), so the same code runs everywhere. One iterative walk over the subtree,
 * each node visited once: linear in the size of the DOM, and chunkable through `blocksFromSubtree`.
 *
 * - Text runs: inline content between block boundaries becomes one block, so a number split over
 *   `<span>`s comes out as one text. Offsets are exact: `segments` maps block offsets back to the
 *   text nodes (the overlay highlights from it); `<br>` adds a newline that maps to no node.
 * - Structure: `<dd>` gets its `<dt>` as label; a table cell gets its column header as label and the
 *   row's other cells in `row`; a two-cell row or a short block ending in `:` labels what follows.
 * - Form fields: `<input>`/`<select>`/`<textarea>` values with their label, role 'field'.
 */
import { parseHTML } from 'linkedom';
import { classifyLabel } from '@/lib/detect/scan';
import type { BlockRole, PageContext, TextBlock } from '@/lib/detect/types';
import { kindFromContext, qualifyLabel, qualifyLabels } from './context';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The DOM surface used here: satisfied by a browser Document and by linkedom's. */
interface DomNode {
  nodeType: number;
  parentNode: DomNode | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  textContent: string | null;
}
interface DomElement extends DomNode {
  tagName: string;
  children: ArrayLike<DomElement>;
  parentElement: DomElement | null;
  previousElementSibling: DomElement | null;
  nextElementSibling: DomElement | null;
  firstElementChild: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
}
interface DomText extends DomNode {
  data: string;
}
export interface DomDocument {
  title?: string;
  documentElement: DomElement | null;
  body?: DomElement | null;
  getElementById(id: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** Where each piece of a block's text came from: block offset `start` = node offset `nodeStart`. */
export interface TextSegment {
  node: DomNode;
  /** Offset in the block's text. */
  start: number;
  /** Offset in the text node's data where this segment begins. */
  nodeStart: number;
  length: number;
}

export interface ScannedBlocks {
  blocks: TextBlock[];
  /** `segments[i]` maps `blocks[i].text` back to DOM text nodes (empty for form fields). */
  segments: TextSegment[][];
  /** The element each block came from (its block container or form field). */
  elements: DomElement[];
  /** Blocks left out by a digits-only walk (see `blocksFromSubtree`), counted as if read. */
  skipped?: number;
}

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'META',
  'LINK',
]);

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'HTML',
  'LEGEND',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'OPTION',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'LABEL',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
]);

const NOT_SPACE = /\S/;
const DIGIT = /\d/;
const CONTROL_SPACE = /[\t\n\r\f]/;
const CONTROL_SPACES = /[\t\n\r\f]/g;

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Menus and a field's list of suggestions are the app's chrome ("Search...", "Create...", "Next"
 * under a vendor field), never a value: a closed one is hidden by the app's stylesheet, which is not
 * read here. A listbox is such a popup only beside its field (an input or combobox next to it); a
 * listbox standing alone is a list of records (a webmail's message list), read row by row.
 */
const POPUP_ROLES = new Set(['menu', 'menubar', 'tooltip']);
const FIELD_CONTROL = 'input:not([type="hidden"]), textarea, [role="combobox"]';

function isFieldPopup(el: DomElement): boolean {
  const around = el.parentElement;
  return !!around && around.querySelector(FIELD_CONTROL) !== null && el.querySelector(FIELD_CONTROL) === null;
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && (POPUP_ROLES.has(role) || (role === 'listbox' && isFieldPopup(el)))) return true;
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  if (el.tagName === 'INPUT' && (el.getAttribute('type') ?? '').toLowerCase() === 'hidden') return true;
  return false;
}

/** Parts of an app's own interface, by role: never a document's text. */
const CHROME_ROLES = new Set(['toolbar', 'menubar', 'menu', 'tooltip', 'progressbar', 'img', 'search', 'tablist']);
/** Controls: their text is a label for what they do ("Reply", "Open in new window", a folder's name). */
const CONTROL_ROLES = new Set(['button', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'switch']);
/**
 * A control with more text than this, or with paragraphs, lines or tables inside, is a container made
 * clickable (a message body, a card), not a label.
 */
const CONTROL_TEXT = 80;
const CONTAINER_INSIDE = 'p, div, br, table, li, pre, blockquote';

/**
 * The app's chrome: toolbars, menus, tabs, icons and the labels of its buttons. Read as the
 * document's text, they end up in vendor names and labels ("Open in new window", "Inbox", an icon's
 * ligature "star_border").
 */
function isChrome(el: DomElement, tag: string): boolean {
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  if (tag !== 'BUTTON' && !(role && CONTROL_ROLES.has(role))) return false;
  return (el.textContent ?? '').length <= CONTROL_TEXT && !el.querySelector(CONTAINER_INSIDE);
}

function squash(s: string | null | undefined, max = 200): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Page context: title, record heading (h1 or breadcrumb), language. */
export function pageContext(doc: DomDocument): PageContext {
  const ctx: PageContext = {};
  const title = squash(doc.title ?? doc.querySelector('title')?.textContent, 300);
  if (title) ctx.title = title;
  const crumbs = doc.querySelector(
    '[aria-label="breadcrumb" i] li:last-child, nav.breadcrumb li:last-child, .breadcrumb li:last-child',
  );
  const h1 = doc.querySelector('h1');
  const heading = squash(h1?.textContent) || squash(crumbs?.textContent);
  if (heading) ctx.heading = heading;
  const lang = doc.documentElement?.getAttribute('lang');
  if (lang) ctx.lang = lang.trim();
  return ctx;
}

interface TableInfo {
  headers: string[];
}

interface Run {
  el: DomElement;
  text: string;
  segments: TextSegment[];
}

/**
 * Blocks of the whole document (or of `root`): what the detector reads.
 */
export function blocksFromDocument(doc: DomDocument, root?: DomElement): TextBlock[] {
  return scanDocument(doc, root).blocks;
}

/** Blocks plus the text-node map of each, for the overlay. */
export function scanDocument(doc: DomDocument, root?: DomElement): ScannedBlocks {
  const start = root ?? doc.body ?? doc.documentElement;
  const out: ScannedBlocks = { blocks: [], segments: [], elements: [] };
  if (!start) return out;
  const context = pageContext(doc);
  blocksFromSubtree(doc, start, context, out);
  return out;
}

/**
 * What `blocksFromSubtree` looks up once per document (`<label for>` texts, table headers). The
 * live scanner calls it for many small subtrees of one page and passes one cache for the whole
 * pass (a new one per pass: the DOM changes between passes).
 */
export interface SubtreeCache {
  labelFor?: Map<string, string>;
  tables: Map<unknown, { headers: string[] }>;
  rows: Map<unknown, RowShape>;
}

interface RowShape {
  cells: DomElement[];
  /** Start column of each cell (colspans counted). */
  cols: number[];
  texts: string[];
  isHeaderRow: boolean;
}

export function createSubtreeCache(): SubtreeCache {
  return { tables: new Map(), rows: new Map() };
}

/**
 * Blocks of one subtree, appended to `out`. The live scanner calls this per changed subtree (and
 * per chunk of a large page) with the page's context computed once.
 *
 * `digitsOnly`: text blocks without a digit are not built (only counted in `out.skipped`), form
 * fields and label/value fields still are. The scanner streams a long list this way: it would drop
 * those blocks before detection anyway, and on a 10,000-row list their objects and row records
 * were a third of the walk's allocation.
 */
export function blocksFromSubtree(
  doc: DomDocument,
  root: DomElement,
  context: PageContext,
  out: ScannedBlocks,
  cache?: SubtreeCache,
  digitsOnly = false,
): void {
  let labelFor = cache?.labelFor;
  if (!labelFor) {
    labelFor = labelsByFor(doc);
    if (cache) cache.labelFor = labelFor;
  }
  const tables: Map<unknown, TableInfo> = cache?.tables ?? new Map<DomElement, TableInfo>();
  // Documents the clerk's own company issues (POs, goods receipts) are titled by their number on
  // their record page: that title is the document's number. A bill's title is the ERP's own
  // voucher number, not the vendor's invoice number, so bills are left out.
  // The record's heading, else the view's title ("Purchases - Tryton", "Vendor Bills - Odoo").
  const recordKind = kindFromContext([context.heading ?? '', context.title ?? '']);
  const headingKind = kindFromContext([context.heading ?? '']);
  const titleLabel =
    headingKind === 'po' || headingKind === 'receipt' ? qualifyLabel('Number', headingKind) : undefined;
  // open runs, one per block container on the path from root to the current node
  const stack: Run[] = [];
  let pendingLabel: string | undefined;

  const flush = (run: Run | undefined): void => {
    if (!run) return;
    // A test, not `trim()`: most runs between a long list's cells are bare whitespace, and a
    // trimmed copy of each was made only to be thrown away.
    if (NOT_SPACE.test(run.text)) emit(run);
    run.text = '';
    run.segments = [];
  };

  const emit = (run: Run): void => {
    // trim, keeping the segment map exact
    const raw = run.text;
    let s = 0;
    let e = raw.length;
    while (s < e && /\s/.test(raw[s] ?? '')) s++;
    while (e > s && /\s/.test(raw[e - 1] ?? '')) e--;
    const whole = s === 0 && e === raw.length;
    const text = whole ? raw : raw.slice(s, e);
    // Nothing trimmed: every segment already lies inside the text, and the run's own list (which
    // `flush` replaces) is the block's. Trimmed: segments are cut to the text, as copies.
    const segments: TextSegment[] = whole ? run.segments : [];
    for (let k = 0; !whole && k < run.segments.length; k++) {
      const seg = run.segments[k] as TextSegment;
      let bs = seg.start - s;
      let ns = seg.nodeStart;
      let len = seg.length;
      if (bs < 0) {
        ns -= bs;
        len += bs;
        bs = 0;
      }
      if (bs + len > text.length) len = text.length - bs;
      if (len > 0) segments.push({ node: seg.node, start: bs, nodeStart: ns, length: len });
    }
    const keep = !digitsOnly || DIGIT.test(text);
    const block: TextBlock = { text, role: roleOf(run.el), context };
    structure(run.el, block, keep);
    // A column header labels its column, not the header after it.
    const header = block.role === 'heading';
    if (!block.label && pendingLabel && !header && text.length <= 80 && !/:\s*$/.test(text)) block.label = pendingLabel;
    if (!block.label && titleLabel && isTitleNumber(run.el, text)) block.label = titleLabel;
    pendingLabel = !header && isLabelLike(run.el, text) ? text.replace(/\s*:\s*$/, '') : undefined;
    // (after the label bookkeeping: a skipped block still labels what follows it)
    if (!keep && block.role !== 'field') {
      out.skipped = (out.skipped ?? 0) + 1;
      return;
    }
    if (run.el.tagName === 'PRE') block.layout = true;
    out.blocks.push(block);
    out.segments.push(segments);
    out.elements.push(run.el);
  };

  /** `withRow`: a cell's `row` record is built (not for a block about to be skipped). */
  const structure = (el: DomElement, block: TextBlock, withRow: boolean): void => {
    const cell = closest(el, 'TD', 'TH', 'TABLE');
    if (el.tagName === 'DD' || closest(el, 'DD', 'DL', 'DL')?.tagName === 'DD') {
      const dd = el.tagName === 'DD' ? el : closest(el, 'DD', 'DL', 'DL');
      let prev = dd?.previousElementSibling ?? null;
      while (prev && prev.tagName !== 'DT') prev = prev.previousElementSibling;
      if (prev) block.label = squash(prev.textContent, 120);
      return;
    }
    if (cell && (cell.tagName === 'TD' || cell.tagName === 'TH')) cellStructure(cell, block, withRow);
  };

  const cellStructure = (cell: DomElement, block: TextBlock, withRow: boolean): void => {
    const tr = cell.parentElement;
    if (tr?.tagName !== 'TR') return;
    const table = closest(tr, 'TABLE', 'TABLE', 'BODY');
    const info = table ? tableInfo(table) : undefined;
    const shape = rowShape(tr);
    const { cells } = shape;
    const index = cells.indexOf(cell);
    const col = shape.cols[index] ?? 0;
    const header = info?.headers[col];
    if (shape.isHeaderRow) {
      block.role = 'heading';
      return;
    }
    if (header && cell.tagName === 'TD') {
      block.label = header;
      if (!withRow) return;
      const row: Record<string, string> = {};
      for (let i = 0; i < cells.length; i++) {
        const h = info?.headers[shape.cols[i] ?? 0];
        if (cells[i] === cell || !h) continue;
        row[h] = shape.texts[i] ?? '';
      }
      block.row = row;
      return;
    }
    // a label cell before a value cell: `<td>Invoice No.</td><td>123</td>` or `<th>…</th><td>…</td>`
    const prev = cells[index - 1];
    if (prev && index >= 1) {
      const label = squash(prev.textContent, 120);
      if (label && (prev.tagName === 'TH' || /:\s*$/.test(label) || cells.length === 2)) {
        block.label = label.replace(/\s*:\s*$/, '');
        block.role = 'field';
      }
    }
  };

  // One row's cells, their start columns and texts, computed once per row rather than per cell.
  const rows: Map<unknown, RowShape> = cache?.rows ?? new Map<DomElement, RowShape>();
  const rowShape = (tr: DomElement): RowShape => {
    let shape = rows.get(tr);
    if (shape) return shape;
    // Sibling pointers rather than `tr.children`: a collection per row is one more browser object
    // per row for the page's garbage collector to trace on a 10,000-row list.
    const cells: DomElement[] = [];
    for (let c = tr.firstElementChild; c; c = c.nextElementSibling) {
      if (c.tagName === 'TD' || c.tagName === 'TH') cells.push(c);
    }
    const cols: number[] = [];
    let col = 0;
    for (const c of cells) {
      cols.push(col);
      col += span(c);
    }
    shape = {
      cells,
      cols,
      texts: cells.map((c) => squash(c.textContent, 200)),
      isHeaderRow: cells.every((c) => c.tagName === 'TH'),
    };
    rows.set(tr, shape);
    return shape;
  };

  const tableInfo = (table: DomElement): TableInfo => {
    let info = tables.get(table);
    if (info) return info;
    info = { headers: [] };
    const headRow = table.querySelector('thead tr') ?? firstRowOfTh(table);
    if (headRow) {
      let col = 0;
      for (const c of Array.from(headRow.children)) {
        if (c.tagName !== 'TH' && c.tagName !== 'TD') continue;
        const text = squash(c.textContent, 120);
        const n = span(c);
        for (let k = 0; k < n; k++) info.headers[col + k] = text;
        col += n;
      }
      // Headers take the view's kind as field labels do ("Reference" on a list of bills is the
      // invoice number, "Source Document" its PO, a bare "Number" beside it the ERP's own entry), so
      // each row's record says the same as its cells.
      info.headers = qualifyLabels(info.headers, recordKind, isInvoiceNumberLabel).map((h) => h ?? '');
    }
    tables.set(table, info);
    return info;
  };

  // iterative walk: each node entered and left once
  let node: DomNode | null = root;
  const rootRun: Run = { el: root, text: '', segments: [] };
  stack.push(rootRun);
  const top = (): Run => stack[stack.length - 1] ?? rootRun;
  let entering = true;
  while (node) {
    if (entering) {
      if (node.nodeType === TEXT_NODE) {
        const data = (node as DomText).data;
        if (data) {
          const run = top();
          // `<span>Invoice Number</span><span>INV-001</span>` reads as two words on screen: a label
          // ending in a lower-case letter, then a capital or digit from another element, gets a
          // separating space that maps to no node. Numbers split over spans (`2024`+`-0815`,
          // `INV`+`-001`) never end in a lower-case letter, so they stay joined.
          const last = run.segments[run.segments.length - 1];
          // (tests the previous node's own data, never the growing block text: that stays linear)
          if (last && last.node.parentNode !== node.parentNode) {
            const before = (last.node as DomText).data.slice(-2);
            if (
              (/^[\p{Lu}\d]/u.test(data) && /\p{Ll}$/u.test(before)) ||
              (/^[\p{L}\d]/u.test(data) && /[\p{L}\d]$/u.test(before) && separateComponents(last.node, node))
            )
              run.text += ' ';
          }
          // keep offsets: line breaks and tabs in source HTML are spaces on screen
          run.segments.push({ node, start: run.text.length, nodeStart: 0, length: data.length });
          // (tested first: a copy of every text node's data otherwise, changed or not)
          run.text += CONTROL_SPACE.test(data) ? data.replace(CONTROL_SPACES, ' ') : data;
        }
      } else if (node.nodeType === ELEMENT_NODE) {
        const el = node as DomElement;
        const tag = el.tagName.toUpperCase();
        if (SKIP.has(tag) || isHidden(el) || isChrome(el, tag)) {
          entering = false;
          continue;
        }
        if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
          flush(top());
          fieldBlock(doc, el, tag, labelFor, context, out);
          entering = false;
          continue;
        }
        if (tag === 'BR') {
          top().text += '\n';
        } else if (BLOCK.has(tag) && node !== root) {
          flush(top());
          stack.push({ el, text: '', segments: [] });
        }
      }
      if (node.firstChild && node.nodeType === ELEMENT_NODE) {
        node = node.firstChild;
        continue;
      }
      entering = false;
      continue;
    }
    // leaving `node`
    if (node.nodeType === ELEMENT_NODE && node !== root) {
      const el = node as DomElement;
      if (BLOCK.has(el.tagName.toUpperCase()) && top().el === el) {
        flush(stack.pop());
      }
    }
    if (node === root) break;
    if (node.nextSibling) {
      node = node.nextSibling;
      entering = true;
      continue;
    }
    node = node.parentNode;
  }
  flush(rootRun);
}

/**
 * Two texts drawn by sibling components of one container, each an element with a class of its own —
 * a message row's `<span class="fromto">`, `<span class="date">`, `<span class="size">` — are
 * separate pieces on screen (the app lays them out apart), even with no space between them in the
 * markup: "Brightwater Packaging GmbH" and "Today 09:12" are not one word. A number split for
 * styling (`<b>INV</b>-001`, `<span>2024</span><span>-0815</span>`) has a bare text or a bare
 * element on one side and stays whole.
 */
function separateComponents(a: DomNode, b: DomNode): boolean {
  const ancestors = new Map<DomNode, DomNode>();
  let child: DomNode = a;
  for (let cur = a.parentNode, depth = 0; cur && depth < 20; child = cur, cur = cur.parentNode, depth++) {
    ancestors.set(cur, child);
  }
  child = b;
  for (let cur = b.parentNode, depth = 0; cur && depth < 20; child = cur, cur = cur.parentNode, depth++) {
    const fromA = ancestors.get(cur);
    if (fromA) return isComponent(fromA) && isComponent(child);
  }
  return false;
}

function isComponent(node: DomNode): boolean {
  if (node.nodeType !== ELEMENT_NODE) return false;
  const cls = (node as DomElement).getAttribute('class');
  return !!cls && NOT_SPACE.test(cls);
}

function span(el: DomElement | undefined): number {
  const n = Number(el?.getAttribute('colspan') ?? 1);
  return Number.isFinite(n) && n >= 1 && n <= 100 ? Math.floor(n) : 1;
}

function firstRowOfTh(table: DomElement): DomElement | null {
  const tr = table.querySelector('tr');
  if (!tr) return null;
  const cells = Array.from(tr.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
  return cells.length > 1 && cells.every((c) => c.tagName === 'TH') ? tr : null;
}

/** Nearest ancestor-or-self with tag `a` or `b`, stopping at `stop`. */
function closest(el: DomElement, a: string, b: string, stop: string): DomElement | undefined {
  let cur: DomElement | null = el;
  let depth = 0;
  while (cur && depth < 50) {
    const t = cur.tagName.toUpperCase();
    if (t === a || t === b) return cur;
    if (t === stop) return undefined;
    cur = cur.parentElement;
    depth++;
  }
  return undefined;
}

function roleOf(el: DomElement): BlockRole {
  const t = el.tagName.toUpperCase();
  if (t === 'TD') return 'cell';
  if (t === 'TH' || /^H[1-6]$/.test(t)) return 'heading';
  if (t === 'DD' || t === 'LABEL') return 'field';
  return 'text';
}

/** An explicit invoice-number label of the vendor's ("Bill Reference", "Supplier Invoice No"). */
export function isInvoiceNumberLabel(label: string): boolean {
  const c = classifyLabel(label)?.cls;
  return c?.type === 'number' && (c.kind === 'invoice' || c.kind === 'credit_note') && !c.seller;
}

/** The whole of a main heading (`<h1>`, or a wrapper inside one) is one token with a digit: "P00042". */
function isTitleNumber(el: DomElement, text: string): boolean {
  if (text.length > 40 || !DIGIT.test(text) || /\s/.test(text)) return false;
  let cur: DomElement | null = el;
  for (let depth = 0; cur && depth < 4; depth++, cur = cur.parentElement) {
    const t = cur.tagName.toUpperCase();
    if (t === 'H1' || (cur.getAttribute('role') === 'heading' && cur.getAttribute('aria-level') === '1')) return true;
  }
  return false;
}

/** A short text that labels what follows: `<dt>`, `<label>`, `<th>`, or a short line ending in `:`. */
function isLabelLike(el: DomElement, text: string): boolean {
  if (text.length > 60) return false;
  const t = el.tagName.toUpperCase();
  if (t === 'DT' || t === 'LABEL') return true;
  return /:\s*$/.test(text) && !/\d/.test(text);
}

function labelsByFor(doc: DomDocument): Map<string, string> {
  const map = new Map<string, string>();
  for (const l of Array.from(doc.querySelectorAll('label[for]'))) {
    const id = l.getAttribute('for');
    if (id && !map.has(id)) map.set(id, squash(l.textContent, 120));
  }
  return map;
}

interface ValueCarrier {
  value?: unknown;
}

function fieldValue(el: DomElement, tag: string): string {
  if (tag === 'SELECT') {
    const opt = el.querySelector('option[selected]') ?? el.querySelector('option');
    const live = (el as unknown as { selectedOptions?: ArrayLike<DomElement> }).selectedOptions;
    const chosen = live && live.length > 0 ? live[0] : opt;
    return squash(chosen?.textContent, 200);
  }
  const v = (el as unknown as ValueCarrier).value;
  if (typeof v === 'string') return v;
  if (tag === 'TEXTAREA') return el.textContent ?? '';
  return el.getAttribute('value') ?? '';
}

function fieldLabel(doc: DomDocument, el: DomElement, labelFor: Map<string, string>): string | undefined {
  const id = el.getAttribute('id');
  if (id) {
    const l = labelFor.get(id) ?? squash(doc.querySelector(`label[for="${cssEscape(id)}"]`)?.textContent, 120);
    if (l) return l;
  }
  const aria = squash(el.getAttribute('aria-label'), 120);
  if (aria) return aria;
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const text = by
      .split(/\s+/)
      .slice(0, 5)
      .map((ref) => squash(doc.getElementById(ref)?.textContent, 120))
      .filter(Boolean)
      .join(' ');
    if (text) return text;
  }
  const wrap = closest(el, 'LABEL', 'LABEL', 'FORM');
  if (wrap) {
    const t = squash(wrap.textContent, 120);
    if (t) return t;
  }
  // the cell before the field's cell: ERP record forms lay labels out in a table
  const cell = closest(el, 'TD', 'TH', 'TABLE');
  const prev = cell?.previousElementSibling;
  if (prev) {
    const t = squash(prev.textContent, 120);
    if (t) return t.replace(/\s*:\s*$/, '');
  }
  const placeholder = squash(el.getAttribute('placeholder'), 120);
  if (placeholder) return placeholder;
  const name = el.getAttribute('name');
  return name ? name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2') : undefined;
}

function cssEscape(id: string): string {
  return id.replace(/["\\]/g, '\\$&');
}

/** Input types that are not text a clerk reads a number from; any other value of `type` is text. */
const NOT_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'date',
  'datetime-local',
  'email',
  'file',
  'hidden',
  'image',
  'month',
  'password',
  'radio',
  'range',
  'reset',
  'submit',
  'time',
  'url',
  'week',
]);

/**
 * A text input: `text`, `search`, `number`, `tel`, no type, or a type the browser does not know
 * (sao writes `type="input"`), which the browser treats as text.
 */
function isTextInput(el: DomElement): boolean {
  return !NOT_TEXT_INPUTS.has((el.getAttribute('type') ?? 'text').trim().toLowerCase());
}

function fieldBlock(
  doc: DomDocument,
  el: DomElement,
  tag: string,
  labelFor: Map<string, string>,
  context: PageContext,
  out: ScannedBlocks,
): void {
  if (tag === 'INPUT' && !isTextInput(el)) return;
  const value = fieldValue(el, tag);
  if (!value.trim()) return;
  const block: TextBlock = { text: value.slice(0, 2000), role: 'field', context };
  const label = fieldLabel(doc, el, labelFor);
  if (label) block.label = label;
  out.blocks.push(block);
  out.segments.push([]);
  out.elements.push(el);
}

/** Blocks of an HTML string (a saved page, an e-mail body), parsed with linkedom. */
export function blocksFromHtml(html: string): TextBlock[] {
  const { document } = parseHTML(wrapFragment(html));
  return blocksFromDocument(document as unknown as DomDocument);
}

function wrapFragment(html: string): string {
  return /<html[\s>]/i.test(html.slice(0, 2000))
    ? html
    : `<!doctype html><html><head></head><body>${html}</body></html>`;
}
