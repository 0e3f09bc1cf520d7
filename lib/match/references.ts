/**
 * What a document's PO references lead to: whether a PO is established (`isEstablishedPo`), which PO
 * a reference means when two share a key, `unknown_po` and `no_po_reference`, and the near POs
 * suggested for an unknown key.
 */
import { distance } from 'fastest-levenshtein';
import type { Document } from '@/lib/model/document';
import { looseKey } from '@/lib/model/keys';
import { docCurrency, poCurrency } from './balance';
import { docLabel, money, vendorName } from './describe';
import type { Finding } from './finding';
import { compareIds } from './ids';
import { ChainHeads, forEachOneEdit, HashFilter, keyHash } from './keyhash';
import { creditNotePoKeys } from './query';
import type { Suggestion } from './types';

/**
 * Whether a PO document shows that the PO exists: an import or a person vouched for it, or it was
 * seen as a document of its own, with its total or lines. A PO number only quoted on invoices and
 * e-mails proves nothing — treating it as known would hide every `unknown_po`, because the page
 * that quotes the number is also where the overlay first sees it.
 */
export function isEstablishedPo(po: Document): boolean {
  if (po.total !== undefined || po.lines.length > 0) return true;
  if (po.sources && Object.keys(po.sources).length > 0) return true;
  return po.confirmed.length > 0;
}

/** The PO keys a non-PO doc is attributed to; credit notes fall back on the invoice they correct. */
export function effectiveKeys(doc: Document, invoicesByKey: Map<string, Document[]>): string[] {
  if (doc.poKeys.length > 0 || doc.kind !== 'credit_note' || !doc.correctsKey) return doc.poKeys;
  return creditNotePoKeys(doc, invoicesByKey.get(doc.correctsKey) ?? []);
}

/**
 * Among POs sharing a key (two vendors using the same number), the one a document is for: the same
 * vendor first, then the same currency, then the lowest id so that the choice never depends on order.
 */
export function choosePo(pos: Document[], doc: Document): Document {
  if (pos.length === 1) return pos[0]!;
  const cur = docCurrency(doc);
  let best = pos[0]!;
  let bestScore = -1;
  for (const po of pos) {
    const score =
      (doc.vendorKey !== undefined && po.vendorKey === doc.vendorKey ? 2 : 0) +
      (cur !== undefined && poCurrency(po) === cur ? 1 : 0);
    if (score > bestScore || (score === bestScore && po.id < best.id)) {
      best = po;
      bestScore = score;
    }
  }
  return best;
}

export function unknownPo(d: Document, key: string): Finding {
  const amount = d.total ? ` (${money(d.total.minor, d.total.currency)})` : '';
  return {
    type: 'unknown_po',
    severity: d.kind === 'invoice' ? 'high' : 'medium',
    poKey: key,
    docIds: [d.id],
    message: `${docLabel(d)}${amount} references PO ${key}, which is not in the ledger`,
  };
}

export function noPoReference(d: Document): Finding {
  const amount = d.total ? ` (${money(Math.abs(d.total.minor), d.total.currency)})` : '';
  const from = vendorName(d) ? ` from ${vendorName(d)}` : '';
  let message: string;
  if (d.kind === 'credit_note') {
    // Worded from the credit note alone: whether its invoice is loaded must not change the message.
    message = d.correctsKey
      ? `${docLabel(d)}${from}${amount} corrects invoice ${d.correctsKey}, but no PO of that invoice is known; it credits no PO balance`
      : `${docLabel(d)}${from}${amount} names no PO and no invoice; it credits no PO balance`;
  } else {
    message = `${docLabel(d)}${from}${amount} quotes no PO number`;
  }
  return {
    type: 'no_po_reference',
    severity: d.kind === 'invoice' ? 'medium' : 'low',
    docIds: [d.id],
    message,
  };
}

/**
 * POs of the same vendor whose key is one edit from, or OCR-equal to, an unknown key. On first use
 * every PO is indexed once by key hash and loose-key hash (chains through arrays, not an array per
 * key), with the characters each vendor's PO numbers use; then the one-edit neighbours of an unknown
 * key are probed over that vendor's characters (digits, mostly): a couple of hundred integer lookups
 * (keyhash.ts) instead of a comparison with every PO of a large vendor. Hits are verified.
 */
export class NearPoFinder {
  private index?: {
    pos: Document[];
    byKey: ChainHeads;
    keyFilter: HashFilter;
    nextKey: Int32Array;
    byLoose: ChainHeads;
    nextLoose: Int32Array;
    /** Per vendor, the characters its PO numbers use, as sorted char codes. */
    alphabets: Map<string, number[]>;
  };
  constructor(private readonly docs: Document[]) {}

  private build() {
    const pos: Document[] = [];
    for (const d of this.docs) if (d.kind === 'po' && d.vendorKey !== undefined) pos.push(d);
    const byKey = new ChainHeads(pos.length);
    const keyFilter = new HashFilter(pos.length);
    const byLoose = new ChainHeads(pos.length);
    const nextKey = new Int32Array(pos.length).fill(-1);
    const nextLoose = new Int32Array(pos.length).fill(-1);
    const chars = new Map<string, Set<number>>();
    for (let i = 0; i < pos.length; i++) {
      const po = pos[i]!;
      const k = keyHash(po.key);
      keyFilter.add(k);
      byKey.link(nextKey, k, i);
      byLoose.link(nextLoose, keyHash(po.looseKey), i);
      let used = chars.get(po.vendorKey!);
      if (!used) {
        used = new Set();
        chars.set(po.vendorKey!, used);
      }
      for (let c = 0; c < po.key.length; c++) used.add(po.key.charCodeAt(c));
    }
    const alphabets = new Map<string, number[]>();
    for (const [vendor, used] of chars)
      alphabets.set(
        vendor,
        [...used].sort((x, y) => x - y),
      );
    return { pos, byKey, keyFilter, nextKey, byLoose, nextLoose, alphabets };
  }

  suggest(d: Document, key: string): Suggestion[] {
    if (d.vendorKey === undefined) return [];
    this.index ??= this.build();
    const { pos, byKey, keyFilter, nextKey, byLoose, nextLoose, alphabets } = this.index;
    const alphabet = alphabets.get(d.vendorKey);
    if (!alphabet) return [];
    const vendor = d.vendorKey;
    const found = new Map<string, { po: Document; reason: string }>();
    const loose = looseKey(key);
    for (let i = byLoose.first(keyHash(loose)); i !== -1; i = nextLoose[i]!) {
      const po = pos[i]!;
      if (po.vendorKey === vendor && po.looseKey === loose && po.key !== key && !found.has(po.id))
        found.set(po.id, { po, reason: 'same vendor, characters that scan alike (O/0, I/1, S/5, B/8)' });
    }
    forEachOneEdit(key, alphabet, (h) => {
      if (!keyFilter.mayHave(h)) return;
      for (let i = byKey.first(h); i !== -1; i = nextKey[i]!) {
        const po = pos[i]!;
        if (po.vendorKey !== vendor || po.key === key || found.has(po.id) || distance(po.key, key) !== 1) continue;
        found.set(po.id, { po, reason: 'same vendor, one character apart' });
      }
    });
    return [...found.values()]
      .sort((a, b) => compareIds(a.po, b.po))
      .map(({ po, reason }) => ({
        docId: d.id,
        referencedKey: key,
        candidatePoId: po.id,
        candidateKey: po.key,
        reason,
      }));
  }
}
