import type { Document } from '../model/document';
import { dayNumber, sameNumberingPeriod } from './dates';
import { forEachDeletion, HashFilter, keyHash, linkChain } from './keyhash';

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
  const [first, second] = chronological(a, b) <= 0 ? [a, b] : [b, a];
  const signs = {
    nearKey: nearKeys(a, b),
    vendor: a.vendorKey !== undefined && a.vendorKey === b.vendorKey,
    dates: datesClose(a, b),
    total: sameTotal(a, b),
  };
  if (isExactDuplicate(a, b)) return { first, second, exact: true, signs };
  const agree = +signs.nearKey + +signs.vendor + +signs.dates + +signs.total;
  return agree >= 3 ? { first, second, exact: false, signs } : undefined;
}

/** A one-character deletion turns `long` into `short` (lengths differ by one); no string is built. */
function isOneDeletion(long: string, short: string): boolean {
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

/** `short` is `long` without its character at `at`, `at` being the first of its run (as forEachDeletion visits). */
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

interface VendorBuckets {
  /** First invoice position by hash of the loose key (keyhash.ts); the rest follow `next`. */
  byLoose: Map<number, number>;
  /** Bit `n` set: some invoice of this vendor has a loose key of length `n` (30 and longer share bit 30). */
  lengths: number;
  /** Positions of this vendor's invoices. */
  docs: number[];
  hash: number;
}

const vendorBucket = (vendorHash: number, looseHash: number) =>
  (Math.imul(vendorHash, 0x9e3779b1) ^ looseHash) & 0x3fffffff;

const lengthBit = (n: number) => 1 << Math.min(n, 30);

/**
 * One small integer for a total and a week (a 30-bit hash: V8 boxes larger numbers, and a Map keyed
 * by boxed numbers is several times slower); a collision only costs a check of total and day.
 */
const totalWeek = (minor: number, week: number) =>
  (Math.imul((minor | 0) ^ Math.floor(minor / 4294967296), 0x9e3779b1) ^ Math.imul(week, 0x85ebca6b)) & 0x3fffffff;

/**
 * Every duplicate or possible-duplicate pair among `invoices` that involves at least one doc for
 * which `inScope` holds. Any three of the four signs include either a near key with the same vendor,
 * or issue dates within 7 days with the same total; so candidates come from per-vendor buckets (same
 * loose key; loose keys one character shorter) and from same-total buckets within a 7-day window,
 * instead of comparing every pair. `all`: every doc is in scope (a full run); then each pair is
 * reached by exactly one route (the later position finds it; near keys from the longer key), so
 * no set of seen pairs is kept. Vendors are walked one at a time, so their buckets stay in cache.
 * Buckets are chains through one `next` array rather than an array per bucket: a full run has
 * hundreds of thousands of buckets, nearly all of one invoice.
 */
export function findDuplicatePairs(
  invoices: Document[],
  inScope: (d: Document) => boolean,
  all: boolean,
): DuplicatePair[] {
  const count = invoices.length;
  const vendors = new Map<string, VendorBuckets>();
  /** Next invoice in the same bucket (loose-key chain, then total chain), or -1. */
  const nextLoose = new Int32Array(count).fill(-1);
  const nextTotal = new Int32Array(count).fill(-1);
  /** Issue day of each invoice, for the 7-day window; hash of its loose key, for the vendor buckets. */
  const days = new Int32Array(count);
  const looseHashes = new Int32Array(count);
  /**
   * First invoice position by total and issue week (totalWeek); total and currency are checked on
   * the way. Dates within 7 days are at most one week number apart, so three buckets cover a window.
   */
  const byTotal = new Map<number, number>();
  const totalFilter = new HashFilter(count);
  /** Every vendor's loose-key buckets, by vendorBucket(): a near-key probe almost always misses. */
  const looseFilter = new HashFilter(count);
  for (let n = count - 1; n >= 0; n--) {
    const d = invoices[n]!;
    if (d.vendorKey !== undefined) {
      let v = vendors.get(d.vendorKey);
      if (!v) {
        v = { byLoose: new Map(), lengths: 0, docs: [], hash: keyHash(d.vendorKey) };
        vendors.set(d.vendorKey, v);
      }
      v.docs.push(n);
      v.lengths |= lengthBit(d.looseKey.length);
    }
    if (d.date && d.total) {
      days[n] = dayNumber(d.date);
      const k = totalWeek(d.total.minor, Math.floor(days[n]! / 7));
      totalFilter.add(k);
      linkChain(byTotal, nextTotal, k, n);
    }
  }

  const seen = all ? undefined : new Set<number>();
  const out: DuplicatePair[] = [];
  const consider = (a: Document, ai: number, bi: number) => {
    if (seen) {
      const pk = ai < bi ? ai * count + bi : bi * count + ai;
      if (seen.has(pk)) return;
      seen.add(pk);
    }
    const p = judgePair(a, invoices[bi]!);
    if (p) out.push(p);
  };

  for (const v of vendors.values()) {
    // v.docs is in descending position (filled backwards); chains come out ascending.
    for (const n of v.docs) {
      const h = keyHash(invoices[n]!.looseKey);
      looseHashes[n] = h;
      looseFilter.add(vendorBucket(v.hash, h));
      linkChain(v.byLoose, nextLoose, h, n);
    }
    for (const n of v.docs) {
      const d = invoices[n]!;
      if (!inScope(d)) continue;
      const key = d.looseKey;
      const len = key.length;
      for (let o = v.byLoose.get(looseHashes[n]!)!; o !== -1; o = nextLoose[o]!) {
        if (all && o >= n) break;
        if (o !== n && invoices[o]!.looseKey === key) consider(d, n, o);
      }
      // Near keys are at least 3 long (nearKeys): each near pair is found from its longer key,
      // through its one-character deletions; a scoped run also looks from the shorter side.
      if (len >= 4 && (v.lengths & lengthBit(len - 1)) !== 0) {
        forEachDeletion(key, (h, at) => {
          if (!looseFilter.mayHave(vendorBucket(v.hash, h))) return;
          const head = v.byLoose.get(h);
          if (head === undefined) return;
          for (let o = head; o !== -1; o = nextLoose[o]!)
            if (isDeletionAt(key, at, invoices[o]!.looseKey)) consider(d, n, o);
        });
      }
      if (!all && len >= 3 && (v.lengths & lengthBit(len + 1)) !== 0) {
        for (const o of v.docs) if (isOneDeletion(invoices[o]!.looseKey, key)) consider(d, n, o);
      }
    }
  }

  for (let n = 0; n < count; n++) {
    const d = invoices[n]!;
    if (!d.date || !d.total || !inScope(d)) continue;
    const day = days[n]!;
    const { minor, currency } = d.total;
    const week = Math.floor(day / 7);
    for (let w = week - 1; w <= week + 1; w++) {
      const k = totalWeek(minor, w);
      if (!totalFilter.mayHave(k)) continue;
      const head = byTotal.get(k);
      if (head === undefined) continue;
      for (let o = head; o !== -1; o = nextTotal[o]!) {
        if (all && o >= n) break;
        if (o === n || Math.abs(days[o]! - day) > 7) continue;
        const other = invoices[o]!;
        if (other.total!.minor === minor && other.total!.currency === currency && !foundByVendorBuckets(d, other))
          consider(d, n, o);
      }
    }
  }
  return out;
}
