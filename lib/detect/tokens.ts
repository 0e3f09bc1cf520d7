/**
 * Label words as invoices print them, read as tokens of the lexicon rather than as its exact
 * strings:
 * - compounds: German and Dutch build document words by compounding, so a word that ends in a
 *   lexicon word (`Schlussrechnung`, `Abschlagsrechnung`, `verkoopfactuur`, `Rechnungsendbetrag`)
 *   reads as that word; a cancelling or correcting qualifier (`Stornorechnung`,
 *   `Korrekturrechnung`) makes it a credit note;
 * - abbreviations: a word cut short by a dot (`Rechn.`, `Fakt.`, `Best.`, `Auftr.`) reads as the
 *   shortest lexicon word it begins, but only as the head of a numbered label (`Rechn.-Nr.`);
 * - spaced capitals: `R E C H N U N G` reads as one word.
 * Each lookup is bounded (one suffix index probe per word length, one prefix map probe), and the
 * caller caches per printed word.
 */
import type { LabelClass, TrieNode } from './lexicon';
import { NUMBER_WORDS } from './lexicon';
import * as textFns from './text';

const { fold, isLetter } = textFns;

/** Fewest letters before a compound's head: `Endrechnung` yes, `Abrechnung`'s `ab` no. */
const MIN_PREFIX = 3;
/** Shortest lexicon word that heads compounds: `rechnung`, `factuur`, `endbetrag`, not `summe`. */
const MIN_HEAD = 7;
/**
 * Prefixes that make a different word of a head (`Berechnung` is a calculation, `Verrechnung` an
 * offsetting), however long the compound: `Neuberechnung`, `Zinsverrechnung`.
 */
const DERIVING = ['be', 'ver'];
/** Qualifiers that turn an invoice word into a credit note: `Stornorechnung`, `Korrekturrechnung`. */
const CORRECTING = ['storno', 'korrektur', 'credit', 'gutschrift', 'correctie'];

interface SuffixIndex {
  /** Heads by their last three letters, longest first. */
  byTail: Map<string, Array<[string, TrieNode]>>;
  /** Abbreviation prefix → the shortest numbered-label head it begins (null: two classes tie). */
  prefixes: Map<string, TrieNode | null>;
  credit?: TrieNode;
}

const INDEX = new WeakMap<TrieNode, SuffixIndex>();

function sameClass(a: LabelClass | undefined, b: LabelClass | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function indexOf(trie: TrieNode): SuffixIndex {
  const known = INDEX.get(trie);
  if (known) return known;
  const byTail = new Map<string, Array<[string, TrieNode]>>();
  const shortest = new Map<string, { len: number; node: TrieNode | null }>();
  for (const [w, node] of trie.next) {
    if (node.cls && w.length >= MIN_HEAD) {
      const tail = w.slice(-3);
      const list = byTail.get(tail) ?? [];
      list.push([w, node]);
      byTail.set(tail, list);
    }
    // heads of numbered labels (`Rechnung Nr`, `Kunden-Nr`) can be abbreviated before the number word
    const numbered = NUMBER_WORDS.some((n) => node.next.get(n)?.cls);
    if (!numbered || w.length < 5) continue;
    for (let len = 4; len < w.length; len++) {
      if (len * 2 < w.length) continue;
      const p = w.slice(0, len);
      const seen = shortest.get(p);
      if (!seen || w.length < seen.len) shortest.set(p, { len: w.length, node });
      else if (w.length === seen.len && seen.node && !sameClass(seen.node.cls, node.cls))
        shortest.set(p, { len: w.length, node: null });
    }
  }
  for (const list of byTail.values()) list.sort((a, b) => b[0].length - a[0].length);
  const prefixes = new Map<string, TrieNode | null>();
  for (const [p, s] of shortest) prefixes.set(p, s.node);
  const idx: SuffixIndex = { byTail, prefixes };
  INDEX.set(trie, idx);
  return idx;
}

/** A credit-note reading of an invoice head: same number words, credit-note kind. */
function creditNode(trie: TrieNode, head: TrieNode): TrieNode {
  const idx = indexOf(trie);
  if (idx.credit) return idx.credit;
  const next = new Map<string, TrieNode>();
  for (const [w, child] of head.next) {
    if (child.cls?.type === 'number')
      next.set(w, { next: child.next, cls: { ...child.cls, kind: 'credit_note' }, name: child.name });
  }
  const cls = head.cls?.type === 'number' ? { ...head.cls, kind: 'credit_note' as const } : head.cls;
  idx.credit = { next, cls, name: head.name };
  return idx.credit;
}

/**
 * The lexicon node a compound word reads as (`schlussrechnung` → `rechnung`), or undefined.
 * `word` is folded.
 */
export function compoundNode(trie: TrieNode, word: string): TrieNode | undefined {
  if (word.length < MIN_HEAD + MIN_PREFIX) return undefined;
  const list = indexOf(trie).byTail.get(word.slice(-3));
  if (!list) return undefined;
  for (const [head, node] of list) {
    if (word.length - head.length < MIN_PREFIX || !word.endsWith(head)) continue;
    const prefix = word.slice(0, word.length - head.length);
    if (DERIVING.some((d) => prefix.endsWith(d))) return undefined;
    if (node.cls?.type === 'number' && node.cls.kind === 'invoice' && CORRECTING.some((c) => prefix.startsWith(c)))
      return creditNode(trie, node);
    return node;
  }
  return undefined;
}

/** The numbered-label head a dotted abbreviation stands for (`rechn` → `rechnung`), or undefined. */
export function abbreviationNode(trie: TrieNode, word: string): TrieNode | undefined {
  return indexOf(trie).prefixes.get(word) ?? undefined;
}

function isCapital(text: string, i: number): boolean {
  const ch = text[i] ?? '';
  return isLetter(text.charCodeAt(i)) && ch !== ch.toLowerCase();
}

/**
 * `R E C H N U N G`: single capitals each followed by one space, at least four of them, read as
 * one word. `p` is a capital with no letter after it. Returns the folded word and where it ends.
 */
export function spacedCapitals(text: string, p: number): { word: string; end: number } | undefined {
  if (!isCapital(text, p) || isLetter(text.charCodeAt(p + 1))) return undefined;
  if (p > 0 && isLetter(text.charCodeAt(p - 1))) return undefined;
  let letters = text[p] ?? '';
  let i = p + 1;
  while (
    letters.length < 40 &&
    text.charCodeAt(i) === 32 &&
    isCapital(text, i + 1) &&
    !isLetter(text.charCodeAt(i + 2))
  ) {
    letters += text[i + 1];
    i += 2;
  }
  return letters.length >= 4 ? { word: fold(letters), end: i } : undefined;
}
