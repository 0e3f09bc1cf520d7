import type { Document } from '@/lib/model/document';
import { recordsApart } from '@/lib/model/record-address';
import { dayNumber, sameNumberingPeriod } from './dates';
import { docLabel, docLabelLower, money, vendorName } from './describe';
import type { Finding } from './finding';
import { ChainHeads, deleted, deletions, HashFilter, keyHash } from './keyhash';
import { keepShape } from './shapes';

export interface DuplicatePair {
  /** The earlier of the two (issue date, then creation, then id). */
  first: Document;
  second: Document;
  /** Same vendor and number in one numbering period: `duplicate_invoice`. Else `possible_duplicate`. */
  exact: boolean;
  /** For possible duplicates: which of the four signs agree. */
  signs: { nearKey: boolean; vendor: boolean; dates: boolean; total: boolean };
}

/** Earlier first: issue date, then when the ledger learnt of it, then id. Undated sorts last. */
export function chronological(a: Document, b: Document): number {
  const da = a.date ?? '9999-99-99';
  const db = b.date ?? '9999-99-99';
  if (da !== db) return da < db ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function isExactDuplicate(a: Document, b: Document): boolean {
  return (
    a.key === b.key && a.vendorKey !== undefined && a.vendorKey === b.vendorKey && sameNumberingPeriod(a.date, b.date)
  );
}

/**
 * Near keys, for possible duplicates: the same loose (OCR-folded) key, or one character dropped or
 * doubled. A one-character substitution is not near here: consecutive invoices of one vendor differ
 * by exactly that (…0417, …0418). The same vendor and key in another numbering period is a restart,
 * not a near key.
 */
export function nearKeys(a: Document, b: Document): boolean {
  if (a.looseKey === b.looseKey) {
    return !(a.key === b.key && a.vendorKey !== undefined && a.vendorKey === b.vendorKey);
  }
  return oneCharDroppedOrDoubled(a.looseKey, b.looseKey);
}

/** Keys of 3 or more characters where the longer is the shorter with one character added. */
function oneCharDroppedOrDoubled(a: string, b: string): boolean {
  if (a.length === b.length + 1) return b.length >= 3 && isOneDeletion(a, b);
  if (b.length === a.length + 1) return a.length >= 3 && isOneDeletion(b, a);
  return false;
}

function sameTotal(a: Document, b: Document): boolean {
  return !!a.total && !!b.total && a.total.minor === b.total.minor && a.total.currency === b.total.currency;
}

function datesClose(a: Document, b: Document): boolean {
  return !!a.date && !!b.date && Math.abs(dayNumber(a.date) - dayNumber(b.date)) <= 7;
}

export function judgePair(a: Document, b: Document): DuplicatePair | undefined {
  // Decided before anything is built: a full run judges hundreds of thousands of candidate pairs
  // (consecutive numbers of one vendor are near keys), and nearly all of them are not duplicates.
  const nearKey = nearKeys(a, b);
  const vendor = a.vendorKey !== undefined && a.vendorKey === b.vendorKey;
  const dates = datesClose(a, b);
  const total = sameTotal(a, b);
  const exact = isExactDuplicate(a, b);
  if (!exact && +nearKey + +vendor + +dates + +total < 3) return undefined;
  const aFirst = chronological(a, b) <= 0;
  return {
    first: aFirst ? a : b,
    second: aFirst ? b : a,
    exact,
    signs: { nearKey, vendor, dates, total },
  };
}

/** A one-character deletion turns `long` into `short` (lengths differ by one); no string is built. */
function isOneDeletion(long: string, short: string): boolean {
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

/** `short` is `long` without its character at `at`, `at` being the first of its run (as `deletions` gives them). */
function isDeletionAt(long: string, at: number, short: string): boolean {
  if (long.length !== short.length + 1) return false;
  for (let j = 0; j < at; j++) if (long.charCodeAt(j) !== short.charCodeAt(j)) return false;
  for (let j = at; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

/**
 * Whether the vendor buckets (same loose key; a loose key one deletion shorter, from a key of 4 or
 * more) bring this pair: then the same-total window leaves it to them, so each pair is judged once.
 */
function foundByVendorBuckets(a: Document, b: Document): boolean {
  if (a.vendorKey === undefined || a.vendorKey !== b.vendorKey) return false;
  return a.looseKey === b.looseKey || oneCharDroppedOrDoubled(a.looseKey, b.looseKey);
}

const vendorBucket = (vendorHash: number, looseHash: number) =>
  (Math.imul(vendorHash, 0x9e3779b1) ^ looseHash) & 0x3fffffff;

/** A day number no issue date has: far from every real day, so no window reaches it. */
const UNDATED = -(2 ** 30);

const lengthBit = (n: number) => 1 << Math.min(n, 30);

/**
 * One small integer for a total and a week (a 30-bit hash, as ChainHeads takes); a collision only
 * costs a check of total and day.
 */
const totalWeek = (minor: number, week: number) =>
  (Math.imul((minor | 0) ^ Math.floor(minor / 4294967296), 0x9e3779b1) ^ Math.imul(week, 0x85ebca6b)) & 0x3fffffff;

/**
 * Every duplicate or possible-duplicate pair among `invoices` that involves at least one doc for
 * which `inScope` holds. Any three of the four signs include either a near key with the same vendor,
 * or issue dates within 7 days with the same total; so candidates come from vendor buckets (same
 * vendor and loose key; a loose key one character shorter) and from same-total buckets within a
 * 7-day window, instead of comparing every pair. `all`: every doc is in scope (a full run); then each
 * pair is reached by exactly one route (the later position finds it; near keys from the longer key),
 * so no set of seen pairs is kept. Buckets are chains through typed arrays (ChainHeads): a full run
 * has hundreds of thousands of buckets, nearly all of one invoice.
 */
export function findDuplicatePairs(
  invoices: Document[],
  inScope: (d: Document) => boolean,
  all: boolean,
): DuplicatePair[] {
  const count = invoices.length;
  /** Each invoice's vendor as a small number (-1: none), and per vendor its hash and key lengths. */
  const vendorIds = new Map<string, number>();
  const vendorOf = new Int32Array(count).fill(-1);
  const vendorHashes: number[] = [];
  /** Bit `n` set: some invoice of this vendor has a loose key of length `n` (30 and longer share bit 30). */
  const vendorLengths: number[] = [];
  /** A scoped run also looks from a shorter key to the longer ones: every invoice of the vendor. */
  const vendorDocs: number[][] = [];
  /** Next invoice in the same bucket (vendor and loose key; total and week), or -1. */
  const nextLoose = new Int32Array(count).fill(-1);
  const nextTotal = new Int32Array(count).fill(-1);
  /** Issue day (UNDATED if none) and total in minor units (NaN if none) of each invoice: the two signs
   * a vendor-bucket candidate still needs, read from compact arrays before the candidate itself. */
  const days = new Int32Array(count);
  const totals = new Float64Array(count);
  /** Hash of each invoice's loose key, for the vendor buckets. */
  const looseHashes = new Int32Array(count);
  /** First invoice by vendorBucket(): a near-key probe almost always misses, so a bit filter goes first. */
  const byLoose = new ChainHeads(count);
  const looseFilter = new HashFilter(count);
  /**
   * First invoice by total and issue week (totalWeek); total and currency are checked on the way.
   * Dates within 7 days are at most one week number apart, so three buckets cover a window.
   */
  const byTotal = new ChainHeads(count);
  const totalFilter = new HashFilter(count);
  // Forwards, so that every chain runs from the latest position down: when an invoice joins its own
  // buckets, the chain behind it (next[n]) holds exactly the earlier invoices a full run compares
  // it with, and the walk below needs no table lookup for them.
  for (let n = 0; n < count; n++) {
    const d = invoices[n]!;
    days[n] = d.date ? dayNumber(d.date) : UNDATED;
    totals[n] = d.total ? d.total.minor : Number.NaN;
    if (d.vendorKey !== undefined) {
      let v = vendorIds.get(d.vendorKey);
      if (v === undefined) {
        v = vendorHashes.length;
        vendorIds.set(d.vendorKey, v);
        vendorHashes.push(keyHash(d.vendorKey));
        vendorLengths.push(0);
        vendorDocs.push([]);
      }
      vendorOf[n] = v;
      const h = keyHash(d.looseKey);
      looseHashes[n] = h;
      vendorLengths[v]! |= lengthBit(d.looseKey.length);
      if (!all) vendorDocs[v]!.push(n);
      const bucket = vendorBucket(vendorHashes[v]!, h);
      looseFilter.add(bucket);
      byLoose.link(nextLoose, bucket, n);
    }
    if (d.date && d.total) {
      const k = totalWeek(d.total.minor, Math.floor(days[n]! / 7));
      totalFilter.add(k);
      byTotal.link(nextTotal, k, n);
    }
  }

  const search = new PairSearch(invoices, all ? undefined : new Set<number>(), days, totals);

  // One walk over the invoices for both routes: at ledger scale each walk is mostly memory traffic.
  for (let n = 0; n < count; n++) {
    const d = invoices[n]!;
    if (!all && !inScope(d)) continue;
    const v = vendorOf[n]!;
    if (v !== -1) {
      const key = d.looseKey;
      const len = key.length;
      const vendorHash = vendorHashes[v]!;
      const own = all ? nextLoose[n]! : byLoose.first(vendorBucket(vendorHash, looseHashes[n]!));
      for (let o = own; o !== -1; o = nextLoose[o]!) {
        if (o !== n && vendorOf[o] === v && mayPair(search, n, o, true) && invoices[o]!.looseKey === key)
          consider(search, d, n, o);
      }
      // Near keys are at least 3 long (nearKeys): each near pair is found from its longer key,
      // through its one-character deletions; a scoped run also looks from the shorter side.
      if (len >= 4 && (vendorLengths[v]! & lengthBit(len - 1)) !== 0) {
        const count = deletions(key);
        for (let x = 0; x < count; x++) {
          const bucket = vendorBucket(vendorHash, deleted.hash[x]!);
          if (!looseFilter.mayHave(bucket)) continue;
          const at = deleted.at[x]!;
          for (let o = byLoose.first(bucket); o !== -1; o = nextLoose[o]!)
            if (vendorOf[o] === v && mayPair(search, n, o, false) && isDeletionAt(key, at, invoices[o]!.looseKey))
              consider(search, d, n, o);
        }
      }
      if (!all && len >= 3 && (vendorLengths[v]! & lengthBit(len + 1)) !== 0) {
        for (const o of vendorDocs[v]!)
          if (mayPair(search, n, o, false) && isOneDeletion(invoices[o]!.looseKey, key)) consider(search, d, n, o);
      }
    }
    if (!d.date || !d.total) continue;
    const day = days[n]!;
    const { minor, currency } = d.total;
    const week = Math.floor(day / 7);
    for (let w = week - 1; w <= week + 1; w++) {
      let first: number;
      if (all && w === week) first = nextTotal[n]!;
      else {
        const k = totalWeek(minor, w);
        first = totalFilter.mayHave(k) ? byTotal.first(k) : -1;
      }
      for (let o = first; o !== -1; o = nextTotal[o]!) {
        // Each pair once in a full run: from its later invoice (chains run from the latest down).
        if (all && o >= n) continue;
        if (o === n || Math.abs(days[o]! - day) > 7) continue;
        const other = invoices[o]!;
        if (other.total!.minor === minor && other.total!.currency === currency && !foundByVendorBuckets(d, other))
          consider(search, d, n, o);
      }
    }
  }
  return search.out;
}

/**
 * One findDuplicatePairs call's invoices, the pairs found, and each invoice's issue day and total by
 * position. A class with one instance kept (shapes.ts): made once per call as a literal, its hidden
 * class died with the run and took the optimized pair tests with it.
 */
class PairSearch {
  readonly out: DuplicatePair[] = [];
  constructor(
    readonly invoices: Document[],
    /** Pairs judged already (as one number of two positions); a full run reaches each pair once and keeps none. */
    readonly seen: Set<number> | undefined,
    readonly days: Int32Array,
    readonly totals: Float64Array,
  ) {}
}

keepShape(new PairSearch([], new Set(), new Int32Array(0), new Float64Array(0)));

/**
 * Whether a same-vendor candidate can still be a pair, from the arrays alone. With a near key and
 * the same vendor it needs dates within 7 days or the same total; with the same key it may also be
 * an exact duplicate, which needs one numbering period (under a year apart, or undated).
 */
function mayPair(search: PairSearch, n: number, o: number, sameKeyPossible: boolean): boolean {
  if (search.totals[n] === search.totals[o]) return true;
  const dn = search.days[n]!;
  const dof = search.days[o]!;
  if (dn === UNDATED || dof === UNDATED) return sameKeyPossible;
  const apart = Math.abs(dn - dof);
  return apart <= 7 || (sameKeyPossible && apart < 365);
}

/** Judges the pair of positions `ai` (doc `a`) and `bi`, once. */
function consider(search: PairSearch, a: Document, ai: number, bi: number): void {
  const { seen, invoices } = search;
  if (seen) {
    const count = invoices.length;
    const pk = ai < bi ? ai * count + bi : bi * count + ai;
    if (seen.has(pk)) return;
    seen.add(pk);
  }
  const p = judgePair(a, invoices[bi]!);
  if (p) search.out.push(p);
}

export function commonPoKey(a: Document, b: Document): string | undefined {
  const bk = new Set(b.poKeys);
  return [...a.poKeys].sort().find((k) => bk.has(k));
}

export function duplicateFinding(p: DuplicatePair): Finding {
  const { first, second } = p;
  const poKey = commonPoKey(first, second);
  const amounts = (d: Document) => (d.total ? money(d.total.minor, d.total.currency) : 'no total');
  const dated = (d: Document) => d.date ?? 'undated';
  // poKey in the literal even when undefined, as in `conflicting`.
  if (p.exact) {
    // Read on two records of one application: the same invoice was keyed in twice.
    const records = recordsApart(first, second);
    // On a team ledger, who recorded each entry: the clerk about to pay it sees who saw it first.
    const seenBy = (d: Document) => {
      const s = d.sightings.find((x) => x.clerk);
      return s ? `, seen by ${s.clerk}${s.title ? ` on “${s.title.slice(0, 80)}”` : ''}` : '';
    };
    return {
      type: 'duplicate_invoice',
      severity: 'high',
      poKey,
      docIds: [first.id, second.id],
      message:
        `${docLabel(second)} from ${vendorName(second)} ` +
        (records ? `was entered twice (records ${records[0]} and ${records[1]}) ` : 'was already recorded ') +
        `(${dated(first)}, ${amounts(first)}${seenBy(first)}; again ${dated(second)}, ${amounts(second)}${seenBy(second)}); pay it once`,
    };
  } else {
    const signs: string[] = [];
    if (p.signs.nearKey) signs.push(first.key === second.key ? 'same number' : 'near-identical number');
    if (p.signs.vendor) signs.push('same vendor');
    // In the order the message names the invoices: the later one first.
    if (p.signs.dates) signs.push(`dated ${dated(second)} and ${dated(first)}`);
    if (p.signs.total) signs.push(`same total ${amounts(first)}`);
    return {
      type: 'possible_duplicate',
      severity: 'medium',
      poKey,
      docIds: [first.id, second.id],
      message: `${docLabel(second)} may duplicate ${docLabelLower(first)}: ${signs.join(', ')}`,
    };
  }
}
