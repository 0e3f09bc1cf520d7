/**
 * The team sync end to end in Node: two clerks' ledgers, real PouchDB replication, a real
 * CouchDB-compatible server (pouchdb-server) with users and `_security` on a random loopback port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '@/lib/model/document';
import { syncSentence } from '@/lib/sync/sentence';
import { detection, eur } from '@/tests/ledger/helpers';
import { type Clerk, makeClerk } from './clerks';
import { type CouchServer, startCouchServer } from './couch-server';

let server: CouchServer;
const PASSWORDS = { alice: 'alice-secret-pw-1', bob: 'bob-secret-pw-2', carol: 'carol-secret-pw-3' };

beforeAll(async () => {
  server = await startCouchServer();
  await server.addUser('alice', PASSWORDS.alice);
  await server.addUser('bob', PASSWORDS.bob);
  await server.addUser('carol', PASSWORDS.carol, false);
}, 60_000);
afterAll(async () => {
  await server?.dispose();
});

async function team(): Promise<[Clerk, Clerk]> {
  // One database per test keeps the tests apart, as one per team keeps teams apart.
  const database = `team-${Math.random().toString(36).slice(2, 8)}`;
  await server.request(`/${database}`, { method: 'PUT' });
  await server.request(`/${database}/_security`, {
    method: 'PUT',
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: ['alice', 'bob'], roles: [] } }),
  });
  const a = makeClerk('alice', { server: server.url, database });
  const b = makeClerk('bob', { server: server.url, database });
  await a.join(PASSWORDS.alice);
  await b.join(PASSWORDS.bob);
  return [a, b];
}

const PO_CSV =
  'PO Number,Vendor,Date,Total,Currency\nPO-4500001,Acme GmbH,2025-02-01,1000.00,EUR\nPO-4500002,Acme GmbH,2025-02-02,500.00,EUR\n';
const invoicePage = { url: 'https://mail.example/inbox/1', title: 'Invoice INV-77 from Acme' };
const inv77 = detection('invoice', 'INV-77', {
  vendor: 'Acme GmbH',
  total: eur(40_000),
  issueDate: '2025-02-10',
  poKeys: ['4500001'],
});

const allDocs = async (c: Clerk) => (await c.db.documents.toArray()).sort((x, y) => (x.id < y.id ? -1 : 1));

describe('team sync between two clerks', () => {
  it('brings A’s POs and invoice to B within one sync, sightings with their clerk', async () => {
    const [a, b] = await team();
    await a.ledger.importCsv(new TextEncoder().encode(PO_CSV), undefined, { fileName: 'pos.csv' });
    await a.ledger.recordSightings([inv77], invoicePage);
    expect((await a.sync.sync())?.state).toBe('up_to_date');
    const report = await b.sync.sync();
    expect(report?.state).toBe('up_to_date');
    const theirs = await allDocs(b);
    expect(theirs.map((d) => d.number).sort()).toEqual(['INV-77', 'PO-4500001', 'PO-4500002']);
    expect(theirs).toEqual(await allDocs(a));
    const invoice = theirs.find((d) => d.number === 'INV-77') as Document;
    expect(invoice.sightings[0]).toMatchObject({ clerk: 'alice', url: invoicePage.url });
    expect(syncSentence(report!, new Date())).toMatch(/^Up to date/);
  }, 60_000);

  it('raises on B the duplicate B entered of an invoice A had recorded, naming A’s sighting', async () => {
    const [a, b] = await team();
    await a.ledger.importCsv(new TextEncoder().encode(PO_CSV), undefined, { fileName: 'pos.csv' });
    await a.ledger.recordSightings([inv77], invoicePage);
    await a.sync.sync();
    // B, before its next sync, enters the same invoice from the vendor portal.
    await b.ledger.recordSightings([inv77], {
      url: 'https://portal.acme.example/bills/77',
      title: 'Acme portal bill 77',
    });
    await b.sync.sync();
    const dup = (await b.db.exceptions.toArray()).find((e) => e.type === 'duplicate_invoice' && e.state === 'open');
    expect(dup?.message).toMatch(/seen by alice on “Invoice INV-77 from Acme”/);
    expect(dup?.message).toMatch(/seen by bob/);
    await a.sync.sync();
    const onA = (await a.db.exceptions.toArray()).find((e) => e.type === 'duplicate_invoice' && e.state === 'open');
    expect(onA?.id).toBe(dup?.id);

    // "Not a duplicate" on A reaches B with its author and time.
    await a.ledger.markNotDuplicate(dup!.id, 'two copies of one bill, paid once');
    await a.sync.sync();
    await b.sync.sync();
    const decided = await b.db.exceptions.get(dup!.id);
    expect(decided).toMatchObject({ state: 'resolved', resolution: { kind: 'not_duplicate', by: 'alice' } });
    expect(decided?.resolvedAt).toBeTruthy();
  }, 60_000);

  it('shows one total edited by both clerks offline as the same sync_conflict on both, closed on both when one accepts', async () => {
    const [a, b] = await team();
    await a.ledger.recordSightings([inv77], invoicePage);
    await a.sync.sync();
    await b.sync.sync();
    const id = (await a.db.documents.toArray())[0]!.id;
    await a.ledger.editField(id, 'total', eur(41_000));
    await b.ledger.editField(id, 'total', eur(42_000));
    await a.sync.sync();
    await b.sync.sync();
    await a.sync.sync();
    const conflictOf = async (c: Clerk) => (await c.db.exceptions.toArray()).filter((e) => e.type === 'sync_conflict');
    const [onA] = await conflictOf(a);
    const [onB] = await conflictOf(b);
    expect(onA).toBeDefined();
    expect(onB?.id).toBe(onA?.id);
    expect(onA?.message).toBe(onB?.message);
    expect(onA?.message).toMatch(
      /total .*410\.00 by alice.*vs .*420\.00 by bob|total .*420\.00 by bob.*vs .*410\.00 by alice/,
    );
    // The same winner on both machines.
    expect((await a.db.documents.get(id))?.total).toEqual((await b.db.documents.get(id))?.total);
    expect(onA?.state).toBe('open');

    await b.ledger.acceptException(onB!.id, 'checked the PDF');
    await b.sync.sync();
    await a.sync.sync();
    expect(await a.db.exceptions.get(onA!.id)).toMatchObject({
      state: 'resolved',
      resolution: { kind: 'accepted', by: 'bob', note: 'checked the PDF' },
    });
    const doc = await server.request(`/${(await a.store.config())!.database}/doc:${id}?conflicts=true`);
    expect(((await doc.json()) as { _conflicts?: string[] })._conflicts ?? []).toEqual([]);
    // And it stays closed through further syncs.
    await b.sync.sync();
    expect((await conflictOf(b)).every((e) => e.state === 'resolved')).toBe(true);
    // A backup holding a sync_conflict restores: its id is a record id like any other.
    await expect(a.ledger.restoreJson(await a.ledger.backupJson())).resolves.toMatchObject({ documents: 1 });
  }, 90_000);

  it('keeps one open sync_conflict per record when a clerk edits it to a third value meanwhile', async () => {
    const [a, b] = await team();
    await a.ledger.recordSightings([inv77], invoicePage);
    await a.sync.sync();
    await b.sync.sync();
    const id = (await a.db.documents.toArray())[0]!.id;
    await a.ledger.editField(id, 'total', eur(41_000));
    await b.ledger.editField(id, 'total', eur(42_000));
    await a.sync.sync();
    await b.sync.sync();
    // Bob edits again instead of accepting: the conflict now stands between other revisions.
    await b.ledger.editField(id, 'total', eur(43_000));
    await b.sync.sync();
    await a.sync.sync();
    for (const c of [a, b]) {
      const open = (await c.db.exceptions.toArray()).filter((e) => e.type === 'sync_conflict' && e.state === 'open');
      expect(open).toHaveLength(1);
      expect(open[0]?.message).toMatch(/430\.00/);
    }
  }, 90_000);

  it('writes the same revision again when a push is repeated after a stop, not a second branch', async () => {
    const [a, b] = await team();
    await a.sync.sync();
    await a.ledger.recordSightings([inv77], invoicePage);
    // The worker stops after the mirror took the change but before the ledger's bookkeeping.
    const outbox = await a.db.outbox.toArray();
    const real = a.db.syncBase.bulkPut.bind(a.db.syncBase);
    let stopped = false;
    a.db.syncBase.bulkPut = (async (...args: Parameters<typeof real>) => {
      if (!stopped) {
        stopped = true;
        throw new TypeError('worker stopped');
      }
      return real(...args);
    }) as typeof real;
    expect((await a.sync.sync())?.state).not.toBe('up_to_date');
    expect(await a.db.outbox.toArray()).toEqual(outbox);
    expect((await a.sync.sync())?.state).toBe('up_to_date');
    const database = (await a.store.config())!.database;
    const docId = (await a.db.documents.toArray())[0]!.id;
    const onServer = (await (await server.request(`/${database}/doc:${docId}?conflicts=true`)).json()) as {
      _conflicts?: string[];
      _rev: string;
    };
    expect(onServer._conflicts ?? []).toEqual([]);
    expect(onServer._rev).toMatch(/^1-/);
    await b.sync.sync();
    expect((await allDocs(b)).map((d) => d.number)).toEqual(['INV-77']);
  }, 60_000);

  it('brings the team’s records back after this browser’s ledger was wiped', async () => {
    const [a] = await team();
    await a.ledger.importCsv(new TextEncoder().encode(PO_CSV), undefined, { fileName: 'pos.csv' });
    await a.sync.sync();
    const kept = await allDocs(a);
    await a.ledger.wipe();
    expect(await a.db.documents.count()).toBe(0);
    expect((await a.sync.sync())?.state).toBe('up_to_date');
    expect(await allDocs(a)).toEqual(kept);
  }, 60_000);

  it('replicates tolerances and custom formats both ways', async () => {
    const [a, b] = await team();
    await a.ledger.saveSettings({
      price: { percent: 5 },
      quantity: { absolute: 0 },
      total: { absolute: 2 },
      defaultMode: '3way',
      vendorOverrides: {},
    });
    a.setFormats([{ vendor: 'Acme GmbH', kind: 'invoice', pattern: 'AC-\\d{6}', sample: 'AC-123456' }]);
    await a.sync.sync();
    await b.sync.sync();
    expect((await b.ledger.getSettings()).defaultMode).toBe('3way');
    expect(b.formats()).toEqual(a.formats());
    b.setFormats([...b.formats(), { kind: 'po', pattern: 'PO/\\d{4}' }]);
    await b.sync.sync();
    await a.sync.sync();
    expect(a.formats()).toHaveLength(2);
  }, 60_000);
});

describe('team sync failures', () => {
  it('a wrong password or no access gives a sentence and changes nothing', async () => {
    const [a] = await team();
    await a.ledger.recordSightings([inv77], invoicePage);
    await a.store.saveConfig({ ...(await a.store.config())!, password: 'wrong-password' });
    const before = await allDocs(a);
    const report = await a.sync.sync();
    expect(report?.state).toBe('rejected');
    expect(syncSentence(report!, new Date())).toMatch(
      /^Rejected: the server refused user “alice”: wrong user name or password\. .*1 change waiting/,
    );
    expect(await allDocs(a)).toEqual(before);
    expect(await a.db.outbox.count()).toBe(1);

    const carol = makeClerk('carol', { server: server.url, database: (await a.store.config())!.database });
    await carol.join(PASSWORDS.carol);
    expect((await carol.sync.sync())?.detail).toMatch(/no access to database/);
  }, 60_000);

  it('a server that is down gives "offline" and keeps the changes for the next sync', async () => {
    const [a, b] = await team();
    await a.ledger.recordSightings([inv77], invoicePage);
    await server.stop();
    try {
      const report = await a.sync.sync();
      expect(report?.state).toBe('offline');
      expect(syncSentence(report!, new Date())).toMatch(/^Offline: 127\.0\.0\.1:\d+ did not answer/);
    } finally {
      await server.start();
    }
    expect((await a.sync.sync())?.state).toBe('up_to_date');
    await b.sync.sync();
    expect((await allDocs(b)).map((d) => d.number)).toEqual(['INV-77']);
  }, 60_000);

  it('runs a sync of its own for settings saved while another sync was under way', async () => {
    const [a] = await team();
    await a.ledger.recordSightings([inv77], invoicePage);
    const first = a.sync.sync();
    await a.store.saveConfig({ ...(await a.store.config())!, password: 'wrong-password' });
    const second = a.sync.sync();
    expect((await first)?.state).toBe('up_to_date');
    expect((await second)?.state).toBe('rejected');
    // The same settings join the sync under way instead of starting another.
    const [x, y] = await Promise.all([a.sync.sync(), a.sync.sync()]);
    expect(x).toBe(y);
  }, 60_000);

  it('makes no request at all while no team is configured', async () => {
    const lone = makeClerk('lone');
    await lone.ledger.recordSightings([inv77], invoicePage);
    expect(await lone.sync.sync()).toBeUndefined();
    expect(lone.requests).toEqual([]);
    expect(await lone.db.outbox.count()).toBe(0);
  });

  it('finishes after being stopped in the middle of applying, with nothing lost or doubled', async () => {
    const [a, b] = await team();
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `PO-${5_000_000 + i},Vendor ${i % 7},2025-02-01,${100 + i}.00,EUR`,
    );
    await a.ledger.importCsv(new TextEncoder().encode(`PO Number,Vendor,Date,Total,Currency\n${rows.join('\n')}\n`));
    await a.sync.sync();
    // B's worker "stops" after two batches: the third write throws, as a killed worker leaves it.
    const real = b.ledger.applyTeamBatch;
    let calls = 0;
    b.ledger.applyTeamBatch = async (...args) => {
      if (++calls === 3) throw new TypeError('Failed to fetch (worker stopped)');
      return real(...args);
    };
    expect((await b.sync.sync())?.state).not.toBe('up_to_date');
    expect(await b.db.documents.count()).toBe(1000);
    b.ledger.applyTeamBatch = real;
    expect((await b.sync.sync())?.state).toBe('up_to_date');
    expect(await b.db.documents.count()).toBe(1200);
    expect(new Set((await allDocs(b)).map((d) => d.number)).size).toBe(1200);
    expect(await allDocs(b)).toEqual(await allDocs(a));
  }, 90_000);
});
