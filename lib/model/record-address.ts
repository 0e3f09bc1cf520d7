/**
 * Which record of an application an address shows, from the address alone: a single-page ERP
 * names the open record in its path or fragment (`…/model/account.invoice/7`, `#id=7&model=…`),
 * a server-rendered one in its path or query (`/invoices/7`, `?id=7`). Two addresses of one
 * collection with different ids are two records — an invoice read on both was entered twice; an
 * address naming no record (a list, a search) ties a reading to none.
 */
import type { Document, Sighting } from './document';

export interface RecordAddress {
  /** Origin and the path to the record's kind (`http://erp/#db/model/account.invoice`). */
  collection: string;
  id: string;
}

/** A record id: a whole number (the ids ERPs and REST paths use), not a year-like page size. */
const ID = /^\d{1,12}$/;
/** Parameters that name the record, as opposed to the view, menu, page or company shown. */
const ID_PARAMS = new Set(['id', 'record', 'record_id', 'recordid', 'active_id']);
/** Parameters that name the record's kind beside an id parameter. */
const KIND_PARAMS = ['model', 'res_model', 'resource', 'kind', 'type'];

function params(part: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of part.split(/[&;]/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = decodeURIComponentSafe(pair.slice(0, eq)).toLowerCase();
    if (!out.has(key)) out.set(key, decodeURIComponentSafe(pair.slice(eq + 1)));
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `id=7` beside the record's kind (`model=account.move`): the kind stands for the collection. */
function fromParams(base: string, query: string): RecordAddress | undefined {
  const p = params(query);
  for (const name of ID_PARAMS) {
    const id = p.get(name);
    if (!id || !ID.test(id)) continue;
    const kinds = KIND_PARAMS.filter((k) => p.has(k)).map((k) => `${k}=${p.get(k)}`);
    return { collection: `${base}?${kinds.join('&')}`, id };
  }
  return undefined;
}

/** `…/invoices/7` (or `…/7/edit`): the last whole-number segment, after the collection it is in. */
function fromPath(base: string, path: string): RecordAddress | undefined {
  const segments = path
    .split('/')
    .map((s) => decodeURIComponentSafe(s.split(/[;?]/)[0] ?? ''))
    .filter(Boolean);
  for (let i = segments.length - 1; i > 0; i--) {
    if (!ID.test(segments[i]!)) continue;
    return { collection: `${base}${base.endsWith('#') ? '' : '/'}${segments.slice(0, i).join('/')}`, id: segments[i]! };
  }
  return undefined;
}

export function recordAddress(url: string): RecordAddress | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const hash = u.hash.replace(/^#!?\/?/, '');
  const [hashPath = '', hashQuery = ''] = hash.includes('=') && !hash.includes('?') ? ['', hash] : hash.split('?');
  // The fragment is where a single-page client keeps its record; the path and query otherwise.
  return (
    fromParams(`${u.origin}${u.pathname}#${hashPath}`, hashQuery) ??
    fromPath(`${u.origin}${u.pathname}#`, hashPath) ??
    fromParams(`${u.origin}${u.pathname}`, u.search.slice(1)) ??
    fromPath(u.origin, u.pathname)
  );
}

/** Two addresses that show different records of the same collection. */
export function otherRecord(a: RecordAddress | undefined, b: RecordAddress | undefined): boolean {
  return !!a && !!b && a.collection === b.collection && a.id !== b.id;
}

/** The record a sighting was read from: only a form's fields are a record's own values. */
export function recordOf(sighting: Pick<Sighting, 'url' | 'via'>): RecordAddress | undefined {
  return sighting.via === 'form' ? recordAddress(sighting.url) : undefined;
}

/** The records of one collection two documents were read from, when they are different records. */
export function recordsApart(
  a: Pick<Document, 'sightings'>,
  b: Pick<Document, 'sightings'>,
): [string, string] | undefined {
  const ra = a.sightings.map(recordOf);
  for (const y of b.sightings.map(recordOf)) {
    const x = ra.find((r) => otherRecord(r, y));
    if (x && y && !ra.some((r) => r?.collection === y.collection && r.id === y.id)) return [x.id, y.id];
  }
  return undefined;
}
