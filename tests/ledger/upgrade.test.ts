import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createLedger, openLedgerDb } from '../../lib/ledger';
import { SCHEMA_VERSION } from '../../lib/ledger/db';

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
