import { distance } from 'fastest-levenshtein';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { looseKey as toLooseKey } from '@/lib/model/keys';
import type { MatchSettings } from '@/lib/model/settings';
import { isImportedPo, type PoFile, poFileQuestions, vendorFileFlipped, vendorsOfChangedPos } from './po-file';
import { affectedPoKeys, creditNotePoKeys, groupQuery } from './query';
import { isEstablishedPo } from './references';
import { rematch } from './rematch';
import type { MatchOutput } from './types';

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function remove<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export interface MatchIndex {
  /** Every document and exception held, for a full re-match or export. */
  docs(): Document[];
  exceptions(): MatchException[];
  /** Re-match everything; stores and returns the exceptions (all the ledger asks for). */
  rematchAll(now: string): MatchOutput;
  /**
   * Add or replace one document and re-match only what it touches — the PO groups of its old and
   * new version, its namesakes, near-key invoices and POs of its vendor, and same-total invoices —
   * as the ledger does through its indexes. Stores the upserts.
   */
  rematchFor(doc: Document, now: string): MatchOutput;
}

/**
 * An in-memory ledger with the indexes the Dexie ledger has (kind+key, vendorKey, *poKeys, and
 * total for the same-total query), for Node tools and benchmarks: the incremental path without IndexedDB.
 */
export function createMatchIndex(initial: Document[], settings: MatchSettings): MatchIndex {
  const byId = new Map<string, Document>();
  const byKindKey = new Map<string, Set<Document>>();
  const byPoKey = new Map<string, Set<Document>>();
  const posByKey = new Map<string, Set<Document>>();
  const byVendor = new Map<string, Set<Document>>();
  const byTotal = new Map<string, Set<Document>>();
  const byCorrects = new Map<string, Set<Document>>();
  /** Per vendor, invoices and POs by loose key and by its length: near-key candidates without loading the vendor. */
  const invByVendorLoose = new Map<string, Set<Document>>();
  const invByVendorLength = new Map<string, Set<Document>>();
  const poByVendorLoose = new Map<string, Set<Document>>();
  const poByVendorLength = new Map<string, Set<Document>>();
  const exceptions = new Map<string, MatchException>();
  const exByPoKey = new Map<string, Set<string>>();
  const exByDoc = new Map<string, Set<string>>();
  /** Imported POs (po-file.ts: once there is one, every PO reference is expected on file). */
  const importedPos = new Set<string>();

  const totalKey = (d: Document) => (d.total ? `${d.total.currency}${d.total.minor}` : undefined);
  const index = (d: Document, on: boolean) => {
    const f = on ? add : remove;
    f(byKindKey, `${d.kind}\u0000${d.key}`, d);
    if (d.kind === 'po') f(posByKey, d.key, d);
    if (isImportedPo(d)) {
      if (on) importedPos.add(d.id);
      else importedPos.delete(d.id);
    }
    for (const k of d.poKeys) f(byPoKey, k, d);
    if (d.vendorKey !== undefined) f(byVendor, d.vendorKey, d);
    const t = totalKey(d);
    if (t && d.kind === 'invoice') f(byTotal, t, d);
    if (d.kind === 'credit_note' && d.correctsKey !== undefined) f(byCorrects, d.correctsKey, d);
    if (d.vendorKey !== undefined && (d.kind === 'invoice' || d.kind === 'po')) {
      const v = d.vendorKey;
      f(d.kind === 'po' ? poByVendorLoose : invByVendorLoose, `${v}\u0000${d.looseKey}`, d);
      f(d.kind === 'po' ? poByVendorLength : invByVendorLength, `${v}\u0000${d.looseKey.length}`, d);
    }
  };
  /** Same-vendor invoices whose loose key equals d's or is one character longer or shorter. */
  const nearInvoices = (d: Document, load: (set: Iterable<Document> | undefined) => void) => {
    if (d.vendorKey === undefined) return;
    const v = d.vendorKey;
    const key = d.looseKey;
    load(invByVendorLoose.get(`${v}\u0000${key}`));
    for (let i = 0; i < key.length; i++) load(invByVendorLoose.get(`${v}\u0000${key.slice(0, i)}${key.slice(i + 1)}`));
    const longer = invByVendorLength.get(`${v}\u0000${key.length + 1}`);
    if (longer) load([...longer].filter((o) => distance(o.looseKey, key) === 1));
  };
  /** Same-vendor POs one edit from, or OCR-equal to, a key no PO has: the candidates for suggestions. */
  const nearPos = (vendor: string, key: string, load: (set: Iterable<Document> | undefined) => void) => {
    load(poByVendorLoose.get(`${vendor}\u0000${toLooseKey(key)}`));
    for (const len of [key.length - 1, key.length, key.length + 1]) {
      const set = poByVendorLength.get(`${vendor}\u0000${len}`);
      if (set) load([...set].filter((po) => distance(po.key, key) <= 1));
    }
  };
  /** What the ledger does on recording: a credit note naming only an invoice carries that invoice's PO keys. */
  const inherit = (d: Document): Document => {
    if (d.kind !== 'credit_note' || d.poKeys.length > 0 || d.correctsKey === undefined) return d;
    const keys = creditNotePoKeys(d, [...(byKindKey.get(`invoice\u0000${d.correctsKey}`) ?? [])]);
    return keys.length > 0 ? { ...d, poKeys: keys } : d;
  };
  const put = (d: Document): Document | undefined => {
    const old = byId.get(d.id);
    if (old) index(old, false);
    byId.set(d.id, d);
    index(d, true);
    return old;
  };
  const store = (e: MatchException) => {
    const prev = exceptions.get(e.id);
    if (prev) {
      if (prev.poKey !== undefined) remove(exByPoKey, prev.poKey, prev.id);
      for (const id of prev.docIds) remove(exByDoc, id, prev.id);
    }
    exceptions.set(e.id, e);
    if (e.poKey !== undefined) add(exByPoKey, e.poKey, e.id);
    for (const id of e.docIds) add(exByDoc, id, e.id);
  };
  for (const d of initial) put(d);
  for (const d of initial) if (d.kind === 'credit_note') put(inherit(d));

  return {
    docs: () => [...byId.values()],
    exceptions: () => [...exceptions.values()],
    rematchAll(now) {
      const out = rematch({
        docs: [...byId.values()],
        existing: [...exceptions.values()],
        settings,
        now,
        returns: 'exceptions',
      });
      for (const e of out.upserts) store(e);
      return out;
    },
    rematchFor(incoming, now) {
      const doc = inherit(incoming);
      const hadImported = importedPos.size > 0;
      const old = put(doc);
      // The first imported PO (or the last one gone) changes what every reference expects: all of it is decided anew.
      if (hadImported !== importedPos.size > 0) return this.rematchAll(now);
      // Credit notes naming this invoice take its PO keys now; they change too, so their groups and
      // their own checks are re-matched with it (the keys may come from another invoice of that number).
      const changed = [doc];
      if (doc.kind === 'invoice') {
        for (const c of [...(byCorrects.get(doc.key) ?? [])]) {
          const adopted = inherit(c);
          if (adopted !== c) {
            put(adopted);
            changed.push(adopted);
          }
        }
      }
      const keys = new Set(changed.flatMap(affectedPoKeys));
      if (old) for (const k of affectedPoKeys(old)) keys.add(k);
      // A vendor's first PO on file (or its last one gone): its references to POs not on file are decided anew.
      const olds = old ? [old] : [];
      const changedIds = new Set(changed.map((d) => d.id));
      for (const v of vendorsOfChangedPos(changed, olds)) {
        const mine = [...(byVendor.get(v) ?? [])];
        const others = mine.some((d) => d.kind === 'po' && !changedIds.has(d.id) && isEstablishedPo(d));
        if (!vendorFileFlipped(v, others, changed, olds)) continue;
        for (const d of mine) if (d.kind !== 'po') for (const k of d.poKeys) keys.add(k);
      }
      const q = groupQuery([...keys], changed);
      // What GroupQuery asks of the ledger, narrowed where these indexes allow: instead of every doc
      // of the vendor, only its near-key invoices (duplicates) and near-key POs (suggestions).
      const loaded = new Map<string, Document>();
      const load = (set: Iterable<Document> | undefined) => {
        if (set) for (const d of set) loaded.set(d.id, d);
      };
      for (const k of q.poKeys) {
        load(posByKey.get(k));
        load(byPoKey.get(k));
      }
      for (const { kind, key } of q.docKeys) load(byKindKey.get(`${kind}\u0000${key}`));
      if (doc.kind === 'invoice') nearInvoices(doc, load);
      if (doc.vendorKey !== undefined && doc.kind !== 'po') {
        for (const k of doc.poKeys) if (!posByKey.has(k)) nearPos(doc.vendorKey, k, load);
      }
      for (const t of q.totals) {
        for (const d of byTotal.get(`${t.currency}${t.minor}`) ?? []) {
          if (d.date !== undefined && d.date >= t.from && d.date <= t.to) loaded.set(d.id, d);
        }
      }
      // The other side of every stored exception about this doc, so one that no longer holds (the
      // doc changed away from its duplicate) can be judged and closed.
      for (const c of changed) {
        for (const exId of exByDoc.get(c.id) ?? []) {
          for (const id of exceptions.get(exId)?.docIds ?? []) {
            const other = byId.get(id);
            if (other) loaded.set(id, other);
          }
        }
      }
      const exIds = new Set<string>();
      for (const k of q.poKeys) for (const id of exByPoKey.get(k) ?? []) exIds.add(id);
      for (const id of loaded.keys()) for (const e of exByDoc.get(id) ?? []) exIds.add(e);
      const existing = [...exIds].map((id) => exceptions.get(id)!);
      const docs = [...loaded.values()];
      const asked = poFileQuestions(docs);
      const poFile: PoFile = {
        imported: importedPos.size > 0,
        vendors: new Set(
          asked.vendorKeys.filter((v) =>
            [...(byVendor.get(v) ?? [])].some((d) => d.kind === 'po' && isEstablishedPo(d)),
          ),
        ),
      };
      const out = rematch({
        docs,
        existing,
        settings,
        now,
        scope: { poKeys: q.poKeys, docIds: q.docIds },
        returns: 'exceptions',
        poFile,
      });
      for (const e of out.upserts) store(e);
      return out;
    },
  };
}
