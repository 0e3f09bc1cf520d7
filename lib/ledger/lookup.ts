/**
 * The popup's reads that must paint at once, with no matching code loaded: the quick lookup and the
 * numbers seen on a page. The service (service.ts) answers the same calls through these.
 */
import type { Document, Sighting } from '@/lib/model/document';
import { looseKey, numberKey, vendorKey as toVendorKey } from '@/lib/model/keys';
import { parseAmount } from '@/lib/model/parse-amount';
import type { TieoutDB } from './db';

export type LookupMatch = 'key' | 'prefix' | 'loose' | 'vendor' | 'amount';
export interface LookupHit {
  doc: Document;
  matchedBy: LookupMatch;
}

/**
 * Quick lookup by number (exact key, key prefix, loose OCR key), vendor (vendor-key prefix) and
 * amount, at most `limit` hits in that order of preference.
 */
export async function lookupDocuments(db: TieoutDB, query: string, limit = 20): Promise<LookupHit[]> {
  const q = query.slice(0, 200).trim();
  if (!q) return [];
  const key = numberKey(q);
  const loose = looseKey(q);
  const vKey = toVendorKey(q);
  return db.transaction('r', db.documents, async () => {
    const hits = new Map<string, LookupHit>();
    const add = (docs: Document[], matchedBy: LookupMatch) => {
      for (const doc of docs) if (!hits.has(doc.id) && hits.size < limit) hits.set(doc.id, { doc, matchedBy });
    };
    const amount = /\d/.test(q) && /^[^A-Za-z]*(?:[A-Z]{3})?[^A-Za-z]*$/.test(q) ? parseAmount(q) : undefined;
    // All index reads are queued at once, so IndexedDB answers them in one round.
    const [byKey, byLoose, byVendor, byAmount] = await Promise.all([
      key ? db.documents.where('key').startsWith(key).limit(limit).toArray() : [],
      loose ? db.documents.where('looseKey').startsWith(loose).limit(limit).toArray() : [],
      vKey.length >= 2 ? db.documents.where('vendorKey').startsWith(vKey).limit(limit).toArray() : [],
      amount
        ? db.documents
            .where('total.minor')
            .equals(amount.minor)
            .limit(limit * 2)
            .toArray()
        : [],
    ]);
    add(
      byKey.filter((d) => d.key === key),
      'key',
    );
    add(byKey, 'prefix');
    add(byLoose, 'loose');
    add(byVendor, 'vendor');
    add(
      byAmount.filter((d) => !amount?.currency || d.total?.currency === amount.currency),
      'amount',
    );
    return [...hits.values()];
  });
}

/** The documents seen on `url`, each with its latest sighting there, most recently seen first. */
export async function sightingsForUrl(
  db: TieoutDB,
  url: string,
  limit = 200,
): Promise<{ doc: Document; sighting: Sighting }[]> {
  const docs = await db.documents.where('urls').equals(url).toArray();
  return docs
    .map((doc) => {
      const here = doc.sightings.filter((s) => s.url === url);
      return { doc, sighting: here[here.length - 1] as Sighting };
    })
    .filter((x) => x.sighting)
    .sort((a, b) => (a.sighting.seenAt < b.sighting.seenAt ? 1 : a.sighting.seenAt > b.sighting.seenAt ? -1 : 0))
    .slice(0, limit);
}
