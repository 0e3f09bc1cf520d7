/**
 * The team sync's security bars in Node, against a real pouchdb-server: what a hostile or broken
 * server hands over never reaches the ledger (refused by the schemas, reported, the ledger still
 * whole and working), and the clerk's password is nowhere but the team store and the Authorization
 * header — not in backups, exports, the ledger's tables, the sync report or anything logged.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { syncSentence } from '@/lib/sync/sentence';
import { detection, eur } from '@/tests/ledger/helpers';
import { type Clerk, makeClerk } from './clerks';
import { type CouchServer, startCouchServer } from './couch-server';

let server: CouchServer;
const PASSWORD = 'pw-Zq81-very-secret';

beforeAll(async () => {
  server = await startCouchServer();
  await server.addUser('alice', PASSWORD);
  await server.addUser('bob', 'bob-pw-2');
}, 60_000);
afterAll(async () => {
  await server?.dispose();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function clerkOnFreshTeam(name = 'alice', password = PASSWORD): Promise<Clerk> {
  const database = `sec-${Math.random().toString(36).slice(2, 8)}`;
  await server.request(`/${database}`, { method: 'PUT' });
  await server.request(`/${database}/_security`, {
    method: 'PUT',
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: ['alice', 'bob'], roles: [] } }),
  });
  const c = makeClerk(name, { server: server.url, database });
  await c.join(password);
  return c;
}

const put = async (database: string, doc: Record<string, unknown>) => {
  const res = await server.request(`/${database}/${encodeURIComponent(doc._id as string)}`, {
    method: 'PUT',
    body: JSON.stringify(doc),
  });
  expect(res.ok).toBe(true);
};

const goodDoc = (id: string, vendor = 'Acme GmbH') => ({
  id,
  kind: 'invoice',
  number: 'INV-9',
  key: '9',
  looseKey: '9',
  vendor,
  vendorKey: 'ACME GMBH',
  total: { minor: 1000, currency: 'EUR' },
  lines: [],
  poKeys: [],
  sightings: [],
  confirmed: [],
  conflicts: [],
  urls: [],
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
});

describe('a malicious or broken team server', () => {
  it('has its wrong shapes, huge fields and markup refused and reported; the ledger stays whole', async () => {
    const a = await clerkOnFreshTeam();
    await a.ledger.recordSightings(
      [detection('invoice', 'INV-77', { vendor: 'Acme GmbH', total: eur(40_000), poKeys: ['4500001'] })],
      { url: 'https://mail.example/1', title: 'Invoice' },
    );
    expect((await a.sync.sync())?.state).toBe('up_to_date');
    const before = await a.db.documents.toArray();
    const database = (await a.store.config())!.database;
    const hostile: Record<string, unknown>[] = [
      { _id: 'doc:s1', type: 'document', body: goodDoc('s1', '<script>alert(1)</script> Acme') },
      { _id: 'doc:s2', type: 'document', body: { ...goodDoc('s2'), vendor: 'Acme <img src=x onerror=alert(1)>' } },
      { _id: 'doc:w1', type: 'document', body: { ...goodDoc('w1'), total: 'a lot' } },
      { _id: 'doc:w2', type: 'document', body: { ...goodDoc('w2'), kind: 'bribe' } },
      { _id: 'doc:w3', type: 'document', body: { ...goodDoc('w3'), key: '=HYPERLINK("x")' } },
      { _id: 'doc:w4', type: 'document', body: goodDoc('other-id') },
      { _id: 'doc:h1', type: 'document', body: { ...goodDoc('h1'), number: 'X'.repeat(5000) } },
      {
        _id: 'doc:h2',
        type: 'document',
        body: {
          ...goodDoc('h2'),
          sightings: [
            {
              url: 'https://x',
              title: 't',
              seenAt: '2025-03-01T09:00:00.000Z',
              snippet: 's',
              confidence: 1,
              via: 'scan',
              clerk: 'A'.repeat(1_100_000),
            },
          ],
        },
      },
      {
        _id: 'exception:x1',
        type: 'decision',
        body: {
          id: 'x1',
          type: 'over_billed',
          severity: 'high',
          docIds: ['s1'],
          message: 'm',
          openedAt: '2025-03-01T09:00:00.000Z',
          resolvedAt: '2025-03-01T09:00:00.000Z',
          resolution: { kind: 'resolved_by_data' },
          state: 'resolved',
        },
      },
      { _id: 'settings:match', type: 'settings', body: { price: { percent: 'all' } } },
      { _id: 'formats:custom', type: 'formats', body: [{ kind: 'invoice', pattern: '(a+)+$' }] },
      { _id: 'doc:n1', type: 'document', by: '<b>mallory</b>', body: goodDoc('n1') },
      { _id: 'something-else', hello: 'world' },
    ];
    for (const doc of hostile) await put(database, doc);
    await put(database, { _id: 'doc:ok1', type: 'document', by: 'bob', body: goodDoc('ok1') });

    const report = await a.sync.sync();
    expect(report?.state).toBe('up_to_date');
    expect(report?.refusedTotal).toBe(hostile.length);
    const reasons = new Map(report?.refused.map((r) => [r.id, r.reason]));
    expect(reasons.get('doc:s1')).toMatch(/vendor contains markup/);
    expect(reasons.get('doc:s2')).toMatch(/vendor contains markup/);
    expect(reasons.get('doc:w1')).toMatch(/^total/);
    expect(reasons.get('doc:w3')).toMatch(/^key/);
    expect(reasons.get('doc:w4')).toMatch(/does not match its address/);
    expect(reasons.get('doc:h1')).toMatch(/^number/);
    expect(reasons.get('doc:h2')).toMatch(/too large/);
    expect(reasons.get('exception:x1')).toMatch(/not a clerk’s decision/);
    expect(reasons.get('formats:custom')).toBeDefined();
    expect(reasons.get('doc:n1')).toMatch(/^by contains markup/);
    expect(reasons.get('something-else')).toMatch(/not a Tieout record/);
    expect(syncSentence(report!, new Date())).toMatch(/13 documents from the server were refused as malformed/);

    // Only the well-formed record came in; what was there is untouched; the tolerances are the defaults.
    const after = await a.db.documents.toArray();
    expect(after.map((d) => d.id).sort()).toEqual([...before.map((d) => d.id), 'ok1'].sort());
    expect(after.filter((d) => d.id !== 'ok1')).toEqual(before);
    expect((await a.ledger.getSettings()).price).toEqual((await makeClerk('x').ledger.getSettings()).price);
    expect(a.formats()).toEqual([]);
    expect((await a.db.exceptions.toArray()).some((e) => e.id === 'x1')).toBe(false);

    // The ledger keeps working, and the next sync does not count the same refusals again.
    await a.ledger.recordSightings([detection('invoice', 'INV-78', { vendor: 'Acme GmbH' })], {
      url: 'https://mail.example/2',
      title: 'Invoice 78',
    });
    const next = await a.sync.sync();
    expect(next?.state).toBe('up_to_date');
    expect(next?.refusedTotal).toBe(hostile.length);
  }, 60_000);

  it('does not send a local record the team would refuse, and says so', async () => {
    const a = await clerkOnFreshTeam();
    await a.sync.sync();
    await a.ledger.recordSightings([detection('invoice', 'INV-5', { vendor: 'Acme <script>x</script>' })], {
      url: 'https://mail.example/5',
      title: 'Invoice 5',
    });
    const report = await a.sync.sync();
    expect(report?.state).toBe('up_to_date');
    expect(report?.unsent).toEqual([{ id: expect.stringMatching(/^doc:/), reason: 'vendor contains markup' }]);
    expect(syncSentence(report!, new Date())).toMatch(/1 record of yours was not sent \(vendor contains markup\)/);
    const database = (await a.store.config())!.database;
    const all = (await (await server.request(`/${database}/_all_docs`)).json()) as { rows: unknown[] };
    expect(all.rows).toEqual([]);
    expect(await a.db.documents.count()).toBe(1);
  }, 60_000);
});

describe('the clerk’s password', () => {
  it('is in no backup, export, ledger table, sync report or log line, whatever the sync meets', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((x) => (x instanceof Error ? `${x.message} ${x.stack}` : String(x))).join(' '));
      });
    }
    const a = await clerkOnFreshTeam();
    await a.ledger.importCsv(
      new TextEncoder().encode('PO Number,Vendor,Total,Currency\nPO-1,Acme GmbH,10.00,EUR\n'),
      undefined,
      { fileName: 'pos.csv' },
    );
    const reports = [await a.sync.sync()];
    await a.store.saveConfig({ ...(await a.store.config())!, password: `${PASSWORD}-wrong` });
    reports.push(await a.sync.sync());
    await a.store.saveConfig({ ...(await a.store.config())!, password: PASSWORD });
    await server.stop();
    try {
      reports.push(await a.sync.sync());
    } finally {
      await server.start();
    }
    expect(reports.map((r) => r?.state)).toEqual(['up_to_date', 'rejected', 'offline']);

    const everything = [
      await a.ledger.backupJson(),
      await a.ledger.exportDocumentsCsv(),
      await a.ledger.exportExceptionsCsv(),
      JSON.stringify(await Promise.all(a.db.tables.map((t) => t.toArray()))),
      JSON.stringify(reports),
      JSON.stringify(await a.store.report()),
      ...logged,
    ].join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString('base64'));
  }, 60_000);
});
