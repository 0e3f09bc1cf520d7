import { distance } from 'fastest-levenshtein';
import type { Document } from '../model/document';
import { dayNumber, sameNumberingPeriod } from './dates';

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
  const la = a.looseKey.length;
  const lb = b.looseKey.length;
  return Math.abs(la - lb) === 1 && Math.min(la, lb) >= 3 && distance(a.looseKey, b.looseKey) === 1;
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
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

interface VendorBuckets {
  /** By loose key; the same key is the same loose key, so exact duplicates are found here too. */
  byLoose: Map<string, Document[]>;
  /** Loose-key lengths present: a key one character shorter is looked for only where one exists. */
  lengths: Set<number>;
}

interface Dated {
  day: number;
  doc: Document;
}

const byDay = (a: Dated, b: Dated) => a.day - b.day;

/** Index of the first entry of a day-sorted list not before `day`. */
function lowerBound(list: Dated[], day: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every duplicate or possible-duplicate pair among `invoices` that involves at least one doc for
 * which `inScope` holds. Any three of the four signs include either a near key with the same vendor,
 * or issue dates within 7 days with the same total; so candidates come from per-vendor buckets (same
 * key, same loose key, loose keys one character longer) and from same-total buckets within a 7-day
 * window, instead of comparing every pair. `all`: every doc is in scope (a full run), so each near
 * pair is found from its longer key alone.
 */
export function findDuplicatePairs(
  invoices: Document[],
  inScope: (d: Document) => boolean,
  all: boolean,
): DuplicatePair[] {
  const vendors = new Map<string, VendorBuckets>();
  /** By total in minor units; the currency is checked in the window (rarely two share a minor amount). */
  const byTotal = new Map<number, Dated[]>();
  for (const d of invoices) {
    if (d.vendorKey !== undefined) {
      let v = vendors.get(d.vendorKey);
      if (!v) {
        v = { byLoose: new Map(), lengths: new Set() };
        vendors.set(d.vendorKey, v);
      }
      const list = v.byLoose.get(d.looseKey);
      if (list) list.push(d);
      else v.byLoose.set(d.looseKey, [d]);
      v.lengths.add(d.looseKey.length);
    }
    if (d.date && d.total) {
      const item = { day: dayNumber(d.date), doc: d };
      const list = byTotal.get(d.total.minor);
      if (list) list.push(item);
      else byTotal.set(d.total.minor, [item]);
    }
  }
  for (const list of byTotal.values()) if (list.length > 1) list.sort(byDay);

  const seen = new Set<string>();
  const out: DuplicatePair[] = [];
  const consider = (a: Document, b: Document) => {
    if (a.id === b.id) return;
    const pk = a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;
    if (seen.has(pk)) return;
    seen.add(pk);
    const p = judgePair(a, b);
    if (p) out.push(p);
  };
  for (const d of invoices) {
    if (!inScope(d)) continue;
    const v = d.vendorKey === undefined ? undefined : vendors.get(d.vendorKey);
    if (v) {
      const key = d.looseKey;
      const len = key.length;
      const same = v.byLoose.get(key);
      if (same && same.length > 1) for (const o of same) consider(d, o);
      // Near keys are at least 3 long (nearKeys). A full run finds each near pair from its longer
      // side, through the one-character deletions of the longer key.
      if (len >= 4 && v.lengths.has(len - 1)) {
        for (let i = 0; i < len; i++) {
          if (i > 0 && key[i] === key[i - 1]) continue;
          const shorter = v.byLoose.get(key.slice(0, i) + key.slice(i + 1));
          if (shorter) for (const o of shorter) consider(d, o);
        }
      }
      if (!all && len >= 3 && v.lengths.has(len + 1)) {
        for (const [k, list] of v.byLoose)
          if (k.length === len + 1 && isOneDeletion(k, key)) for (const o of list) consider(d, o);
      }
    }
    if (d.date && d.total) {
      const list = byTotal.get(d.total.minor);
      if (list && list.length > 1) {
        const day = dayNumber(d.date);
        const currency = d.total.currency;
        for (let i = lowerBound(list, day - 7); i < list.length && list[i]!.day <= day + 7; i++) {
          const o = list[i]!.doc;
          if (o.total?.currency === currency) consider(d, o);
        }
      }
    }
  }
  return out;
}
