import { afterEach, describe, expect, it } from 'vitest';
import {
  matchingCount,
  openExceptionCounts,
  openExceptionPage,
  openExceptions,
  openExceptionsByDoc,
  pageDocuments,
  recentDocuments,
  typeFromId,
} from '@/components/popup/queries';
import { openLedgerDb, type TieoutDB } from '@/lib/ledger';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { looseKey, numberKey, vendorKey } from '@/lib/model/keys';

let db: TieoutDB;
let n = 0;
afterEach(async () => {
  db?.close();
});

function doc(
  id: string,
  kind: Document['kind'],
  number: string,
  vendor: string | undefined,
  updatedAt: string,
): Document {
  return {
    id,
    kind,
    number,
    key: numberKey(number),
    looseKey: looseKey(number),
    vendor,
    vendorKey: vendor ? vendorKey(vendor) : undefined,
    lines: [],
    poKeys: [],
    sightings: [],
    confirmed: [],
    conflicts: [],
    urls: [],
    createdAt: updatedAt,
    updatedAt,
  };
}

function ex(
  id: string,
  type: MatchException['type'],
  docIds: string[],
  openedAt: string,
  state: 'open' | 'resolved' = 'open',
): MatchException {
  return {
    id,
    type,
    severity: 'medium',
    docIds,
    message: id,
    openedAt,
    resolvedAt: state === 'open' ? null : openedAt,
    resolution: state === 'open' ? null : { kind: 'accepted' },
    state,
  };
}

async function seed(): Promise<void> {
  db = openLedgerDb({ name: `queries-${++n}` });
  await db.documents.bulkPut([
    doc('i1', 'invoice', 'INV-1', 'Acme GmbH', '2026-11-01T00:00:00Z'),
    doc('i2', 'invoice', 'INV-2', 'Globex Ltd', '2026-11-03T00:00:00Z'),
    doc('i3', 'invoice', 'INV-3', 'ACME', '2026-11-02T00:00:00Z'),
    doc('p1', 'po', 'PO-100', 'Acme GmbH', '2026-10-01T00:00:00Z'),
  ]);
  await db.exceptions.bulkPut([
    ex('unknown_po::i1', 'unknown_po', ['i1'], '2026-11-01T00:00:00Z'),
    ex('over_billed::i2', 'over_billed', ['i2'], '2026-11-04T00:00:00Z'),
    ex('unknown_po::i3', 'unknown_po', ['i3'], '2026-11-02T00:00:00Z'),
    ex('over_billed::i1', 'over_billed', ['i1'], '2026-11-05T00:00:00Z', 'resolved'),
  ]);
}

describe('popup queries', () => {
  it('lists open exceptions newest first, filtered by type and by vendor through the vendor index', async () => {
    await seed();
    const all = await openExceptions(db, { type: '', vendor: '' }, 50);
    expect(all.page.map((e) => e.id)).toEqual(['over_billed::i2', 'unknown_po::i3', 'unknown_po::i1']);
    expect(all.total).toBe(3);
    expect(Object.fromEntries(all.counts)).toEqual({ unknown_po: 2, over_billed: 1 });
    const acme = await openExceptions(db, { type: '', vendor: 'acme' }, 50);
    expect(acme.page.map((e) => e.id)).toEqual(['unknown_po::i3', 'unknown_po::i1']);
    expect(acme.docs.get('i1')?.vendor).toBe('Acme GmbH');
    expect(Object.fromEntries(acme.counts)).toEqual({ unknown_po: 2 });
    const typed = await openExceptions(db, { type: 'over_billed', vendor: '' }, 50);
    expect(typed.page.map((e) => e.id)).toEqual(['over_billed::i2']);
    expect(typed.total).toBe(1);
    expect(Object.fromEntries(typed.counts)).toEqual({ unknown_po: 2, over_billed: 1 });
  });

  it('reads only the page shown and its documents, and counts the rest from index keys', async () => {
    await seed();
    const page = await openExceptions(db, { type: '', vendor: '' }, 1);
    expect(page.page.map((e) => e.id)).toEqual(['over_billed::i2']);
    expect(page.total).toBe(3);
    expect([...page.docs.keys()]).toEqual(['i2']);
  });

  it('still lists exceptions whose ids do not name their type', async () => {
    await seed();
    await db.exceptions.put(ex('legacy-1', 'closed_po', ['i2'], '2026-11-06T00:00:00Z'));
    const all = await openExceptions(db, { type: '', vendor: '' }, 50);
    expect(all.page[0]?.id).toBe('legacy-1');
    expect(all.counts.get('closed_po')).toBe(1);
    expect(all.total).toBe(4);
  });

  it('knows an exception’s type from its id', () => {
    expect(typeFromId('over_billed:4500012345:a,b')).toBe('over_billed');
    expect(typeFromId('nonsense:1:2')).toBeUndefined();
    expect(typeFromId('noColon')).toBeUndefined();
  });

  it('pages recent documents newest first and says when there are more', async () => {
    await seed();
    const first = await recentDocuments(db, 2);
    expect(first.rows.map((r) => r.doc.id)).toEqual(['i2', 'i3']);
    expect(first.more).toBe(true);
    expect(first.rows[0]?.open.map((e) => e.id)).toEqual(['over_billed::i2']);
    const rest = await recentDocuments(db, 10);
    expect(rest.more).toBe(false);
    expect(rest.rows).toHaveLength(4);
  });

  it('counts only open exceptions against a document', async () => {
    await seed();
    const byDoc = await openExceptionsByDoc(db, ['i1', 'p1']);
    expect(byDoc.get('i1')?.map((e) => e.id)).toEqual(['unknown_po::i1']);
    expect(byDoc.has('p1')).toBe(false);
  });

  it('reads the first page from the open-exception index alone, with counts left to a later read', async () => {
    await seed();
    const first = await openExceptionPage(db, { type: '', vendor: '' }, 2);
    expect(first.page.map((e) => e.id)).toEqual(['over_billed::i2', 'unknown_po::i3']);
    expect(first.more).toBe(true);
    expect(first.counts).toBeUndefined();
    expect([...first.docs.keys()].sort()).toEqual(['i2', 'i3']);
    const all = await openExceptionPage(db, { type: '', vendor: '' }, 3);
    expect(all.more).toBe(false);
    // One type: its own index range, newest first; the resolved over-billing stays out.
    const typed = await openExceptionPage(db, { type: 'over_billed', vendor: '' }, 50);
    expect(typed.page.map((e) => e.id)).toEqual(['over_billed::i2']);
    expect(typed.more).toBe(false);
    // Under a vendor filter the counts come with the page.
    const acme = await openExceptionPage(db, { type: 'over_billed', vendor: 'acme' }, 50);
    expect(acme.page).toEqual([]);
    expect(Object.fromEntries(acme.counts ?? [])).toEqual({ unknown_po: 2 });
  });

  it('counts open exceptions per type, and adds them up for a filter', async () => {
    await seed();
    const counts = await openExceptionCounts(db);
    expect(Object.fromEntries(counts)).toEqual({ unknown_po: 2, over_billed: 1 });
    expect(matchingCount(counts, '')).toBe(3);
    expect(matchingCount(counts, 'unknown_po')).toBe(2);
    expect(matchingCount(counts, 'closed_po')).toBe(0);
    await db.exceptions.put(ex('legacy-2', 'closed_po', ['i2'], '2026-11-06T00:00:00Z'));
    expect(Object.fromEntries(await openExceptionCounts(db))).toEqual({ unknown_po: 2, over_billed: 1, closed_po: 1 });
  });

  it('lists the documents seen on a page, newest sighting first, with open exceptions for the rows asked for', async () => {
    await seed();
    const url = 'https://portal.example/list';
    const seenAt = (day: string) => ({
      url,
      title: 'List',
      seenAt: day,
      snippet: '',
      confidence: 0.9,
      via: 'scan' as const,
    });
    for (const [id, day] of [
      ['i1', '2026-11-05T00:00:00Z'],
      ['i2', '2026-11-07T00:00:00Z'],
      ['p1', '2026-11-06T00:00:00Z'],
    ] as const) {
      await db.documents.update(id, { sightings: [seenAt(day)], urls: [url] });
    }
    const first = await pageDocuments(db, url, 2);
    expect(first.rows.map((r) => r.doc.id)).toEqual(['i2', 'p1']);
    expect(first.total).toBe(3);
    expect(first.rows[0]?.open.map((e) => e.id)).toEqual(['over_billed::i2']);
    const all = await pageDocuments(db, url, 50);
    expect(all.rows.map((r) => r.doc.id)).toEqual(['i2', 'p1', 'i1']);
    expect(all.rows[2]?.open.map((e) => e.id)).toEqual(['unknown_po::i1']);
    expect(await pageDocuments(db, '', 50)).toEqual({ rows: [], total: 0 });
  });
});
