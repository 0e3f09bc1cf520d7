/**
 * One pass over one block: labels found word by word through the lexicon trie, then the value that
 * belongs to each label — on the same line, under it in a column-aligned layout, or the whole text
 * of a block the page labelled (a `<dd>`, a cell under its header, a form field). Every step moves
 * forward through the text or looks at a bounded window, so a block costs time linear in its length.
 */
import type { DocKind } from '@/lib/model/document';
import { readAmount, readCurrency } from './amounts';
import { type CompiledFormat, CUSTOM_TOKEN_LIMIT } from './custom';
import { type RawDate, readDate } from './dates';
import { CREDIT_NOTE_CODES, classifyPath, isElementPath, isPlaceholder } from './einvoice';
import { HEADING_TRIE, isStillDueLabel, LABEL_TRIE, type LabelClass, NUMBER_WORDS, type TrieNode } from './lexicon';
import { cleanName, scanParties } from './parties';
import { abbreviationNode, compoundNode, spacedCapitals } from './tokens';

const NUMBER_WORD_SET = new Set(NUMBER_WORDS);

import { MAX_NUMBER_LENGTH, readGluedNumber, readNumber, type Span } from './numbers';
import type { Segment } from './text';
import * as textFns from './text';

// Bound once: hot loops then call local functions, not module-namespace getters (tsx/CJS interop).
const {
  fold,
  isAsciiAlnum,
  isDigit,
  isHSpace,
  isLetter,
  isNewline,
  isSpace,
  isUpper,
  lineEnd,
  lineOf,
  lineStarts,
  segmentsOf,
} = textFns;

import type { TextBlock } from './types';

export interface NumberFact {
  kind: DocKind;
  seller: boolean;
  block: number;
  start: number;
  end: number;
  confidence: number;
  evidence: string;
  row?: Record<string, string>;
  vendor?: string;
  /** A date printed with the number (`Facture n° 12 du 02/07/2015`). */
  date?: RawDate;
  /** The whole number is authoritative (XML element): take the text as printed. */
  exact?: boolean;
  /** Labelled just "Order (No.)": a PO on a purchase order, the shop's order elsewhere. */
  plainOrder?: boolean;
  /** An order label naming no owner (`Bestellnummer`): the shop's own order on a retail page. */
  ownerless?: boolean;
  /**
   * Printed inside a priced line (`abzgl. Abschlagsrechnung Nr. 17   -3.200,00`): a document the
   * line items or totals refer to, not the page's own.
   */
  inPricedLine?: boolean;
  /** Read from a heading line that is the document's title and number (`Receipt EX-1`, `Quittung Q-7`). */
  heading?: boolean;
}

export interface AmountFact {
  rank: number;
  /** Not a total: a net, tax or paid amount (the arithmetic of the totals block and receipts use them). */
  role?: AmountRole;
  /** Where the figure ends in its block. */
  end?: number;
  decimal: string;
  currency?: string;
  block: number;
  pos: number;
  evidence: string;
}

export interface DateFact {
  role: 'issue' | 'due';
  rank: number;
  raw: RawDate;
  block: number;
  evidence: string;
}

export interface VendorFact {
  name: string;
  rank: number;
  evidence: string;
}

export interface Facts {
  numbers: NumberFact[];
  amounts: AmountFact[];
  dates: DateFact[];
  /** Every numeric date seen, to decide day/month order for the ambiguous ones. */
  allDates: RawDate[];
  vendors: VendorFact[];
  /** Company names by key: how often printed, how often inside a buyer block, how often with legal details. */
  legalNames: Map<string, { name: string; count: number; first: number; buyer: number; seller: number }>;
  /** Per block, the character ranges of buyer blocks: names there are never the vendor. */
  buyerRanges: Map<number, Array<[number, number]>>;
  currencies: Map<string, number>;
  explicitCurrency?: string;
  titleKind?: { kind: DocKind; evidence: string };
  /** The page is a shop's retail order, invoice or receipt: the words that say so. */
  shopCue?: string;
  /** The country of the first IBAN printed (`DE`, `IT`): the currency of a page that prints none. */
  ibanCountry?: string;
  creditNoteCode?: string;
  /** A date printed alone near the top was seen (see `loneDate`). */
  loneDate?: boolean;
  order: number;
  legalLines: number;
}

export function emptyFacts(): Facts {
  return {
    numbers: [],
    amounts: [],
    dates: [],
    allDates: [],
    vendors: [],
    legalNames: new Map(),
    buyerRanges: new Map(),
    currencies: new Map(),
    order: 0,
    legalLines: 0,
  };
}

interface LabelMatch {
  cls: LabelClass;
  name: string;
  start: number;
  /** End of the label's last word. */
  end: number;
  lastWordStart: number;
}

function readWordEnd(text: string, p: number): number {
  let e = p;
  while (e < text.length && isLetter(text.charCodeAt(e))) e++;
  return e;
}

/** First-word lookups by the word as printed: prose repeats its words, so folding is done once each. */
const FIRST_CACHE = new WeakMap<TrieNode, Map<string, TrieNode | null>>();

function firstWord(trie: TrieNode, word: string): TrieNode | undefined {
  let cache = FIRST_CACHE.get(trie);
  if (!cache) {
    cache = new Map();
    FIRST_CACHE.set(trie, cache);
  }
  const hit = cache.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const folded = fold(word);
  const node = trie.next.get(folded) ?? compoundNode(trie, folded) ?? null;
  if (cache.size > 20_000) cache.clear();
  cache.set(word, node);
  return node ?? undefined;
}

/** Longest lexicon label starting at the word `[p, e)`. */
export function matchLabel(
  trie: TrieNode,
  text: string,
  p: number,
  e: number,
  layout: boolean,
): LabelMatch | undefined {
  let first = firstWord(trie, text.slice(p, e));
  let wordEnd = e;
  // an abbreviation (`Rechn.-Nr.`) heads a numbered label only: alone it says nothing
  let abbreviated = false;
  if (!first) {
    // a lone capital, or a word the caller already read as spaced capitals (a title's `R E C H N U N G`)
    const spaced = e - p === 1 || text.charCodeAt(p + 1) === 32 ? spacedCapitals(text, p) : undefined;
    if (spaced) {
      first = trie.next.get(spaced.word) ?? compoundNode(trie, spaced.word);
      wordEnd = spaced.end;
    } else if (text.charCodeAt(e) === 46 && e - p >= 4) {
      first = abbreviationNode(trie, fold(text.slice(p, e)));
      abbreviated = !!first;
    }
  }
  if (!first) return undefined;
  let node: TrieNode = first;
  let best: LabelMatch | undefined =
    node.cls && !abbreviated
      ? { cls: node.cls, name: node.name ?? '', start: p, end: wordEnd, lastWordStart: p }
      : undefined;
  let end = wordEnd;
  // one interposed parenthesis or type code between label words: `Rechnung (380) Nr.`
  let interposed = false;
  for (let depth = 0; depth < 8; depth++) {
    // connectors between label words: a few spaces (no line break) and . - ' ’ ° /
    let q = end;
    let spaces = 0;
    let glue = 0;
    while (q < text.length && glue < 5) {
      const c = text.charCodeAt(q);
      if (isHSpace(c)) {
        spaces++;
        if (layout && spaces > 1) break;
      } else if (c === 46 || c === 45 || c === 39 || c === 0x2019 || c === 0xb0 || c === 47 || c === 95) {
        spaces = 0;
      } else if (!interposed && spaces > 0 && (c === 40 || isDigit(c))) {
        const after = skipInterposed(text, q);
        if (after === undefined) break;
        interposed = true;
        q = after;
        glue = 0;
        continue;
      } else break;
      q++;
      glue++;
    }
    if (!isLetter(text.charCodeAt(q)) || (layout && spaces > 1)) break;
    const we = readWordEnd(text, q);
    if (we - q > 40) break;
    const w = fold(text.slice(q, we));
    const child: TrieNode | undefined = node.next.get(w);
    if (!child) break;
    // `Order N10000`, `Pakbon NUM10000`, `Facture A-10000`: a word of one or two letters glued to
    // digits (or by a joiner), or a number word glued to digits, is the number's own prefix, not the
    // end of a label (`Facturé à`)
    if (gluedPrefix(w, text, we)) break;
    node = child;
    end = we;
    if (node.cls) best = { cls: node.cls, name: node.name ?? '', start: p, end: we, lastWordStart: q };
  }
  return best;
}

/**
 * After `(`: the end of a short parenthesis on the same line (`(380)`, `(Handelsrechnung)`); at a
 * digit: the end of a code of at most three digits (`Rechnung 380 Nr.`). Then one space.
 */
function skipInterposed(text: string, q: number): number | undefined {
  let i = q;
  if (text.charCodeAt(i) === 40) {
    const stop = Math.min(text.length, q + 32);
    i++;
    while (i < stop && text.charCodeAt(i) !== 41 && !isNewline(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 41) return undefined;
    i++;
  } else {
    while (i < text.length && i - q < 4 && isDigit(text.charCodeAt(i))) i++;
    if (i - q > 3) return undefined;
  }
  if (!isHSpace(text.charCodeAt(i))) return undefined;
  return i + 1;
}

function gluedPrefix(word: string, text: string, end: number): boolean {
  if (word.length <= 2) return gluedToDigits(text, end);
  return NUMBER_WORD_SET.has(word) && isDigit(text.charCodeAt(end));
}

/** `N10000`, `N-10000`, `No/2025/7`: letters glued to digits by nothing or a joiner. */
function gluedToDigits(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (isDigit(c)) return true;
  return (c === 45 || c === 47 || c === 95) && isDigit(text.charCodeAt(p + 1));
}

interface BlockCtx {
  b: number;
  block: TextBlock;
  text: string;
  layout: boolean;
  facts: Facts;
  now: Date;
  lang?: string;
  contextKind?: DocKind;
  starts?: number[];
  segCache: Map<number, Segment[]>;
}

function starts(ctx: BlockCtx): number[] {
  ctx.starts ??= lineStarts(ctx.text);
  return ctx.starts;
}

function segments(ctx: BlockCtx, line: number): Segment[] {
  let s = ctx.segCache.get(line);
  if (!s) {
    const st = starts(ctx);
    s = segmentsOf(ctx.text, st[line] ?? 0, lineEnd(ctx.text, st, line));
    ctx.segCache.set(line, s);
  }
  return s;
}

/** Skip what sits between a label and its value: spaces, `:`, `#`, `№`, dashes, `=`, dots, `°`. */
function skipToValue(text: string, p: number): { pos: number; spaces: number; marked: boolean; hash: boolean } {
  let i = p;
  let spaces = 0;
  let marked = false;
  let hash = false;
  while (i < text.length && i - p < 120) {
    const c = text.charCodeAt(i);
    if (isHSpace(c)) spaces++;
    else if (c === 58 || c === 0xff1a) marked = true;
    else if (c === 35 || c === 0x2116) {
      marked = true;
      hash = true;
    } else if (!(c === 45 || c === 0x2013 || c === 0x2014 || c === 61 || c === 46 || c === 0xb0 || c === 0xba)) break;
    i++;
  }
  return { pos: i, spaces, marked, hash };
}

/** Index of the first segment whose end is after `pos` (segments are sorted and disjoint). */
function firstEndingAfter(segs: Segment[], pos: number): number {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segs[mid]?.end ?? 0) <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The segment under a label in a column layout, found by column overlap with the next text line. */
function valueBelow(ctx: BlockCtx, labelStart: number, labelEnd: number): Segment | undefined {
  const st = starts(ctx);
  const line = lineOf(st, labelStart);
  const segs = segments(ctx, line);
  const k = firstEndingAfter(segs, labelStart);
  const seg = segs[k];
  if (!seg || seg.start !== labelStart || seg.end - labelEnd > 2) return undefined;
  const lineStart = st[line] ?? 0;
  const c0 = seg.start - lineStart;
  const c1 = seg.end - lineStart;
  const prev = segs[k - 1];
  const next = segs[k + 1];
  const p0 = prev ? prev.end - lineStart : Number.NEGATIVE_INFINITY;
  const n0 = next ? next.start - lineStart : Number.POSITIVE_INFINITY;
  const n1 = next ? next.end - lineStart : Number.POSITIVE_INFINITY;
  // next non-blank line, at most two blank lines down
  for (let l = line + 1; l < st.length && l <= line + 3; l++) {
    const vs = segments(ctx, l);
    if (vs.length === 0) continue;
    const ls = st[l] ?? 0;
    // only the value segments between the neighbouring labels can belong to this one
    for (let j = firstEndingAfter(vs, ls + Math.max(0, p0)); j < vs.length; j++) {
      const v = vs[j];
      if (!v) break;
      const v0 = v.start - ls;
      const v1 = v.end - ls;
      if (v0 >= n1) break;
      if (v1 <= p0) continue;
      const overlap = Math.min(v1, c1) - Math.max(v0, c0);
      const overPrev = prev ? Math.min(v1, p0) - Math.max(v0, prev.start - lineStart) : -1;
      const overNext = next ? Math.min(v1, n1) - Math.max(v0, n0) : -1;
      if (overlap > 0 && overlap >= overPrev && overlap >= overNext) return v;
      if (overlap <= 0 && overPrev <= 0 && overNext <= 0) {
        const dist = v0 >= c1 ? v0 - c1 : c0 - v1;
        const dPrev = prev ? v0 - p0 : Number.POSITIVE_INFINITY;
        const dNext = next ? n0 - v1 : Number.POSITIVE_INFINITY;
        if (dist < dPrev && dist < dNext) return v;
      }
    }
    return undefined;
  }
  return undefined;
}

/**
 * `Ihre Bestellung       4500012345` in a layout: a bare label far from its value counts only when
 * the label opens its column and the value fills the next column, as in a label/value list.
 */
function columnPair(ctx: BlockCtx, m: LabelMatch, valueStart: number): Span | undefined {
  const st = starts(ctx);
  const line = lineOf(st, m.start);
  const segs = segments(ctx, line);
  const k = firstEndingAfter(segs, m.start);
  const labelSeg = segs[k];
  const valueSeg = segs[k + 1];
  if (!labelSeg || !valueSeg || labelSeg.start !== m.start || labelSeg.end - m.end > 2) return undefined;
  if (valueSeg.start !== valueStart) return undefined;
  const span = readNumber(ctx.text, valueSeg.start, valueSeg.end);
  return span && span.end === valueSeg.end ? span : undefined;
}

/** In flowing text: the first token of the next non-blank line, when the label ends its line. */
function valueNextLine(ctx: BlockCtx, after: number): number | undefined {
  const t = ctx.text;
  let i = after;
  while (i < t.length && isHSpace(t.charCodeAt(i))) i++;
  if (i < t.length && !isNewline(t.charCodeAt(i))) return undefined;
  let lines = 0;
  while (i < t.length && isSpace(t.charCodeAt(i)) && lines < 3) {
    if (isNewline(t.charCodeAt(i))) lines++;
    i++;
  }
  return i < t.length && !isSpace(t.charCodeAt(i)) ? i : undefined;
}

const PLAIN_ORDER =
  /^(order( (no|nr|n|number|num|nummer|numero|id|nos|numbers|ref|reference))?|ordernummer|ordernr|order number|order id|order no|order nr)$/i;

const DATE_LINKS = new Set(['du', 'vom', 'del', 'van', 'of', 'dated', 'dd', 'from', 'de', 'le', 'em', 'z', 'dal']);

function numberConfidence(cls: { strength: 'numbered' | 'bare'; seller?: boolean }, via: 'same' | 'below'): number {
  if (cls.seller) return 0.3;
  if (cls.strength === 'numbered') return via === 'same' ? 0.92 : 0.86;
  return via === 'same' ? 0.78 : 0.7;
}

/**
 * At most this many numbers per call: a page listing more is either hostile or a list the live
 * scanner hands over in chunks anyway; the cap bounds the output work per byte.
 */
export const MAX_NUMBERS = 5000;

function pushNumber(ctx: BlockCtx, fact: Omit<NumberFact, 'block'>): void {
  if (ctx.facts.numbers.length >= MAX_NUMBERS) return;
  const f = fact as NumberFact;
  f.block = ctx.b;
  ctx.facts.numbers.push(f);
}

function acceptBare(text: string, span: Span): boolean {
  const printed = text.slice(span.start, span.end);
  const key = printed.replace(/[^A-Za-z0-9]/g, '');
  if (key.length < 3) return false;
  if (/^(19|20)\d{2}$/.test(printed)) return false;
  // `pay your bill at 555-0100`: a local phone number shape after a bare kind word
  if (/^\d{3}-\d{4}$/.test(printed)) return false;
  return true;
}

/**
 * A field or cell (a value the page labels) whose whole value is a kind word and a number ("PO 9"
 * in an invoice's Description): short numbers are kept there, though not in prose, where "PO 9"
 * may be anything.
 */
function wholeValue(ctx: BlockCtx, m: LabelMatch, span: Span): boolean {
  const { block, text } = ctx;
  if (block.role !== 'field' && block.role !== 'cell' && block.label === undefined) return false;
  if (text.slice(0, m.start).trim() || text.slice(span.end).trim()) return false;
  const printed = text.slice(span.start, span.end);
  return /\d/.test(printed) && !/^(19|20)\d{2}$/.test(printed);
}

function handleNumberLabel(ctx: BlockCtx, m: LabelMatch, cls: Extract<LabelClass, { type: 'number' }>): number {
  const t = ctx.text;
  const kindWord = t.slice(m.lastWordStart, m.end);
  // `PO12345`, `PO-12345`, `PO#12345`: the prefix is printed as part of the number
  if (/^[A-Z]{2,4}$/.test(kindWord) && m.lastWordStart === m.start) {
    const glued = readGluedNumber(t, m.start, m.end);
    if (glued) {
      pushNumber(ctx, {
        kind: cls.kind,
        seller: !!cls.seller,
        start: glued.span.start,
        end: glued.span.end,
        confidence: cls.seller ? 0.3 : 0.8,
        evidence: `pattern ${glued.prefix}-number`,
      });
      return glued.span.end;
    }
  }
  const v = skipToValue(t, m.end);
  const strength = v.hash ? 'numbered' : cls.strength;
  const lim = strength === 'bare' && ctx.layout && !v.marked ? 3 : 100;
  let span: Span | undefined;
  let via: 'same' | 'below' = 'same';
  if (v.spaces <= lim && v.pos < t.length && !isNewline(t.charCodeAt(v.pos))) span = readNumber(t, v.pos);
  else if (v.spaces > lim && v.pos < t.length && !isNewline(t.charCodeAt(v.pos))) span = columnPair(ctx, m, v.pos);
  if (!span && (strength === 'numbered' || ctx.layout)) {
    if (ctx.layout) {
      const seg = valueBelow(ctx, m.start, v.pos > m.end && isSpace(t.charCodeAt(v.pos - 1)) ? m.end : v.pos);
      if (seg) {
        // `Invoice Number:⏎ #17`: the number sign printed with the value
        const from = t[seg.start] === '#' || t[seg.start] === '№' ? seg.start + 1 : seg.start;
        const s = readNumber(t, from, seg.end);
        if (s && s.end === seg.end) {
          span = s;
          via = 'below';
        }
      }
    } else if (strength === 'numbered') {
      const q = valueNextLine(ctx, v.pos);
      if (q !== undefined) {
        span = readNumber(t, t[q] === '#' || t[q] === '№' ? q + 1 : q);
        via = 'below';
      }
    }
  }
  if (!span) return m.end;
  if (strength === 'bare' && !acceptBare(t, span) && !wholeValue(ctx, m, span)) return m.end;
  const fact: Omit<NumberFact, 'block'> = {
    plainOrder: PLAIN_ORDER.test(m.name),
    ownerless: cls.ownerless,
    kind: cls.kind,
    seller: !!cls.seller,
    start: span.start,
    end: span.end,
    confidence: numberConfidence({ strength, seller: cls.seller }, via),
    evidence: `${cls.seller ? 'seller-side order label' : 'label'} "${t.slice(m.start, m.end)}"${via === 'below' ? ' (column above)' : ''}${cls.seller ? '; not a purchase order unless the buyer issued it' : ''}`,
  };
  if (via === 'same' && (cls.kind === 'invoice' || cls.kind === 'credit_note') && !opensLine(ctx, m.start))
    fact.inPricedLine = amountLater(ctx, span.end);
  // `Facture n° 562044387 du 02 Juillet 2015`: the date printed with the number
  if (via === 'same') {
    let q = span.end;
    while (q < t.length && q - span.end < 4 && isHSpace(t.charCodeAt(q))) q++;
    const we = readWordEnd(t, q);
    if (we > q && DATE_LINKS.has(fold(t.slice(q, we)))) {
      let r = we;
      while (r < t.length && r - we < 3 && (isHSpace(t.charCodeAt(r)) || t[r] === ':')) r++;
      const d = readDate(t, r, ctx.now);
      if (d) {
        fact.date = d;
        ctx.facts.allDates.push(d);
      }
    }
  }
  pushNumber(ctx, fact);
  if (via !== 'same') return m.end;
  // `PO: 4500012345, 4500012346 and 4500012347`: a list of the same kind of number
  let end = span.end;
  const shape = shapeOf(t.slice(span.start, span.end));
  for (let n = 0; n < 10; n++) {
    const q = listNext(t, end);
    if (q === undefined) break;
    const more = readNumber(t, q);
    if (!more || shapeOf(t.slice(more.start, more.end)) !== shape) break;
    pushNumber(ctx, { ...fact, start: more.start, end: more.end, date: undefined });
    end = more.end;
  }
  return end;
}

/** A money amount after `p` on its line (the line is one of line items or totals). */
function amountLater(ctx: BlockCtx, p: number): boolean {
  const t = ctx.text;
  const limit = Math.min(t.length, p + 200);
  for (let i = p; i < limit && !isNewline(t.charCodeAt(i)); i++) {
    const c = t.charCodeAt(i);
    if (isSpace(c)) continue;
    const prev = t.charCodeAt(i - 1);
    if (!isSpace(prev)) continue;
    const a = readAmount(t, i, ctx.lang);
    if (a?.money && !percentAfter(t, a.end)) return true;
    if (a) i = a.end - 1;
  }
  return false;
}

/** Letters as A, digits as 9: `4500012345` and `4500012346` share a shape, `12` and `INV-1` do not. */
function shapeOf(s: string): string {
  return s.replace(/[A-Za-z]/g, 'A').replace(/\d/g, '9');
}

/** Where the next item of a list starts: after `, ` `; ` ` / ` ` & ` or a short "and" word. */
function listNext(t: string, p: number): number | undefined {
  let i = p;
  while (i < t.length && i - p < 2 && isHSpace(t.charCodeAt(i))) i++;
  const c = t[i];
  if (c === ',' || c === ';' || c === '&' || c === '/') i++;
  else {
    const we = readWordEnd(t, i);
    const w = t.slice(i, we).toLowerCase();
    if (!['and', 'und', 'et', 'y', 'e', 'en'].includes(w)) return undefined;
    i = we;
  }
  const s = i;
  while (i < t.length && i - s < 2 && isHSpace(t.charCodeAt(i))) i++;
  return i > p && i < t.length ? i : undefined;
}

/** What an amount label says the amount is: the total (ranked), a net or tax amount, or a paid one. */
export type AmountRole = 'net' | 'tax' | 'paid';

/** `Total incl. VAT`, `Bedrag inclusief BTW`, `Celkem s DPH`: the words after a label that make it gross or net. */
const GROSS_WORDS = new Set([
  'incl',
  'inkl',
  'inclusief',
  'inklusive',
  'inclusive',
  'including',
  'inc',
  'ttc',
  'tvac',
  'brutto',
  'gross',
]);
const NET_WORDS = new Set([
  'excl',
  'exkl',
  'exclusief',
  'exklusive',
  'exclusive',
  'excluding',
  'ex',
  'ht',
  'htva',
  'netto',
  'net',
  'zonder',
  'ohne',
  'bez',
  'sin',
  'senza',
  'without',
  'sans',
  'hors',
]);
const WITH_WORDS = new Set(['with', 'mit', 'avec', 'con', 's', 'z', 'met', 'com']);
const TAX_WORDS = new Set([
  'vat',
  'mwst',
  'ust',
  'tax',
  'taxes',
  'btw',
  'tva',
  'iva',
  'dph',
  'gst',
  'steuer',
  'vat',
  'ptu',
]);

/** Reads up to two words after `p` (skipping spaces, brackets, dots): gross, net or nothing said, and where the words end. */
function qualifier(t: string, p: number): { says: 'gross' | 'net'; end: number } | undefined {
  const words: string[] = [];
  const ends: number[] = [];
  let i = p;
  for (let n = 0; n < 2; n++) {
    while (i < t.length && i - p < 12 && (isHSpace(t.charCodeAt(i)) || t[i] === '(' || t[i] === '.' || t[i] === ','))
      i++;
    if (!isLetter(t.charCodeAt(i))) break;
    const we = readWordEnd(t, i);
    words.push(fold(t.slice(i, we)));
    ends.push(we);
    i = we;
  }
  const [w1, w2] = words;
  if (!w1) return undefined;
  const taxAfter = !!w2 && TAX_WORDS.has(w2);
  const end = (taxAfter ? ends[1] : ends[0]) ?? p;
  if (GROSS_WORDS.has(w1) || (WITH_WORDS.has(w1) && taxAfter)) return { says: 'gross', end: skipClose(t, end) };
  if (NET_WORDS.has(w1)) return { says: 'net', end: skipClose(t, end) };
  return undefined;
}

/** Past the `.` and `)` that close a qualifier: `(inkl. MwSt.)`. */
function skipClose(t: string, p: number): number {
  let i = p;
  while (i < t.length && i - p < 3 && (t[i] === '.' || t[i] === ')')) i++;
  return i;
}

/**
 * The label sits inside a sentence (`free shipping on orders over 300 €`, `please pay the total
 * of …`): two or more words before it on its line, the nearest in lower case.
 */
function inSentence(ctx: BlockCtx, start: number): boolean {
  const t = ctx.text;
  let i = start - 1;
  let words = 0;
  let nearestLower = false;
  while (i >= 0 && start - i < 120) {
    const c = t.charCodeAt(i);
    if (isNewline(c)) break;
    if (ctx.layout && isHSpace(c) && isHSpace(t.charCodeAt(i - 1))) break;
    if (isLetter(c) && !isLetter(t.charCodeAt(i - 1))) {
      if (words === 0) nearestLower = t[i] !== (t[i] ?? '').toUpperCase();
      words++;
    }
    i--;
  }
  return words >= 2 && nearestLower;
}

function handleTotalLabel(ctx: BlockCtx, m: LabelMatch, labelRank: number, labelRole?: AmountRole): number {
  const q = labelRole ? undefined : qualifier(ctx.text, m.end);
  const role: AmountRole | undefined = labelRole ?? (q?.says === 'net' ? 'net' : undefined);
  let rank = q?.says === 'gross' ? 3 : labelRank;
  if (!role && inSentence(ctx, m.start)) rank = 0.5;
  const end = totalOnLine(ctx, m, rank, q?.end ?? m.end, role);
  if (end !== undefined) return end;
  // `Amount due:⏎$45.00`: a total label that ends its line, or a strong one heading a column
  const t = ctx.text;
  let below: number | undefined;
  if (ctx.layout) {
    if (rank >= 2) below = valueBelow(ctx, m.start, m.end)?.start;
    if ((below === undefined || !readAmount(t, below, ctx.lang)?.money) && aloneOnLine(ctx, m))
      below = amountBelow(ctx, m);
  } else below = valueNextLine(ctx, skipToValue(t, m.end).pos);
  if (below !== undefined) {
    const a = readAmount(t, below, ctx.lang);
    if (a?.money) {
      ctx.facts.amounts.push({
        rank,
        role,
        decimal: a.decimal,
        currency: a.currency,
        block: ctx.b,
        pos: ctx.facts.order++,
        end: a.end,
        evidence: `"${t.slice(m.start, m.end)}" ${t.slice(a.start, a.end)} (line below)`,
      });
      if (a.currency) bump(ctx.facts.currencies, a.currency, 2);
    }
  }
  return m.end;
}

/**
 * `Total` alone on its line, or beside other fields' values: a label over its value, not the head
 * of a column of line amounts (`Description  Hours  Fee  Total`).
 */
function aloneOnLine(ctx: BlockCtx, m: LabelMatch): boolean {
  const segs = segments(ctx, lineOf(starts(ctx), m.start));
  return segs.every((s) => (s.start <= m.start && m.start < s.end) || /\d/.test(ctx.text.slice(s.start, s.end)));
}

/** The first money amount in the three lines under a label, in its column or just right of it. */
function amountBelow(ctx: BlockCtx, m: LabelMatch): number | undefined {
  const st = starts(ctx);
  const line = lineOf(st, m.start);
  const c0 = m.start - (st[line] ?? 0);
  for (let l = line + 1; l < st.length && l <= line + 3; l++) {
    const ls = st[l] ?? 0;
    for (const seg of segments(ctx, l)) {
      const col = seg.start - ls;
      if (col < c0 - 4 || col > c0 + 40) continue;
      const a = readAmount(ctx.text, seg.start, ctx.lang);
      if (a?.money) return seg.start;
    }
  }
  return undefined;
}

/** A bare document word (`invoice`, `nota di credito`, `avoir`): after a total word it says whose total. */
function documentWord(cls: LabelClass): boolean {
  return (
    cls.type === 'number' &&
    !cls.seller &&
    cls.strength === 'bare' &&
    (cls.kind === 'invoice' || cls.kind === 'credit_note')
  );
}

function totalOnLine(
  ctx: BlockCtx,
  m: LabelMatch,
  labelRank: number,
  from: number,
  role?: AmountRole,
): number | undefined {
  const t = ctx.text;
  let i = from;
  let rank = labelRank;
  let seenWord = false;
  const limit = Math.min(t.length, i + 200);
  let passedCurrency: string | undefined;
  while (i < limit && !isNewline(t.charCodeAt(i))) {
    const c = t.charCodeAt(i);
    const prev = i > 0 ? t.charCodeAt(i - 1) : 32;
    const tokenStart = !isAsciiAlnum(prev) && prev !== 46 && prev !== 44;
    if (tokenStart && (isDigit(c) || c === 45 || !isSpace(c))) {
      const a = readAmount(t, i, ctx.lang);
      // a rate (`TVA 20,00 %`) is not an amount
      if (a?.money && !percentAfter(t, a.end)) {
        const currency = a.currency ?? passedCurrency;
        ctx.facts.amounts.push({
          rank,
          role,
          decimal: a.decimal,
          currency,
          block: ctx.b,
          pos: ctx.facts.order++,
          end: a.end,
          evidence: `"${t.slice(m.start, m.end)}" ${t.slice(a.start, a.end)}`,
        });
        if (currency) bump(ctx.facts.currencies, currency, 2);
        return a.end;
      }
      if (a) {
        i = a.end;
        continue;
      }
      // `Total EUR        34,73`: a currency printed apart from the figure
      const cur = readCurrency(t, i, ctx.lang);
      if (cur) {
        passedCurrency = cur.code;
        i = cur.end;
        continue;
      }
      // a new label on the line ends the search: `Total    Page 2`; but the document's own word
      // right after the total word names whose total it is (`Totale nota di credito`, `Total Credit`)
      if (isLetter(c)) {
        const we = readWordEnd(t, i);
        const lm = matchLabel(LABEL_TRIE, t, i, we, ctx.layout);
        if (lm && !role && !seenWord && documentWord(lm.cls) && i - from <= 2) {
          rank = Math.max(rank, 2);
          seenWord = true;
          i = lm.end;
          continue;
        }
        seenWord = true;
        if (lm && lm.cls.type !== 'currency' && !(role && lm.cls.type === 'tax')) return undefined;
        i = we;
        continue;
      }
    }
    i++;
  }
  return undefined;
}

function percentAfter(t: string, p: number): boolean {
  let i = p;
  while (i < t.length && i - p < 2 && isHSpace(t.charCodeAt(i))) i++;
  return t[i] === '%';
}

/**
 * `No. 12345` / `Number: 12345` opening a line under a title such as `INVOICE`: the number of the
 * titled document. Anywhere else a bare "No." says nothing about what is numbered.
 */
function handleGenericLabel(ctx: BlockCtx, m: LabelMatch): number {
  const kind = ctx.facts.titleKind?.kind ?? ctx.contextKind;
  if (!kind) return m.end;
  const t = ctx.text;
  let b = m.start - 1;
  while (b >= 0 && isHSpace(t.charCodeAt(b))) b--;
  const opensLine = b < 0 || isNewline(t.charCodeAt(b)) || (ctx.layout && m.start - b > 2);
  if (!opensLine) return m.end;
  const v = skipToValue(t, m.end);
  if (v.pos >= t.length || isNewline(t.charCodeAt(v.pos)) || v.spaces > (ctx.layout ? 20 : 3)) return m.end;
  const span = readNumber(t, v.pos);
  if (!span || !acceptBare(t, span)) return m.end;
  pushNumber(ctx, {
    kind,
    seller: false,
    start: span.start,
    end: span.end,
    confidence: 0.7,
    evidence: `label "${t.slice(m.start, m.end)}" under the ${ctx.facts.titleKind?.evidence ?? 'page heading'}`,
  });
  return span.end;
}

function handleDateLabel(ctx: BlockCtx, m: LabelMatch, cls: Extract<LabelClass, { type: 'date' }>): number {
  const t = ctx.text;
  const v = skipToValue(t, m.end);
  let d: RawDate | undefined;
  if (v.pos < t.length && !isNewline(t.charCodeAt(v.pos))) d = readDate(t, v.pos, ctx.now);
  if (!d && ctx.layout) {
    const seg = valueBelow(ctx, m.start, m.end);
    if (seg) d = readDate(t, seg.start, ctx.now);
  } else if (!d) {
    const q = valueNextLine(ctx, v.pos);
    if (q !== undefined) d = readDate(t, q, ctx.now);
  }
  if (!d) return m.end;
  ctx.facts.allDates.push(d);
  if (cls.role !== 'other') {
    ctx.facts.dates.push({
      role: cls.role,
      rank: cls.rank,
      raw: d,
      block: ctx.b,
      evidence: `label "${t.slice(m.start, m.end)}"`,
    });
  }
  return d.end > m.end && lineOf(starts(ctx), d.start) === lineOf(starts(ctx), m.start) ? d.end : m.end;
}

function handleVendorLabel(ctx: BlockCtx, m: LabelMatch, cls: Extract<LabelClass, { type: 'vendor' }>): number {
  const t = ctx.text;
  // "Supplier's Product" (a column header): the possessive names something of the vendor's, not the vendor.
  if (/^['\u2019]s\b/.test(t.slice(m.end, m.end + 3))) return m.end;
  const v = skipToValue(t, m.end);
  const st = starts(ctx);
  const line = lineOf(st, m.start);
  const le = lineEnd(t, st, line);
  // `From:`, `Von:`: a seller label only where it opens its line or column and is marked or alone
  if (cls.weak && (!opensLine(ctx, m.start) || (!v.marked && v.pos < le))) return m.end;
  let name: string | undefined;
  // in a layout, a value two columns away without a colon is the next column's text (`Verkäufer  Käufer`)
  const sameLine = v.pos < le && !(ctx.layout && v.spaces > 1 && !v.marked);
  if (sameLine) {
    // up to the end of the column (two spaces) in a layout, else the end of the line
    let e = v.pos;
    if (ctx.layout) {
      const segs = segments(ctx, line);
      const seg = segs.find((s) => s.start <= v.pos && v.pos < s.end);
      e = seg ? seg.end : le;
    } else e = le;
    name = cleanName(t.slice(v.pos, Math.min(e, v.pos + 150)));
  } else if (ctx.layout) {
    const seg = valueBelow(ctx, m.start, m.end);
    if (seg) name = cleanName(t.slice(seg.start, seg.end));
  } else {
    const q = valueNextLine(ctx, v.pos);
    if (q !== undefined) name = cleanName(t.slice(q, lineEnd(t, st, lineOf(st, q))));
  }
  // a field label (`Nummer`, `Käufer`) under or beside the seller label is not its name
  if (name && isWholeLabel(name)) name = undefined;
  if (name) ctx.facts.vendors.push({ name, rank: cls.rank, evidence: `label "${t.slice(m.start, m.end)}"` });
  return m.end;
}

/** The whole text is one lexicon label (`Käufer`, `Nummer:`, `Rechnungsdatum`). */
function isWholeLabel(text: string): boolean {
  const c = classifyLabel(text);
  return !!c && c.name.replace(/[\s:.]+$/, '').length >= text.replace(/[\s:.]+$/, '').length - 1;
}

/** The position opens its line, or a column of a layout. */
function opensLine(ctx: BlockCtx, p: number): boolean {
  const t = ctx.text;
  let b = p - 1;
  while (b >= 0 && isHSpace(t.charCodeAt(b))) b--;
  return b < 0 || isNewline(t.charCodeAt(b)) || (ctx.layout && p - b > 2);
}

/**
 * Who issued a reference decides what it is. The buyer's (`Your reference`, `Ihr Zeichen`,
 * `Buyer reference`) is kept as a PO candidate below the report threshold, with its evidence: a
 * buyer writes a PO number there as often as a name or a cost centre. One printed with the PO
 * prefix (`PO-4711`) is the PO. The seller's own (`Our reference`) is claimed so no rule reports
 * it; a reference of no stated owner is left to the prefix pattern (`Ref: PO-4711`).
 */
function handleReference(ctx: BlockCtx, m: LabelMatch, owner: 'buyer' | 'seller' | 'unknown'): number {
  if (owner === 'unknown') return m.end;
  if (owner === 'seller') return skipOtherValue(ctx, m, 'seller reference');
  const t = ctx.text;
  const v = skipToValue(t, m.end);
  let span: Span | undefined;
  if (v.pos < t.length && !isNewline(t.charCodeAt(v.pos)) && (v.spaces <= 3 || v.marked || !ctx.layout))
    span = readNumber(t, v.pos);
  else if (ctx.layout) {
    const seg = valueBelow(ctx, m.start, m.end);
    const s = seg ? readNumber(t, seg.start, seg.end) : undefined;
    if (s && seg && s.end === seg.end) span = s;
  }
  if (!span) return m.end;
  pushReference(ctx, span, `label "${t.slice(m.start, m.end)}"`);
  return span.end;
}

function pushReference(ctx: BlockCtx, span: Span, how: string, row?: Record<string, string>): void {
  const printed = ctx.text.slice(span.start, span.end);
  const po = /^PO[-#/ ]?\d/i.test(printed);
  pushNumber(ctx, {
    kind: 'po',
    seller: false,
    start: span.start,
    end: span.end,
    confidence: po ? 0.8 : 0.45,
    evidence: `${how}: the buyer's reference${po ? ', printed as a PO number' : '; a PO only if the buyer confirms it'}`,
    row,
  });
}

/** Values of "other" labels (customer no., VAT id, IBAN, phone…) are claimed so no rule reports them. */
function skipOtherValue(ctx: BlockCtx, m: LabelMatch, what: string): number {
  // `VAT 20%   2,376.00`, `19 % USt.  7.748,26`: the tax word heads the tax amount, not an id
  if (what === 'tax id') {
    const end = totalOnLine(ctx, m, 0, m.end, 'tax');
    if (end !== undefined) return end;
  }
  // "Ref: PO-4711" names the document it refers to: let the prefix pattern see it
  if (what === 'reference') return m.end;
  const t = ctx.text;
  const v = skipToValue(t, m.end);
  let i = v.pos;
  if (what === 'bank' && !ctx.facts.ibanCountry && /^[A-Z]{2}\d{2}/.test(t.slice(i, i + 4)))
    ctx.facts.ibanCountry = t.slice(i, i + 2);
  if (v.spaces > 3 && ctx.layout) return m.end;
  // phone numbers, IBANs and VAT ids are printed with spaces: claim the run of number-like tokens
  const limit = Math.min(t.length, i + 60);
  let end = m.end;
  while (i < limit) {
    const c = t.charCodeAt(i);
    if (isAsciiAlnum(c) || c === 43 || c === 40 || c === 41 || c === 45 || c === 47 || c === 46) {
      i++;
      end = i;
    } else if (c === 32 && isAsciiAlnum(t.charCodeAt(i + 1))) i++;
    else break;
  }
  return end;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** A title line such as `PAYMENT RECEIPT`, `Kopie factuur`, `Rechnung`: what kind of document this is. */
function scanTitle(ctx: BlockCtx): void {
  if (ctx.facts.titleKind) return;
  const t = ctx.text;
  const st = starts(ctx);
  for (let l = 0; l < st.length && l < 15; l++) {
    for (const seg of segments(ctx, l)) {
      if (seg.end - seg.start > 40) continue;
      // a title is words only: `PO 15%` or `Purchase Order Number: PO-1` are lines of content
      if (/[\d:#]/.test(t.slice(seg.start, seg.end))) continue;
      const words: Array<[number, number]> = [];
      let i = seg.start;
      while (i < seg.end) {
        if (isLetter(t.charCodeAt(i))) {
          // `R E C H N U N G` is one word
          const we = spacedCapitals(t, i)?.end ?? readWordEnd(t, i);
          words.push([i, we]);
          i = we;
        } else i++;
      }
      if (words.length === 0 || words.length > 4) continue;
      // the segment ends with a heading phrase
      for (let w = 0; w < words.length; w++) {
        const [ws, we] = words[w] ?? [0, 0];
        const hm = matchLabel(HEADING_TRIE, t, ws, we, false);
        if (hm && hm.end === (words[words.length - 1]?.[1] ?? -1) && hm.cls.type === 'number') {
          ctx.facts.titleKind = { kind: hm.cls.kind, evidence: `document title "${t.slice(seg.start, seg.end)}"` };
          return;
        }
      }
    }
  }
}

/**
 * A heading line that is a document's title and its number and nothing else (`Receipt
 * EX-20241128-4471`, `Quittung Q-2024-88120`, `Recibo RC-55120`, `Receipt #1734-2291`): the number
 * is that document's, of the kind the title names. Receipt e-mails print their number only there.
 * A heading block is read whole; other blocks by the segments of their first lines.
 */
function scanHeadingNumbers(ctx: BlockCtx): void {
  const t = ctx.text;
  if (ctx.block.role === 'heading') {
    if (t.length <= 80) headingNumber(ctx, 0, t.length);
    return;
  }
  const st = starts(ctx);
  const early = ctx.b < LONE_DATE_BLOCKS;
  for (let l = 0; l < st.length && l < LONE_DATE_LINES; l++)
    for (const seg of segments(ctx, l)) {
      if (seg.end - seg.start > 80) continue;
      if (l < 15) headingNumber(ctx, seg.start, seg.end);
      if (early && !ctx.facts.loneDate) loneDate(ctx, seg.start, seg.end);
    }
}

/** How far into a page a date printed alone is still its header's: blocks of a page, lines of a text. */
const LONE_DATE_BLOCKS = 12;
const LONE_DATE_LINES = 25;

/**
 * A date printed alone on its line or segment near the top of the page (`Nov 28, 2024` under a
 * receipt's heading, a letter's `Kassel, 04.11.2024`, `Lyon, le 12/11/2024`): the document's date,
 * taken only when no labelled date says otherwise (rank 0). The first one counts.
 */
function loneDate(ctx: BlockCtx, from: number, to: number): void {
  const t = ctx.text;
  let p = from;
  while (p < to && isSpace(t.charCodeAt(p))) p++;
  // a place before the date: letters, spaces and hyphens, then a comma (and `den`, `le`, `il`)
  const comma = t.indexOf(',', p);
  if (comma > p && comma < to && comma - p <= 30 && /^\p{Lu}[\p{L} .-]*$/u.test(t.slice(p, comma))) {
    const rest = /^,\s*(?:(?:den|le|il|el|dnia|dne)\s+)?/.exec(t.slice(comma, Math.min(to, comma + 12)));
    const q = comma + (rest?.[0].length ?? 1);
    if (isDigit(t.charCodeAt(q))) p = q;
  }
  const d = readDate(t, p, ctx.now);
  if (!d) return;
  let q = d.end;
  while (q < to && isSpace(t.charCodeAt(q))) q++;
  if (q < to) return;
  ctx.facts.loneDate = true;
  ctx.facts.allDates.push(d);
  ctx.facts.dates.push({
    role: 'issue',
    rank: 0,
    raw: d,
    block: ctx.b,
    evidence: `date printed alone in the page header "${t.slice(from, to).trim().slice(0, 60)}"`,
  });
}

function headingNumber(ctx: BlockCtx, from: number, to: number): void {
  const t = ctx.text;
  let p = from;
  while (p < to && isSpace(t.charCodeAt(p))) p++;
  if (!isLetter(t.charCodeAt(p))) return;
  const m = matchLabel(HEADING_TRIE, t, p, readWordEnd(t, p), ctx.layout);
  if (m?.cls.type !== 'number') return;
  const v = skipToValue(t, m.end);
  if (v.pos >= to || isNewline(t.charCodeAt(v.pos))) return;
  const span = readNumber(t, v.pos, to);
  if (!span || !acceptBare(t, span)) return;
  let q = span.end;
  while (q < to && isSpace(t.charCodeAt(q))) q++;
  if (q < to) return;
  const printed = t.slice(span.start, span.end);
  // `Invoices 12`: a count of a list, not a number
  if (/^\d{1,3}$/.test(printed)) return;
  pushNumber(ctx, {
    kind: m.cls.kind,
    seller: false,
    start: span.start,
    end: span.end,
    confidence: 0.7,
    evidence: `document heading "${t.slice(p, to).trim().slice(0, 80)}"`,
    heading: true,
  });
}

/** Kind named by a heading, title or subject ("Purchase Order 4500012345", "Bills"). */
export function kindFromHeading(text: string | undefined): DocKind | undefined {
  if (!text) return undefined;
  const t = text.slice(0, 300);
  let i = 0;
  while (i < t.length) {
    if (isLetter(t.charCodeAt(i)) && (i === 0 || !isLetter(t.charCodeAt(i - 1)))) {
      const we = readWordEnd(t, i);
      const m = matchLabel(HEADING_TRIE, t, i, we, false);
      if (m && m.cls.type === 'number') return m.cls.kind;
      i = we;
    } else i++;
  }
  return undefined;
}

/**
 * Labels already classified. A list gives every cell its column header as label and every other
 * header again in its row: 10,000 rows ask about the same few headers hundreds of thousands of
 * times, and each answer built word slices and match objects anew. Results are shared: callers
 * only read them.
 */
const LABEL_CACHE = new Map<string, { cls: LabelClass; name: string } | null>();
const LABEL_CACHE_MAX = 2_000;

/** A label string given by the page (column header, `<dt>`, `<label>`): its class, if the lexicon knows it. */
export function classifyLabel(label: string): { cls: LabelClass; name: string } | undefined {
  if (label.length > 200) return classifyLabelText(label.slice(0, 200));
  const hit = LABEL_CACHE.get(label);
  if (hit !== undefined) return hit ?? undefined;
  const c = classifyLabelText(label);
  if (LABEL_CACHE.size >= LABEL_CACHE_MAX) LABEL_CACHE.clear();
  LABEL_CACHE.set(label, c ?? null);
  return c;
}

function classifyLabelText(t: string): { cls: LabelClass; name: string } | undefined {
  let best: LabelMatch | undefined;
  let i = 0;
  while (i < t.length) {
    if (isLetter(t.charCodeAt(i))) {
      const we = readWordEnd(t, i);
      let m = matchLabel(LABEL_TRIE, t, i, we, false);
      // "Supplier's Product" labels a product: a label word in the possessive labels something of its.
      if (m && /^['\u2019]s\b/.test(t.slice(m.end, m.end + 3))) m = undefined;
      if (m && (!best || m.end - m.start > best.end - best.start)) best = m;
      i = m ? m.end : we;
    } else i++;
  }
  return best ? { cls: best.cls, name: t.slice(best.start, best.end) } : undefined;
}

/** First printed number in a labelled value (`# 4500012345`, `PO-123 (open)`). */
function numberInValue(text: string): Span | undefined {
  let i = 0;
  while (
    i < text.length &&
    i < 20 &&
    (isSpace(text.charCodeAt(i)) || text[i] === '#' || text[i] === ':' || text[i] === '№')
  )
    i++;
  return readNumber(text, i);
}

/** Label names already tested against PLAIN_ORDER: a list asks once per cell, with its column's few headers. */
const PLAIN_ORDER_NAMES = new Map<string, boolean>();

function isPlainOrderName(name: string): boolean {
  let plain = PLAIN_ORDER_NAMES.get(name);
  if (plain === undefined) {
    plain = PLAIN_ORDER.test(
      name
        .replace(/[^\p{L} ]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    if (PLAIN_ORDER_NAMES.size >= LABEL_CACHE_MAX) PLAIN_ORDER_NAMES.clear();
    PLAIN_ORDER_NAMES.set(name, plain);
  }
  return plain;
}

function scanLabelledBlock(ctx: BlockCtx): boolean {
  const { block, text } = ctx;
  const label = block.label;
  if (!label) return false;
  const c = classifyLabel(label);
  if (!c) return false;
  const isCell = block.role === 'cell';
  const how = isCell ? 'column' : 'field';
  switch (c.cls.type) {
    case 'number': {
      const span = numberInValue(text);
      if (!span) return true;
      const base = c.cls.seller ? 0.3 : c.cls.strength === 'numbered' ? 0.9 : 0.85;
      pushNumber(ctx, {
        plainOrder: isPlainOrderName(c.name),
        ownerless: c.cls.ownerless,
        kind: c.cls.kind,
        seller: !!c.cls.seller,
        start: span.start,
        end: span.end,
        confidence: base,
        evidence: `${how} "${label.trim().slice(0, 80)}"${c.cls.seller ? '; seller-side order number, not a purchase order unless the buyer issued it' : ''}`,
        row: block.row,
      });
      return true;
    }
    case 'generic': {
      const kind = ctx.contextKind;
      if (!kind) return true;
      const span = numberInValue(text);
      if (!span) return true;
      pushNumber(ctx, {
        kind,
        seller: false,
        start: span.start,
        end: span.end,
        confidence: 0.75,
        evidence: `${how} "${label.trim().slice(0, 80)}" on a page about a ${kind.replace('_', ' ')}`,
        row: block.row,
      });
      return true;
    }
    case 'total':
    case 'net':
    case 'tax':
    case 'paid': {
      const a = firstAmount(text, ctx.lang);
      if (!a) return true;
      // What is still to pay is the document's total only when nothing else is.
      let rank = c.cls.type === 'total' ? (isStillDueLabel(label) ? 0 : c.cls.rank) : 0;
      let role: AmountRole | undefined = c.cls.type === 'total' ? undefined : c.cls.type;
      // a cell under a "Total"/"Summe" column is a line's amount (or its quantity), unless its row
      // is the totals row: the row's own label then says what the amount is
      if (isCell && block.row) {
        const rowLabel = totalsRowLabel(block.row);
        if (!rowLabel) return true;
        rank = rowLabel.type === 'total' ? rowLabel.rank : 0;
        role = rowLabel.type === 'total' ? undefined : rowLabel.type;
      }
      if (!a.money) return true;
      const q = c.cls.type === 'total' ? qualifier(label, c.name.length + label.indexOf(c.name))?.says : undefined;
      if (q === 'gross' && !role) rank = 3;
      if (q === 'net') role = 'net';
      ctx.facts.amounts.push({
        rank,
        role,
        decimal: a.decimal,
        currency: a.currency,
        block: ctx.b,
        pos: ctx.facts.order++,
        end: a.end,
        evidence: `${how} "${label.trim().slice(0, 60)}"`,
      });
      return true;
    }
    case 'date': {
      const d = firstDate(text, ctx.now);
      if (d) {
        ctx.facts.allDates.push(d);
        if (c.cls.role !== 'other')
          ctx.facts.dates.push({
            role: c.cls.role,
            rank: c.cls.rank + 1,
            raw: d,
            block: ctx.b,
            evidence: `${how} "${label}"`,
          });
      }
      return true;
    }
    case 'vendor': {
      const name = cleanName(text);
      if (name)
        ctx.facts.vendors.push({ name, rank: c.cls.rank + 1, evidence: `${how} "${label.trim().slice(0, 60)}"` });
      return true;
    }
    case 'currency': {
      const cur = readCurrency(text.trim(), 0, ctx.lang);
      if (cur) ctx.facts.explicitCurrency ??= cur.code;
      return true;
    }
    case 'other': {
      if (c.cls.what !== 'tax id') return true;
      const a = firstAmount(text, ctx.lang);
      if (a?.money)
        ctx.facts.amounts.push({
          rank: 0,
          role: 'tax',
          decimal: a.decimal,
          currency: a.currency,
          block: ctx.b,
          pos: ctx.facts.order++,
          end: a.end,
          evidence: `${how} "${label.trim().slice(0, 60)}"`,
        });
      return true;
    }
    case 'reference': {
      if (c.cls.owner !== 'buyer') return true;
      const span = numberInValue(text);
      if (span) pushReference(ctx, span, `${how} "${label.trim().slice(0, 80)}"`, block.row);
      return true;
    }
    default:
      return false;
  }
}

/** The totals label among a row's other cells (`Total`, `Subtotal`, `VAT`), if the row has one. */
function totalsRowLabel(
  row: Record<string, string>,
): Extract<LabelClass, { type: 'total' | 'net' | 'tax' | 'paid' }> | undefined {
  for (const header in row) {
    const v = (row[header] ?? '').trim();
    if (!v || v.length > 60 || /\d{3}/.test(v)) continue;
    const c = classifyLabel(v)?.cls;
    if (c && (c.type === 'total' || c.type === 'net' || c.type === 'tax' || c.type === 'paid')) return c;
  }
  return undefined;
}

function firstAmount(text: string, lang?: string): ReturnType<typeof readAmount> {
  for (let i = 0; i < text.length && i < 200; i++) {
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (isAsciiAlnum(prev) || prev === 46 || prev === 44) continue;
    const a = readAmount(text, i, lang);
    if (a) return a;
  }
  return undefined;
}

function firstDate(text: string, now: Date): RawDate | undefined {
  for (let i = 0; i < text.length && i < 200; i++) {
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (isAsciiAlnum(prev)) continue;
    const d = readDate(text, i, now);
    if (d) return d;
  }
  return undefined;
}

function scanXmlBlock(ctx: BlockCtx, path: string): void {
  const rule = classifyPath(path);
  if (!rule) return;
  const text = ctx.text.trim();
  const off = ctx.text.indexOf(text);
  const f = ctx.facts;
  switch (rule.type) {
    case 'number':
      if (isPlaceholder(text) || text.length > MAX_NUMBER_LENGTH || !/[\p{L}\d]/u.test(text)) return;
      pushNumber(ctx, {
        kind: rule.kind,
        seller: rule.seller,
        start: off,
        end: off + text.length,
        confidence: rule.seller ? 0.3 : 0.97,
        evidence: `e-invoice element ${path.split('/').slice(-2).join('/')} (${rule.term})`,
        exact: true,
      });
      return;
    case 'typecode':
      f.creditNoteCode = CREDIT_NOTE_CODES.has(text) ? text : undefined;
      if (/^CreditNote\//.test(path)) f.creditNoteCode = text || '381';
      return;
    case 'total': {
      const m = /^-?\d+(\.\d+)?$/.exec(text);
      if (!m) return;
      const cur = ctx.block.attrs?.currencyID;
      f.amounts.push({
        rank: rule.rank + 1,
        decimal: text,
        currency: cur && /^[A-Z]{3}$/.test(cur) ? cur : undefined,
        block: ctx.b,
        pos: f.order++,
        evidence: `e-invoice ${rule.term}`,
      });
      return;
    }
    case 'currency':
      if (/^[A-Z]{3}$/.test(text)) f.explicitCurrency = text;
      return;
    case 'date': {
      const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
      if (!m) return;
      const raw: RawDate = {
        start: off,
        end: off + text.length,
        y: Number(m[1]),
        a: Number(m[2]),
        b: Number(m[3]),
        order: 'ymd',
        text,
      };
      f.dates.push({ role: rule.role, rank: 4, raw, block: ctx.b, evidence: `e-invoice ${rule.term}` });
      return;
    }
    case 'vendor':
      f.vendors.push({ name: text, rank: 3 + rule.rank, evidence: `e-invoice ${rule.term}` });
      return;
  }
}

function scanCustom(ctx: BlockCtx, formats: CompiledFormat[]): void {
  const t = ctx.text;
  let i = 0;
  while (i < t.length) {
    while (i < t.length && isSpace(t.charCodeAt(i))) i++;
    const s = i;
    while (i < t.length && !isSpace(t.charCodeAt(i)) && i - s <= CUSTOM_TOKEN_LIMIT + 2) i++;
    if (i - s > CUSTOM_TOKEN_LIMIT + 2) {
      while (i < t.length && !isSpace(t.charCodeAt(i))) i++;
      continue;
    }
    // trim punctuation around the token: `(AC-123456),` → `AC-123456`
    let a = s;
    let b = i;
    while (a < b && /[("'[{<«“‘#:]/.test(t[a] ?? '')) a++;
    while (b > a && /[)"'\]}>»”’.,;:!?]/.test(t[b - 1] ?? '')) b--;
    if (b - a < 1 || b - a > CUSTOM_TOKEN_LIMIT) continue;
    const token = t.slice(a, b);
    for (const f of formats) {
      if (f.regex.test(token)) {
        pushNumber(ctx, {
          kind: f.format.kind,
          seller: false,
          start: a,
          end: b,
          confidence: 0.85,
          evidence: `custom format ${f.format.name ?? f.format.pattern}${f.format.vendor ? ` (${f.format.vendor})` : ''}`,
          vendor: f.format.vendor,
        });
        break;
      }
    }
  }
}

export interface ScanOptions {
  now: Date;
  lang?: string;
  formats: CompiledFormat[];
  contextKind?: DocKind;
  /** The block stands under a party heading of the page ("Bill to" as a heading of its own). */
  partyRole?: 'buyer' | 'seller';
}

export function scanBlock(b: number, block: TextBlock, facts: Facts, opts: ScanOptions): void {
  const ctx: BlockCtx = {
    b,
    block,
    text: block.text,
    layout: !!block.layout,
    facts,
    now: opts.now,
    lang: opts.lang,
    contextKind: opts.contextKind,
    segCache: new Map(),
  };
  if (block.label && isElementPath(block.label)) {
    scanXmlBlock(ctx, block.label);
    return;
  }
  const labelled = scanLabelledBlock(ctx);
  if (opts.formats.length > 0) scanCustom(ctx, opts.formats);
  if (labelled && block.role === 'cell') return;
  if (block.role === undefined || block.role === 'text') scanTitle(ctx);
  if (block.role === undefined || block.role === 'text' || block.role === 'heading') scanHeadingNumbers(ctx);
  const cls = block.label ? classifyLabel(block.label)?.cls : undefined;
  const role =
    opts.partyRole ??
    (cls?.type === 'buyer' ? 'buyer' : cls?.type === 'vendor' && cls.rank === 2 ? 'seller' : undefined);
  scanParties(
    {
      text: ctx.text,
      layout: ctx.layout,
      facts,
      starts: starts(ctx),
      segments: (line) => segments(ctx, line),
      labelAt: (p) => matchLabel(LABEL_TRIE, ctx.text, p, readWordEnd(ctx.text, p), ctx.layout),
      titleEnd: (p) => matchLabel(HEADING_TRIE, ctx.text, p, readWordEnd(ctx.text, p), ctx.layout)?.end,
      role,
      labelled: !!block.label && cls?.type !== 'vendor',
    },
    b,
  );
  const before = facts.amounts.length;
  scanWords(ctx);
  netPlusTax(ctx, before);
}

/** A decimal string in thousandths, for comparing amounts without floating point. */
function milli(decimal: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,3}))?/.exec(decimal);
  if (!m) return Number.NaN;
  const v = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] ? -v : v;
}

/**
 * The totals block's arithmetic: the net amount and the tax printed after it add up to the gross
 * total, so the amount equal to their sum, printed after them, is the total even without a label
 * (`Celkem bez DPH 1 000,00 / DPH 21 % 210,00 / 1 210,00 Kč`). Read once per block, in the 600
 * characters after its last tax amount.
 */
function netPlusTax(ctx: BlockCtx, from: number): void {
  const amounts = ctx.facts.amounts;
  let net: AmountFact | undefined;
  let tax = 0;
  let taxes = 0;
  let lastTax: AmountFact | undefined;
  for (let k = from; k < amounts.length; k++) {
    const a = amounts[k] as AmountFact;
    if (a.role === 'net') {
      net = a;
      tax = 0;
      taxes = 0;
    } else if (a.role === 'tax' && net) {
      tax += Math.abs(milli(a.decimal));
      taxes++;
      lastTax = a;
    }
  }
  if (!net || taxes === 0 || !lastTax?.end) return;
  const target = Math.abs(milli(net.decimal)) + tax;
  const t = ctx.text;
  const stop = Math.min(t.length, lastTax.end + 600);
  for (let i = lastTax.end; i < stop; i++) {
    const c = t.charCodeAt(i);
    if (!(isDigit(c) || c === 45 || c === 0x2212 || !isSpace(c))) continue;
    const prev = i > 0 ? t.charCodeAt(i - 1) : 32;
    if (isAsciiAlnum(prev) || prev === 46 || prev === 44) continue;
    const a = readAmount(t, i, ctx.lang);
    if (!a) continue;
    if (a.money && !percentAfter(t, a.end) && Math.abs(milli(a.decimal)) === target) {
      amounts.push({
        rank: 2.5,
        decimal: a.decimal,
        currency: a.currency,
        block: ctx.b,
        pos: ctx.facts.order++,
        end: a.end,
        evidence: `${t.slice(a.start, a.end)}: the net amount ${net.decimal} plus the tax`,
      });
      return;
    }
    i = a.end - 1;
  }
}

function scanWords(ctx: BlockCtx): void {
  const t = ctx.text;
  const n = t.length;
  const f = ctx.facts;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      const e = readWordEnd(t, i);
      if (e - i > 40) {
        i = e;
        continue;
      }
      if (e - i === 3 && isUpper(c)) {
        const code = t.slice(i, e);
        if (code === 'EUR' || code === 'USD' || code === 'GBP' || code === 'CHF' || code === 'INR' || code === 'PLN')
          bump(f.currencies, code);
        else {
          const cur = readCurrency(t, i, ctx.lang);
          if (cur) bump(f.currencies, cur.code);
        }
      } else if (e - i === 2 && (c === 82 || c === 107 || c === 122)) {
        const cur = readCurrency(t, i, ctx.lang);
        if (cur) bump(f.currencies, cur.code);
      }
      const m = matchLabel(LABEL_TRIE, t, i, e, ctx.layout);
      if (m && (m.cls.type === 'vendor' || m.cls.type === 'buyer')) {
        // "Supplier Invoices", "Vendor Bills": a view's title that starts with a party word is a
        // title, not that party's label followed by its name.
        const title = matchLabel(HEADING_TRIE, t, i, e, ctx.layout);
        if (title && title.end > m.end) {
          i = title.end;
          continue;
        }
      }
      if (m) {
        let next = m.end;
        switch (m.cls.type) {
          case 'number':
            next = handleNumberLabel(ctx, m, m.cls);
            break;
          case 'total':
            next = handleTotalLabel(ctx, m, m.cls.rank);
            break;
          case 'net':
          case 'tax':
          case 'paid':
            next = handleTotalLabel(ctx, m, 0, m.cls.type);
            break;
          case 'generic':
            next = handleGenericLabel(ctx, m);
            break;
          case 'date':
            next = handleDateLabel(ctx, m, m.cls);
            break;
          case 'vendor':
            next = handleVendorLabel(ctx, m, m.cls);
            break;
          case 'currency': {
            const v = skipToValue(t, m.end);
            const cur = readCurrency(t, v.pos, ctx.lang);
            if (cur && !isNewline(t.charCodeAt(v.pos))) f.explicitCurrency ??= cur.code;
            break;
          }
          case 'other':
            next = skipOtherValue(ctx, m, m.cls.what);
            break;
          case 'reference':
            next = handleReference(ctx, m, m.cls.owner);
            break;
          case 'cue':
            f.shopCue ??= t.slice(m.start, m.end);
            break;
          default:
            break;
        }
        i = Math.max(next, m.end);
        continue;
      }
      if (isUpper(c) && e - i <= 4) {
        const g = readGluedNumber(t, i, e);
        if (g) {
          pushNumber(ctx, {
            kind: g.kind,
            seller: false,
            start: g.span.start,
            end: g.span.end,
            confidence: 0.6,
            evidence: `pattern ${g.prefix}-number without a label`,
          });
          i = g.span.end;
          continue;
        }
      }
      i = e;
      continue;
    }
    if (c === 0x20ac || c === 0xa3 || c === 0x20b9 || c === 0xa5 || c === 36) {
      const cur = readCurrency(t, i, ctx.lang);
      if (cur) bump(f.currencies, cur.code);
    }
    if (isDigit(c) && (i === 0 || !isAsciiAlnum(t.charCodeAt(i - 1)))) {
      // skip the digit run in one step (a million digits cost one pass)
      let e = i;
      while (e < n && isDigit(t.charCodeAt(e))) e++;
      const sep = t.charCodeAt(e);
      if (e - i <= 4 && (sep === 47 || sep === 45 || sep === 46) && f.allDates.length < 1000) {
        // every numeric date on the page helps read the ambiguous ones
        const d = readDate(t, i, ctx.now);
        if (d) {
          f.allDates.push(d);
          i = d.end;
          continue;
        }
      }
      i = e;
      continue;
    }
    i++;
  }
}
