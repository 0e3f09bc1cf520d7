import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, LedgerError } from '@/lib/ledger';
import { SCHEMA_VERSION } from '@/lib/ledger/db';
import { detection, eur, makeLedger, page } from './helpers';

async function seeded() {
  const made = makeLedger();
  const { ledger } = made;
  await ledger.importCsv(
    'PO Number,Vendor,Order Date,Amount,Currency,SKU,Qty,Unit Price\n100,Acme,2025-01-02,1000.00,EUR,CH,10,100.00\n200,=cmd|calc,2025-01-03,50.00,EUR,,,\n',
    undefined,
    { fileName: 'pos.csv' },
  );
  await ledger.recordSightings(
    [
      detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(110000), poKeys: ['100'], issueDate: '2025-02-01' }),
      detection('invoice', 'INV-2', { vendor: 'Acme', total: eur(100), poKeys: ['999'] }),
    ],
    page(),
  );
  await ledger.recordSightings(
    [detection('invoice', 'INV-2', { vendor: 'Acme', total: eur(200) })],
    page('https://b.example/'),
  );
  const over = (await made.db.exceptions.toArray()).find((e) => e.type === 'over_billed');
  await ledger.acceptException(over?.id ?? '', 'agreed');
  await ledger.ignore('2025', 'https://portal.example.com');
  await ledger.saveSettings({ ...(await ledger.getSettings()), price: { percent: 3 } });
  return made;
}

describe('JSON backup and restore', () => {
  it('round-trips: backup → wipe → restore gives the same ledger', async () => {
    const { ledger, db } = await seeded();
    const tables = async () => ({
      documents: await db.documents.toArray(),
      exceptions: await db.exceptions.toArray(),
      settings: await db.settings.toArray(),
      ignored: await db.ignored.toArray(),
    });
    const before = await tables();
    expect(before.documents.length).toBe(4);
    expect(before.exceptions.length).toBeGreaterThan(2);
    const backup = await ledger.backupJson();
    expect(JSON.parse(backup)).toMatchObject({ format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION });
    await ledger.wipe();
    expect((await ledger.counts()).documents).toBe(0);
    expect(await ledger.restoreJson(backup)).toEqual({ documents: 4, exceptions: before.exceptions.length });
    expect(await tables()).toStrictEqual(before);
    const again = JSON.parse(await ledger.backupJson());
    const original = JSON.parse(backup);
    delete again.exportedAt;
    delete original.exportedAt;
    expect(again).toStrictEqual(original);
  });

  it('refuses a corrupted backup with a clear sentence and changes nothing', async () => {
    const { ledger, db } = await seeded();
    const before = await db.documents.toArray();
    const backup = await ledger.backupJson();
    const broken = JSON.parse(backup);
    broken.documents[1].total.minor = 12.5;
    const cases: [string, RegExp][] = [
      [backup.slice(0, backup.length / 2), /not valid JSON.*truncated or damaged.*Nothing was changed/],
      ['{"hello": 1}', /not a Tieout backup/],
      [JSON.stringify(broken), /damaged at documents\.1\.total\.minor.*Nothing was changed/],
      [JSON.stringify({ ...JSON.parse(backup), documents: [before[0], before[0]] }), /appears twice/],
      [JSON.stringify({ ...JSON.parse(backup), schemaVersion: SCHEMA_VERSION + 1 }), /newer Tieout.*Update Tieout/],
    ];
    for (const [text, message] of cases) {
      await expect(ledger.restoreJson(text)).rejects.toThrow(message);
      await expect(ledger.restoreJson(text)).rejects.toBeInstanceOf(LedgerError);
    }
    expect(await db.documents.toArray()).toEqual(before);
  });

  it('restores a backup written by schema 1 (no urls) and fills them', async () => {
    const { ledger, db } = await seeded();
    const old = JSON.parse(await ledger.backupJson());
    old.schemaVersion = 1;
    for (const d of old.documents) delete d.urls;
    await ledger.restoreJson(JSON.stringify(old));
    const docs = await db.documents.toArray();
    expect(docs.every((d) => Array.isArray(d.urls) && d.urls.length > 0)).toBe(true);
  });
});

describe('CSV export', () => {
  it('documents with balance and status, safe against spreadsheet formulas', async () => {
    const { ledger } = await seeded();
    const csv = await ledger.exportDocumentsCsv();
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(rows).toHaveLength(4);
    const po100 = rows.find((r) => r.Type === 'PO' && r.Key === '100');
    expect(po100).toMatchObject({
      Vendor: 'Acme',
      Total: '1000.00',
      Currency: 'EUR',
      Ordered: '1000.00',
      Invoiced: '1100.00',
      Remaining: '-100.00',
      Status: 'tied',
    });
    const po200 = rows.find((r) => r.Key === '200');
    expect(po200?.Vendor).toBe("'=cmd|calc");
    const inv2 = rows.find((r) => r.Type === 'Invoice' && r.Key === '2');
    expect(inv2?.Status).toBe('exception');
    expect(inv2?.['Open Exceptions']).toMatch(/999/);
  });

  it('gives a PO the status every view shows: its invoices’ duplicate under its number is theirs, not the PO’s', async () => {
    const { ledger } = makeLedger();
    await ledger.importCsv(
      'PO Number,Vendor,Order Date,Amount,Currency\n300,Acme,2025-01-02,5000.00,EUR\n',
      undefined,
      {
        fileName: 'pos.csv',
      },
    );
    const inv = { vendor: 'Acme', total: eur(50000), poKeys: ['300'], issueDate: '2025-02-01' };
    await ledger.recordSightings(
      [detection('invoice', 'INV-5001', inv), detection('invoice', 'INV-50011', { ...inv, issueDate: '2025-02-03' })],
      page(),
    );
    const [po] = await ledger.statusesFor([{ kind: 'po', key: '300' }]);
    expect(po?.status).toBe('tied');
    const rows = Papa.parse<Record<string, string>>(await ledger.exportDocumentsCsv(), { header: true }).data;
    expect(rows.filter((r) => r.Type === 'Invoice').map((r) => r.Status)).toEqual(['exception', 'exception']);
    expect(rows.find((r) => r.Type === 'PO' && r.Key === '300')?.Status).toBe(po?.status);
  });

  it('exceptions with state and resolution', async () => {
    const { ledger } = await seeded();
    const rows = Papa.parse<Record<string, string>>(await ledger.exportExceptionsCsv(), { header: true }).data;
    const over = rows.find((r) => r.Type === 'over_billed');
    expect(over).toMatchObject({ State: 'resolved', Resolution: 'accepted', Note: 'agreed', PO: '100' });
    expect(over?.Documents).toMatch(/Invoice INV-1/);
    expect(rows.some((r) => r.Type === 'unknown_po' && r.State === 'open')).toBe(true);
  });
});
