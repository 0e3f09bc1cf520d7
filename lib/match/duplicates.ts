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

function push(map: Map<string, Document[]>, key: string, doc: Document): void {
  const list = map.get(key);
  if (list) list.push(doc);
  else map.set(key, [doc]);
}

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

interface Dated {
  day: number;
  doc: Document;
}

function pushDated(map: Map<string, Dated[]>, key: string, item: Dated): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Entries of a day-sorted bucket within 7 days of `day`. */
function* window(list: Dated[] | undefined, day: number): Generator<Document> {
  if (!list) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.day ?? 0) < day - 7) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length; i++) {
    const e = list[i]!;
    if (e.day > day + 7) return;
    yield e.doc;
  }
}

const byDay = (a: Dated, b: Dated) => a.day - b.day;

/**
 * Every duplicate or possible-duplicate pair among `invoices` that involves at least one doc for
 * which `inScope` holds. Any three of the four signs include either a near key with the same vendor,
 * or issue dates within 7 days with the same total; so candidates come from three buckets — vendor +
 * key (exact duplicates), vendor + loose key and its one-character deletions, and total within a
 * 7-day window — instead of comparing every pair. `all`: every doc is in scope (a full run), so
 * looking up the deletions of the longer key alone finds every near pair.
 */
export function findDuplicatePairs(
  invoices: Document[],
  inScope: (d: Document) => boolean,
  all: boolean,
): DuplicatePair[] {
  const byVendorKey = new Map<string, Document[]>();
  const byVendorLoose = new Map<string, Document[]>();
  const byTotal = new Map<string, Dated[]>();
  const dayOf = new Map<Document, number>();
  for (const d of invoices) {
    if (d.vendorKey !== undefined) {
      push(byVendorKey, `${d.vendorKey}\u0000${d.key}`, d);
      push(byVendorLoose, `${d.vendorKey}\u0000${d.looseKey}`, d);
    }
    if (d.date && d.total) {
      const day = dayNumber(d.date);
      dayOf.set(d, day);
      pushDated(byTotal, `${d.total.currency}${d.total.minor}`, { day, doc: d });
    }
  }
  for (const list of byTotal.values()) if (list.length > 1) list.sort(byDay);
  // Outside a full run the docs loaded are few: index deletions too, so a changed short key finds longer ones.
  const delVendor = new Map<string, Document[]>();
  if (!all) {
    for (const d of invoices) {
      if (d.vendorKey === undefined || d.looseKey.length < 4) continue;
      for (const v of deletions(d.looseKey)) push(delVendor, `${d.vendorKey}\u0000${v}`, d);
    }
  }
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
  const scan = (d: Document, list: Iterable<Document> | undefined) => {
    if (!list) return;
    for (const o of list) consider(d, o);
  };
  for (const d of invoices) {
    if (!inScope(d)) continue;
    if (d.vendorKey !== undefined) {
      scan(d, byVendorKey.get(`${d.vendorKey}\u0000${d.key}`));
      scan(d, byVendorLoose.get(`${d.vendorKey}\u0000${d.looseKey}`));
      if (d.looseKey.length >= 4) {
        for (const v of deletions(d.looseKey)) scan(d, byVendorLoose.get(`${d.vendorKey}\u0000${v}`));
      }
      if (!all) scan(d, delVendor.get(`${d.vendorKey}\u0000${d.looseKey}`));
    }
    const day = dayOf.get(d);
    if (day !== undefined && d.total) scan(d, window(byTotal.get(`${d.total.currency}${d.total.minor}`), day));
  }
  return out;
}
