/**
 * The team ledger end to end: two Chromium profiles (clerk A "alice", clerk B "bob") with the built
 * extension, and a CouchDB-compatible server (pouchdb-server with users, require_valid_user and the
 * team database's _security) on a random loopback port. Everything a clerk does goes through the
 * extension's own pages: Options → Team, the CSV import, the popup's record view, pages read by the
 * content script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, startCouchServer } from '@/tests/sync/couch-server';
import { type ExtensionSession, FIXTURES_DIR, launchExtension, readLedgerTable, serveDir, waitFor } from './harness';
import { importCsvViaOptions } from './helpers';
import { waitForHighlights } from './page-highlights';

const PASSWORDS = { alice: 'alice-Team-pw-81', bob: 'bob-Team-pw-92' };
const DATABASE = 'ap-team';

let server: CouchServer;
let site: Awaited<ReturnType<typeof serveDir>>;
let a: ExtensionSession;
let b: ExtensionSession;
const consoleLines: string[] = [];

interface Doc {
  id: string;
  kind: string;
  number: string;
  total?: { minor: number; currency: string };
  sightings: { clerk?: string; url: string; title: string }[];
}
interface Exception {
  id: string;
  type: string;
  state: string;
  message: string;
  docIds: string[];
  resolution: { kind: string; by?: string; note?: string } | null;
}

function watchConsole(ext: ExtensionSession): void {
  ext.context.on('console', (m) => consoleLines.push(m.text()));
  ext.context.on('page', (p) => p.on('console', (m) => consoleLines.push(m.text())));
  void ext.worker().then((w) => w.on('console', (m) => consoleLines.push(m.text())));
}

beforeAll(async () => {
  server = await startCouchServer({ database: DATABASE });
  await server.addUser('alice', PASSWORDS.alice);
  await server.addUser('bob', PASSWORDS.bob);
  site = await serveDir(FIXTURES_DIR);
  a = await launchExtension();
  b = await launchExtension();
  for (const ext of [a, b]) {
    watchConsole(ext);
    expect(await ext.enableSite(site.url)).toMatchObject({ ok: true });
  }
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await site?.close();
  await server?.dispose();
});

async function docs(ext: ExtensionSession): Promise<Doc[]> {
  const p = await ext.openPopup();
  const rows = (await readLedgerTable(p, 'documents')) as unknown as Doc[];
  await p.close();
  return rows.sort((x, y) => (x.id < y.id ? -1 : 1));
}

/** How many documents the ledger holds, read from an extension page without loading them. */
function countDocuments(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((ok, fail) => {
        const open = indexedDB.open('tieout');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('documents').objectStore('documents').count();
          req.onsuccess = () => {
            open.result.close();
            ok(req.result);
          };
          req.onerror = () => fail(req.error);
        };
      }),
  );
}

async function exceptions(ext: ExtensionSession): Promise<Exception[]> {
  const p = await ext.openPopup();
  const rows = (await readLedgerTable(p, 'exceptions')) as unknown as Exception[];
  await p.close();
  return rows;
}

/**
 * The Team view's answer to a button, as the clerk reads it: the note appears when the sync ends, so
 * a sync of thousands of records (on a loaded 2-core machine) is given longer.
 */
async function teamNote(
  ext: ExtensionSession,
  act: (page: import('playwright-core').Page) => Promise<void>,
  timeout = 60_000,
) {
  const page = await ext.openOptions('#team');
  await page.getByRole('heading', { name: 'Team' }).waitFor();
  await act(page);
  const note = page.getByTestId('team-note');
  await note.waitFor({ timeout });
  const text = await note.innerText();
  await page.close();
  return text;
}

const syncNow = (ext: ExtensionSession, timeout?: number) =>
  teamNote(
    ext,
    async (page) => {
      await page.getByRole('button', { name: 'Sync now' }).click();
    },
    timeout,
  );
const LONG_SYNC = 240_000;

async function join(ext: ExtensionSession, user: string, password: string): Promise<string> {
  return teamNote(ext, async (page) => {
    await page.getByLabel('Server address').fill(server.url);
    await page.getByLabel('Database').fill(DATABASE);
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Save and sync' }).click();
  });
}

async function read(ext: ExtensionSession, query: string, number: string): Promise<Doc> {
  const page = await ext.context.newPage();
  await page.goto(`${site.url}/team/invoice.html?${query}`);
  const doc = await waitFor(
    async () => (await docs(ext)).find((d) => d.number === number && d.sightings.some((s) => s.url === page.url())),
    20_000,
    250,
  );
  await page.close();
  expect(doc, `${number} read from the page`).toBeDefined();
  return doc as Doc;
}

async function editTotal(ext: ExtensionSession, docId: string, total: string, shown: string): Promise<void> {
  const p = await ext.openPopup(`#record/${docId}`);
  await p.locator('article.record').waitFor();
  await p.getByRole('button', { name: 'Edit total' }).click();
  await p.getByLabel('Total').fill(total);
  await p.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => p.locator('[data-field="total"]').innerText()).toContain(shown);
  await p.close();
}

const PO_CSV = [
  'PO Number,Vendor,Date,Total,Currency',
  'PO-4500090001,Nordwind Logistik GmbH,2025-03-01,5000.00,EUR',
  'PO-4500090002,Nordwind Logistik GmbH,2025-03-02,2500.00,EUR',
].join('\n');

describe('team ledger between two clerks', () => {
  it('joins both clerks through Options → Team', async () => {
    expect(await join(a, 'alice', PASSWORDS.alice)).toMatch(/^Up to date — synced just now/);
    expect(await join(b, 'bob', PASSWORDS.bob)).toMatch(/^Up to date — synced just now/);
  });

  it('brings A’s imported POs and the invoice A read to B within one sync', async () => {
    expect(await importCsvViaOptions(a, PO_CSV)).toMatch(/^Imported 2 of 2 rows/);
    await read(a, 'n=INV-2025-0311', 'INV-2025-0311');
    expect(await syncNow(a)).toMatch(/^Up to date/);
    expect(await syncNow(b)).toMatch(/^Up to date .*\(3 received, 0 sent\)/);
    const theirs = await docs(b);
    expect(theirs.map((d) => d.number).sort()).toEqual(['INV-2025-0311', 'PO-4500090001', 'PO-4500090002']);
    expect(theirs).toEqual(await docs(a));
    const invoice = theirs.find((d) => d.number === 'INV-2025-0311');
    expect(invoice?.sightings).toEqual([
      expect.objectContaining({ clerk: 'alice', title: 'Invoice INV-2025-0311 from Nordwind Logistik GmbH' }),
    ]);
  });

  it('raises duplicate_invoice on B when B enters an invoice A has recorded, naming A’s sighting', async () => {
    await read(a, 'n=INV-2025-0312&total=500.00', 'INV-2025-0312');
    await read(b, 'n=INV-2025-0312&total=500.00&from=portal', 'INV-2025-0312');
    expect(await syncNow(a)).toMatch(/^Up to date/);
    expect(await syncNow(b)).toMatch(/^Up to date/);
    const dup = await waitFor(async () =>
      (await exceptions(b)).find((e) => e.type === 'duplicate_invoice' && e.state === 'open'),
    );
    expect(dup?.message).toMatch(
      /^Invoice INV-2025-0312 from Nordwind Logistik GmbH was already recorded \(2025-03-11, €500\.00, seen by alice on “Invoice INV-2025-0312 from Nordwind Logistik GmbH”; again .*seen by bob/,
    );
    // B sees it where a clerk looks: the record view of its own entry.
    const own = (await docs(b)).find((d) => d.number === 'INV-2025-0312' && d.sightings.some((s) => s.clerk === 'bob'));
    const p = await b.openPopup(`#record/${own?.id}`);
    await expect
      .poll(() => p.locator('li.exception[data-type="duplicate_invoice"] .message').innerText())
      .toContain('seen by alice');
    await p.close();
  });

  it('shows one total both clerks edited offline as the same sync_conflict on both, closed on both by one', async () => {
    const invoice = (await docs(a)).find((d) => d.number === 'INV-2025-0311') as Doc;
    await server.stop();
    try {
      await editTotal(a, invoice.id, '1200.00', '€1,200.00');
      await editTotal(b, invoice.id, '1250.00', '€1,250.00');
      const before = await docs(b);
      // A server that is down: a sentence, and nothing changes.
      expect(await syncNow(b)).toMatch(
        /^Offline: 127\.0\.0\.1:\d+ did not answer \(no network, or the server is down\)\. Last synced .*1 change waiting to be sent\./,
      );
      expect(await docs(b)).toEqual(before);
    } finally {
      await server.start();
    }
    expect(await syncNow(a)).toMatch(/^Up to date/);
    expect(await syncNow(b)).toMatch(/^Up to date/);
    expect(await syncNow(a)).toMatch(/^Up to date/);
    const conflictOn = async (ext: ExtensionSession) =>
      (await exceptions(ext)).filter((e) => e.type === 'sync_conflict' && e.state === 'open');
    const [onA] = await conflictOn(a);
    const [onB] = await conflictOn(b);
    expect(onA?.id).toBeDefined();
    // The same exception on both machines; each opened it when its own sync found it.
    expect({ ...onB, openedAt: undefined }).toEqual({ ...onA, openedAt: undefined });
    expect(onA?.message).toMatch(
      /total €1,2[05]0\.00 by (alice|bob) \(kept, the server’s pick\) vs €1,2[05]0\.00 by (alice|bob)/,
    );
    expect(onA?.message).toContain('alice');
    expect(onA?.message).toContain('bob');
    const totalOf = async (ext: ExtensionSession) => (await docs(ext)).find((d) => d.id === invoice.id)?.total;
    expect(await totalOf(a)).toEqual(await totalOf(b));

    // Bob accepts it in the record view; after a sync each, it is closed on both, by bob.
    const p = await b.openPopup(`#record/${invoice.id}`);
    const item = p.locator('li.exception[data-type="sync_conflict"]');
    await item.getByLabel('Note (why this is fine)').fill('Checked against the PDF');
    await item.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await p.close();
    expect(await syncNow(b)).toMatch(/^Up to date/);
    expect(await syncNow(a)).toMatch(/^Up to date/);
    for (const ext of [a, b]) {
      expect((await exceptions(ext)).find((e) => e.id === onA?.id)).toMatchObject({
        state: 'resolved',
        resolution: { kind: 'accepted', by: 'bob', note: 'Checked against the PDF' },
      });
    }
    const onServer = (await (await server.request(`/${DATABASE}/doc:${invoice.id}?conflicts=true`)).json()) as {
      _conflicts?: string[];
    };
    expect(onServer._conflicts ?? []).toEqual([]);
  });

  it('finishes a sync the worker was stopped in the middle of, with nothing lost or doubled', async () => {
    const rows = Array.from(
      { length: 4000 },
      (_, i) => `PO-${4600000000 + i},Vendor ${i % 9} AG,2025-03-01,${100 + (i % 500)}.00,EUR`,
    );
    const start = (await docs(b)).length;
    expect(await importCsvViaOptions(a, `PO Number,Vendor,Date,Total,Currency\n${rows.join('\n')}\n`)).toMatch(
      /^Imported 4000 of 4000 rows/,
    );
    expect(await syncNow(a, LONG_SYNC)).toMatch(/^Up to date/);
    // B's popup opening asks for a sync; once the team's rows start landing, the worker is stopped.
    const helper = await b.openPopup();
    const partway = await waitFor(
      async () => {
        const n = await countDocuments(helper);
        return n > start ? n : undefined;
      },
      120_000,
      20,
    );
    await b.stopWorker();
    await helper.close();
    expect(partway).toBeLessThan(start + 4000);
    // While that sync stands unfinished, B reads an invoice of its own: a local change waiting.
    const page = await b.context.newPage();
    await page.goto(`${site.url}/team/invoice.html?n=INV-2025-0400&total=80.00`);
    await waitForHighlights(page, 1);

    expect(await syncNow(b, LONG_SYNC)).toMatch(/^Up to date/);
    const theirs = await docs(b);
    await page.close();
    expect(theirs).toHaveLength(start + 4001);
    expect(new Set(theirs.map((d) => `${d.kind} ${d.number} ${d.sightings[0]?.clerk ?? ''}`)).size).toBe(theirs.length);
    expect(await syncNow(a, LONG_SYNC)).toMatch(/^Up to date/);
    const ours = await docs(a);
    expect(ours.map((d) => d.id)).toEqual(theirs.map((d) => d.id));
    expect(ours.find((d) => d.number === 'INV-2025-0400')?.sightings[0]?.clerk).toBe('bob');
  }, 900_000);

  it('answers a wrong password with a sentence and changes nothing', async () => {
    const before = await docs(b);
    const text = await teamNote(b, async (page) => {
      await page.getByLabel('Password').fill('not-bobs-password');
      await page.getByRole('button', { name: 'Save and sync' }).click();
    });
    expect(text).toMatch(/^Rejected: the server refused user “bob”: wrong user name or password\./);
    expect(await docs(b)).toEqual(before);
    expect(await join(b, 'bob', PASSWORDS.bob)).toMatch(/^Up to date/);
  });

  it('keeps the password out of extension storage, backups and every console', async () => {
    const p = await b.openOptions('#data');
    // `browser` in Firefox, `chrome` in Chromium: the extension's whole storage, as any of its pages reads it.
    const storage = await p.evaluate(() => {
      type Area = { get(keys: null): Promise<Record<string, unknown>> };
      const g = globalThis as unknown as Record<string, { storage: { local: Area; session: Area } } | undefined>;
      const api = g.browser ?? g.chrome;
      return Promise.all([api?.storage.local.get(null), api?.storage.session.get(null)]);
    });
    expect(JSON.stringify(storage)).not.toContain(PASSWORDS.bob);
    const download = p.waitForEvent('download');
    await p.getByRole('button', { name: 'Back up (JSON)' }).first().click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const backup = readFileSync(file, 'utf8');
    expect(backup).toContain('INV-2025-0311');
    expect(backup).not.toContain(PASSWORDS.bob);
    await p.close();
    expect(consoleLines.join('\n')).not.toContain(PASSWORDS.alice);
    expect(consoleLines.join('\n')).not.toContain(PASSWORDS.bob);
  });
});
