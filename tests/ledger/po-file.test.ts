/**
 * The ledger keeps `unknown_po` for POs the clerk can expect on file (lib/match/po-file.ts), also
 * when what is on file changes under documents recorded earlier.
 */
import { describe, expect, it } from 'vitest';
import { detection, eur, makeLedger, page } from './helpers';

const openUnknown = async (db: ReturnType<typeof makeLedger>['db']) =>
  (await db.exceptions.toArray())
    .filter((e) => e.type === 'unknown_po' && e.state === 'open')
    .map((e) => e.poKey)
    .sort();

describe('unknown_po and what is on file', () => {
  it('waits for the vendor’s first PO on file, then raises it for the invoices recorded before', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings(
      [detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(25000), poKeys: ['4500019120'] })],
      page('https://mail.example/1'),
    );
    expect(await openUnknown(db)).toEqual([]);
    // A PO page of Acme is read, with its total: Acme's POs are on file from now on.
    await ledger.recordSightings(
      [detection('po', '4500019001', { vendor: 'Acme', total: eur(90000) })],
      page('https://portal.example/po/4500019001'),
    );
    expect(await openUnknown(db)).toEqual(['4500019120']);
    // The PO goes again (deleted): nothing of Acme's is on file, the exception closes by data.
    const po = await db.documents.where('[kind+key]').equals(['po', '4500019001']).first();
    await ledger.deleteDocument(po?.id ?? '');
    expect(await openUnknown(db)).toEqual([]);
    const closed = (await db.exceptions.toArray()).find((e) => e.type === 'unknown_po');
    expect(closed?.resolution?.kind).toBe('resolved_by_data');
  });

  it('raises it for every vendor, and for invoices with no vendor, once POs were imported', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings(
      [
        detection('invoice', 'OS-1', { vendor: 'Globex Software', total: eur(20000), poKeys: ['4500019555'] }),
        detection('invoice', 'INV-9', { total: eur(1000), poKeys: ['4500019556'] }),
      ],
      page('https://mail.example/2'),
    );
    expect(await openUnknown(db)).toEqual([]);
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n4500012345,Initech,1000.00,EUR\n', undefined, {});
    expect(await openUnknown(db)).toEqual(['4500019555', '4500019556']);
    // A later invoice quoting a PO that is not on file is an exception at once.
    await ledger.recordSightings(
      [detection('invoice', 'OS-2', { vendor: 'Hooli', total: eur(500), poKeys: ['4500019557'] })],
      page('https://mail.example/3'),
    );
    expect(await openUnknown(db)).toEqual(['4500019555', '4500019556', '4500019557']);
  });
});
