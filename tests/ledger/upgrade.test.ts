import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createLedger, openLedgerDb } from '@/lib/ledger';
import { SCHEMA_VERSION } from '@/lib/ledger/db';

/** Version 1 exactly as shipped, declared here so the test keeps writing v1 databases after db.ts moves on. */
function openV1(name: string) {
  const db = new Dexie(name);
  db.version(1).stores({
    documents: 'id, [kind+key], key, vendorKey, *poKeys, updatedAt',
    exceptions: 'id, type, poKey, *docIds, state',
  });
  return db;
}

const v1Docs = Array.from({ length: 50 }, (_, i) => ({
  id: `doc-${i}`,
  kind: i % 5 === 0 ? 'po' : 'invoice',
  number: i % 5 === 0 ? `PO-${4500000000 + i}` : `INV-${i}`,
  key: i % 5 === 0 ? String(4500000000 + i) : String(i),
  looseKey: i % 5 === 0 ? String(4500000000 + i) : String(i),
  vendor: `Vendor ${i % 3}`,
  vendorKey: `VENDOR ${i % 3}`,
  total: { minor: 1000 * i, currency: 'EUR' },
  lines: [],
  poKeys: i % 5 === 0 ? [] : [String(4500000000 + i - (i % 5))],
  sightings: [
    {
      url: `https://portal.example/${i}`,
      title: 'Portal',
      seenAt: '2025-01-01T00:00:00.000Z',
      snippet: 's',
      confidence: 0.9,
      via: 'scan',
    },
    {
      url: `https://portal.example/${i}`,
      title: 'Portal',
      seenAt: '2025-01-02T00:00:00.000Z',
      snippet: 's',
      confidence: 0.9,
      via: 'scan',
    },
    {
      url: 'https://mail.example/',
      title: 'Mail',
      seenAt: '2025-01-03T00:00:00.000Z',
      snippet: 's',
      confidence: 0.8,
      via: 'scan',
    },
  ],
  confirmed: [],
  conflicts: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: `2025-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
}));
const v1Exceptions = [
  {
    id: 'unknown_po:x:doc-1',
    type: 'unknown_po',
    severity: 'high',
    docIds: ['doc-1'],
    poKey: '999',
    message: 'Invoice INV-1 references PO 999, which is not in the ledger',
    openedAt: '2025-01-01T00:00:00.000Z',
    resolvedAt: '2025-01-02T00:00:00.000Z',
    resolution: { kind: 'accepted', note: 'known', by: 'clerk' },
    state: 'resolved',
  },
];

describe('schema upgrade v1 → v2', () => {
  it('keeps every record of a version 1 database and adds the new indexes', async () => {
    const name = `tieout-upgrade-${Math.random()}`;
    const v1 = openV1(name);
    await v1.table('documents').bulkAdd(v1Docs);
    await v1.table('exceptions').bulkAdd(v1Exceptions);
    // A v1 row written before every row had a loose key.
    await v1.table('documents').put({ ...v1Docs[1], id: 'no-loose', key: '45O', looseKey: '' });
    v1.close();

    const db = openLedgerDb({ name });
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const docs = await db.documents.toArray();
    expect(docs).toHaveLength(51);
    for (const original of v1Docs) {
      const upgraded = docs.find((d) => d.id === original.id);
      expect(upgraded).toEqual({
        ...original,
        urls: [`https://portal.example/${original.id.slice(4)}`, 'https://mail.example/'],
      });
    }
    expect(docs.find((d) => d.id === 'no-loose')?.looseKey).toBe('1');
    expect(await db.exceptions.toArray()).toEqual(v1Exceptions);

    // The v2 indexes answer queries over the old rows.
    expect(await db.documents.where('urls').equals('https://mail.example/').count()).toBe(51);
    expect(await db.documents.where('total.minor').equals(3000).count()).toBe(1);
    const ledger = createLedger(db, { now: () => new Date('2025-02-01T00:00:00Z'), newId: () => 'n1' });
    expect((await ledger.lookup('INV-3', 5)).map((h) => h.doc.id)).toContain('doc-3');
    expect(await db.settings.count()).toBe(0);
    db.close();
  });
});

/** Version 2 exactly as shipped (both versions, as a v2 build declared them), so the test keeps writing v2 databases. */
function openV2(name: string) {
  const db = new Dexie(name);
  db.version(1).stores({
    documents: 'id, [kind+key], key, vendorKey, *poKeys, updatedAt',
    exceptions: 'id, type, poKey, *docIds, state',
  });
  db.version(2).stores({
    documents: 'id, [kind+key], key, looseKey, vendorKey, *poKeys, correctsKey, updatedAt, *urls, total.minor',
    exceptions: 'id, type, poKey, *docIds, state, openedAt',
    settings: 'id',
    ignored: 'id, key, origin',
    trash: 'token, deletedAt',
  });
  return db;
}

describe('schema upgrade v2 → v3', () => {
  it('keeps every record of a version 2 database and answers the new indexes over them', async () => {
    const name = `tieout-upgrade-v3-${Math.random()}`;
    const v2 = openV2(name);
    const v2Docs = v1Docs.map((d) => ({ ...d, urls: [d.sightings[0]?.url] }));
    const v2Exceptions = [
      ...v1Exceptions,
      ...['2025-01-03', '2025-01-05', '2025-01-04'].map((day, i) => ({
        ...v1Exceptions[0],
        id: `over_billed:4500000000:doc-${i + 1}`,
        type: i === 1 ? 'unknown_po' : 'over_billed',
        docIds: [`doc-${i + 1}`],
        openedAt: `${day}T00:00:00.000Z`,
        resolvedAt: null,
        resolution: null,
        state: 'open',
      })),
    ];
    await v2.table('documents').bulkAdd(v2Docs);
    await v2.table('exceptions').bulkAdd(v2Exceptions);
    await v2.table('settings').put({ id: 'match', value: { kept: true } });
    v2.close();

    const db = openLedgerDb({ name });
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect((await db.documents.toArray()).sort(byId)).toEqual([...v2Docs].sort(byId));
    expect(await db.exceptions.toArray()).toEqual(expect.arrayContaining(v2Exceptions));
    expect(await db.exceptions.count()).toBe(v2Exceptions.length);
    expect(await db.settings.get('match')).toEqual({ id: 'match', value: { kept: true } });

    // Open exceptions newest first, all types or one, from the new indexes; the resolved one is not in the range.
    const open = await db.exceptions
      .where('[state+openedAt]')
      .between(['open', Dexie.minKey], ['open', Dexie.maxKey])
      .reverse()
      .primaryKeys();
    expect(open).toEqual([
      'over_billed:4500000000:doc-2',
      'over_billed:4500000000:doc-3',
      'over_billed:4500000000:doc-1',
    ]);
    const overBilled = await db.exceptions
      .where('[state+type+openedAt]')
      .between(['open', 'over_billed', Dexie.minKey], ['open', 'over_billed', Dexie.maxKey])
      .reverse()
      .primaryKeys();
    expect(overBilled).toEqual(['over_billed:4500000000:doc-3', 'over_billed:4500000000:doc-1']);
    // A vendor's POs without its invoices.
    const pos = await db.documents.where('[vendorKey+kind]').equals(['VENDOR 0', 'po']).primaryKeys();
    expect(pos.sort()).toEqual(
      v1Docs
        .filter((d) => d.kind === 'po' && d.vendorKey === 'VENDOR 0')
        .map((d) => d.id)
        .sort(),
    );
    expect(pos.length).toBeGreaterThan(0);
    db.close();
  });
});
