import type { PageRef } from '../messages';
import type { Detection } from '../model/detection';
import type { Document } from '../model/document';
import { looseKey } from '../model/keys';
import type { TieoutDB } from './db';

export interface NumberStatus {
  key: string;
  kind: Document['kind'];
  docId: string;
  status: 'tied' | 'exception' | 'unknown';
}

/** Adds a sighting per detection inside one read-write transaction; creates documents not yet known. */
export async function recordSightings(
  db: TieoutDB,
  detections: Detection[],
  page: PageRef,
  now: Date,
  newId: () => string = () => crypto.randomUUID(),
): Promise<NumberStatus[]> {
  const seenAt = now.toISOString();
  return db.transaction('rw', db.documents, async () => {
    const statuses: NumberStatus[] = [];
    for (const d of detections) {
      const existing = await db.documents.where('[kind+key]').equals([d.kind, d.key]).first();
      const sighting = {
        url: page.url,
        title: page.title,
        seenAt,
        snippet: d.evidence.slice(0, 512),
        confidence: d.confidence,
        via: 'scan' as const,
      };
      if (existing) {
        existing.sightings.push(sighting);
        existing.updatedAt = seenAt;
        await db.documents.put(existing);
        statuses.push({ key: d.key, kind: d.kind, docId: existing.id, status: 'unknown' });
      } else {
        const doc: Document = {
          id: newId(),
          kind: d.kind,
          number: d.number,
          key: d.key,
          looseKey: looseKey(d.number),
          lines: [],
          poKeys: d.poKeys ?? [],
          sightings: [sighting],
          confirmed: [],
          conflicts: [],
          createdAt: seenAt,
          updatedAt: seenAt,
        };
        await db.documents.add(doc);
        statuses.push({ key: d.key, kind: d.kind, docId: doc.id, status: 'unknown' });
      }
    }
    return statuses;
  });
}
