/**
 * The visible text under a DOM subtree as one string, with a map back to its text nodes, so that a
 * number the detector found can be turned into a `Range` for the Highlight API. The page's DOM is
 * only read, never changed.
 *
 * Text nodes under the same block-level ancestor are joined without a separator (a number split
 * across `<span>`s stays one string); a `\n` separates text of different blocks, so the last cell
 * of one row never runs into the first cell of the next.
 */
import type { Slice } from './schedule';

/** Elements whose text is never page text for a clerk, or that we must not read. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'HEAD',
]);

const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'KBD',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
  'NOBR',
]);

export interface TextRun {
  node: Text;
  /** Offset of the node's first character in `FlatText.text`. */
  start: number;
}

export interface FlatText {
  text: string;
  runs: TextRun[];
}

export interface FlattenOptions {
  slice?: Slice;
  /** Extra elements to leave out with their subtree (our own shadow host). */
  exclude?: (element: Element) => boolean;
  /** Stop collecting after this many characters (a hostile page can hold hundreds of megabytes). */
  maxChars?: number;
}

/** True for an element whose subtree is not page text to scan. */
export function isSkippedElement(element: Element): boolean {
  if (SKIP_TAGS.has(element.tagName)) return true;
  if ((element as HTMLElement).isContentEditable) return true;
  if (element.hasAttribute('hidden')) return true;
  // checkVisibility needs layout; it is missing in linkedom and old engines, where we keep the node.
  const check = (element as HTMLElement).checkVisibility;
  if (typeof check === 'function' && !check.call(element)) return true;
  return false;
}

function blockAncestor(node: Node): Node | null {
  let current = node.parentNode;
  while (current && current.nodeType === 1 && INLINE_TAGS.has((current as Element).tagName)) {
    current = current.parentNode;
  }
  return current;
}

export async function flattenText(root: Node, options: FlattenOptions = {}): Promise<FlatText> {
  const doc = root.ownerDocument ?? (root as Document);
  const maxChars = options.maxChars ?? 16_000_000;
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 3) return 1; /* FILTER_ACCEPT */
      const el = node as Element;
      if (isSkippedElement(el) || options.exclude?.(el)) return 2; /* FILTER_REJECT: skips the subtree */
      return 3; /* FILTER_SKIP: descend, but the element itself is not a text run */
    },
  });
  const parts: string[] = [];
  const runs: TextRun[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  let visited = 0;
  // A Text root has no children to walk: take it as is.
  let node: Node | null = root.nodeType === 3 ? root : walker.nextNode();
  while (node && length < maxChars) {
    const text = node as Text;
    const data = text.data;
    if (/\S/.test(data)) {
      const block = blockAncestor(text);
      if (runs.length && block !== lastBlock) {
        parts.push('\n');
        length += 1;
      }
      lastBlock = block;
      runs.push({ node: text, start: length });
      parts.push(data);
      length += data.length;
    }
    if (++visited % 256 === 0) await options.slice?.check();
    node = root.nodeType === 3 ? null : walker.nextNode();
  }
  return { text: parts.join(''), runs };
}

/** Index of the run holding flat offset `offset` (the last run starting at or before it). */
function runAt(runs: TextRun[], offset: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((runs[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The DOM position of a flat offset; an offset on a separator maps to the end of the run before it. */
export function positionAt(flat: FlatText, offset: number): { node: Text; offset: number } | undefined {
  if (!flat.runs.length) return undefined;
  const run = flat.runs[runAt(flat.runs, offset)];
  if (!run) return undefined;
  return { node: run.node, offset: Math.min(offset - run.start, run.node.data.length) };
}

const WORD = /[\p{L}\p{N}]/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds printed numbers in the flat text, in document order: each needle is searched from where the
 * previous one was found (detections come in block order), wrapping to the start when not found
 * ahead. A hit must not be part of a longer word (`12345` is not found inside `9123456`); spaces in
 * a needle match any run of white space. Returns [start, end) flat offsets per needle, or undefined
 * when it is not in this text.
 */
export function locate(flat: FlatText, needles: string[]): ([number, number] | undefined)[] {
  const hay = flat.text;
  let cursor = 0;
  const bounded = (at: number, length: number): boolean => {
    const before = at > 0 ? hay[at - 1] : '';
    const after = hay[at + length] ?? '';
    return !(before && WORD.test(before)) && !(after && WORD.test(after));
  };
  const find = (needle: string, from: number): [number, number] | undefined => {
    if (!/\s/.test(needle)) {
      let at = hay.indexOf(needle, from);
      while (at !== -1) {
        if (bounded(at, needle.length)) return [at, at + needle.length];
        at = hay.indexOf(needle, at + 1);
      }
      return undefined;
    }
    const pattern = new RegExp(needle.trim().split(/\s+/).map(escapeRegExp).join('\\s+'), 'g');
    pattern.lastIndex = from;
    for (let m = pattern.exec(hay); m; m = pattern.exec(hay)) {
      if (bounded(m.index, m[0].length)) return [m.index, m.index + m[0].length];
      pattern.lastIndex = m.index + 1;
    }
    return undefined;
  };
  return needles.map((needle) => {
    if (!needle.trim()) return undefined;
    const hit = find(needle, cursor) ?? (cursor > 0 ? find(needle, 0) : undefined);
    if (hit) cursor = hit[1];
    return hit;
  });
}

/** A live Range over flat offsets [start, end). */
export function rangeFor(flat: FlatText, start: number, end: number): Range | undefined {
  const from = positionAt(flat, start);
  const to = positionAt(flat, Math.max(start, end - 1));
  if (!from || !to) return undefined;
  const range = from.node.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, Math.min(to.offset + 1, to.node.data.length));
  return range;
}
