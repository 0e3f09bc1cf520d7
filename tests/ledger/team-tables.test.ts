import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createLedger, openLedgerDb } from '@/lib/ledger';
import { SCHEMA_VERSION, V3_STORES } from '@/lib/ledger/db';
import { RESET_KEY, TRACKING_ID } from '@/lib/ledger/team-tables';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';

/** Version 3 exactly as shipped (with its predecessors), so this test keeps writing v3 databases. */
function openV3(name: string) {
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
  db.version(3).stores({
    documents:
      'id, [kind+key], key, looseKey, vendorKey, *poKeys, correctsKey, updatedAt, *urls, total.minor, [vendorKey+kind]',
    exceptions: 'id, type, poKey, *docIds, state, openedAt, [state+openedAt], [state+type+openedAt]',
    settings: 'id',
    ignored: 'id, key, origin',
    trash: 'token, deletedAt',
  });
  return db;
}

function doc(i: number): Document {
  return {
    id: `doc-${i}`,
    kind: 'invoice',
    number: `INV-${i}`,
    key: String(i),
    looseKey: String(i),
    vendor: 'Acme',
    vendorKey: 'ACME',
    total: { minor: 100 * i, currency: 'EUR' },
    lines: [],
    poKeys: [],
    sightings: [],
    confirmed: [],
    conflicts: [],
    urls: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

function exception(id: string, resolution: MatchException['resolution']): MatchException {
  return {
    id,
    type: 'duplicate_invoice',
    severity: 'high',
    docIds: ['doc-1', 'doc-2'],
    message: 'm',
    openedAt: '2025-01-01T00:00:00.000Z',
    resolvedAt: resolution ? '2025-01-02T00:00:00.000Z' : null,
    resolution,
    state: resolution ? 'resolved' : 'open',
  };
}

describe('schema upgrade v3 → team tables', () => {
  it('keeps every record of a version 3 database and adds empty team tables', async () => {
    const name = `tieout-upgrade-team-${Math.random()}`;
    const v3 = openV3(name);
    const docs = [doc(1), doc(2)];
    await v3.table('documents').bulkAdd(docs);
    await v3.table('exceptions').add(exception('e1', null));
    await v3.table('settings').put({ id: 'match', value: { kept: true } });
    v3.close();

    const db = openLedgerDb({ name });
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.documents.toArray()).toEqual(docs);
    expect(await db.exceptions.get('e1')).toEqual(exception('e1', null));
    expect(await db.settings.get('match')).toEqual({ id: 'match', value: { kept: true } });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.syncBase.count()).toBe(0);
    expect(await db.syncState.count()).toBe(0);
    // The v3 indexes are all still there.
    expect(await db.documents.where('[vendorKey+kind]').equals(['ACME', 'invoice']).count()).toBe(2);
    expect(Object.keys(V3_STORES).every((t) => db.tables.some((x) => x.name === t))).toBe(true);
    db.close();
  });
});

describe('change feed', () => {
  const fresh = () => openLedgerDb({ name: `tieout-feed-${Math.random()}` });
  const keys = async (db: ReturnType<typeof fresh>) => (await db.outbox.toArray()).map((r) => r.key).sort();

  it('records nothing while no team is configured', async () => {
    const db = fresh();
    await db.documents.bulkPut([doc(1), doc(2)]);
    await db.exceptions.put(exception('e1', { kind: 'accepted', by: 'ann' }));
    await db.documents.delete('doc-1');
    expect(await db.outbox.count()).toBe(0);
  });

  it('records every document write and delete, and clerk decisions only, in the same transaction', async () => {
    const db = fresh();
    await db.syncState.put({ id: TRACKING_ID, value: true });
    await db.documents.bulkPut([doc(1), doc(2)]);
    await db.exceptions.put(exception('open-one', null));
    await db.exceptions.put(exception('by-data', { kind: 'resolved_by_data' }));
    await db.exceptions.put(exception('decided', { kind: 'not_duplicate', by: 'ann' }));
    await db.documents.delete('doc-3');
    expect(await keys(db)).toEqual(['doc:doc-1', 'doc:doc-2', 'doc:doc-3', 'exception:decided']);

    // A failed transaction leaves no outbox row behind.
    await db.outbox.clear();
    await expect(
      db.transaction('rw', db.documents, async () => {
        await db.documents.put(doc(9));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.outbox.count()).toBe(0);
  });

  it('gives a rewritten key a new stamp, marks a wipe as a reset, and skips the sync’s own writes', async () => {
    const db = fresh();
    await db.syncState.put({ id: TRACKING_ID, value: true });
    await db.documents.put(doc(1));
    const first = await db.outbox.get('doc:doc-1');
    await db.documents.put({ ...doc(1), number: 'INV-1b' });
    const second = await db.outbox.get('doc:doc-1');
    expect(second?.stamp).not.toBe(first?.stamp);

    await db.outbox.clear();
    await db.transaction('rw', [db.documents, db.syncBase], async () => {
      await db.documents.put(doc(5));
      await db.syncBase.put({ key: 'doc:doc-5', rev: '1-a', hash: 'h' });
    });
    expect(await db.outbox.count()).toBe(0);

    await db.documents.clear();
    expect(await keys(db)).toEqual([RESET_KEY]);
  });

  it('records the ledger service’s writes: a sighting, an edit, a resolution', async () => {
    const db = fresh();
    await db.syncState.put({ id: TRACKING_ID, value: true });
    let n = 0;
    const ledger = createLedger(db, { now: () => new Date('2025-03-01T00:00:00Z'), newId: () => `id-${++n}` });
    await ledger.track('INV-77', 'invoice', { url: 'https://mail.example/1', title: 'Mail' });
    const [stored] = await db.documents.toArray();
    expect(await keys(db)).toEqual([`doc:${stored?.id}`]);
    await db.outbox.clear();
    await ledger.editField(stored?.id as string, 'vendor', 'Acme');
    expect(await keys(db)).toContain(`doc:${stored?.id}`);
  });
});
