import { describe, expect, it } from 'vitest';
import { getSettings } from '@/lib/ledger';
import { readRecord } from '@/lib/ledger/reads';
import { rematch } from '@/lib/match';
import { detection, eur, makeLedger, page } from './helpers';

/**
 * A small ledger with what a record's balance and suggestions depend on: POs of two vendors (one
 * sharing a key across vendors), invoices over and under them, a credit note through its invoice,
 * receipts, misread PO references, one number used by two vendors.
 */
async function seeded() {
  const made = makeLedger();
  const { ledger } = made;
  await ledger.importCsv(
    [
      'PO Number,Vendor,PO Date,Amount,Currency',
      '4500012345,Acme,2025-01-02,1000.00,EUR',
      '4500012346,Acme,2025-01-03,500.00,EUR',
      '4500099999,Globex,2025-01-04,300.00,EUR',
      '777,Acme,2025-01-05,50.00,EUR',
      '777,Globex,2025-01-05,70.00,EUR',
    ].join('\n'),
  );
  await ledger.recordSightings(
    [
      detection('invoice', 'INV-1', {
        vendor: 'Acme',
        total: eur(60000),
        poKeys: ['4500012345'],
        issueDate: '2025-02-01',
      }),
      detection('invoice', 'INV-2', {
        vendor: 'Acme',
        total: eur(50000),
        poKeys: ['4500012345'],
        issueDate: '2025-02-03',
      }),
      detection('invoice', 'INV-3', {
        vendor: 'Acme',
        total: eur(100),
        poKeys: ['45000l2345'],
        issueDate: '2025-02-04',
      }),
      detection('invoice', 'INV-4', { vendor: 'Globex', total: eur(2000), poKeys: ['4500099998'] }),
      detection('invoice', 'INV-5', { vendor: 'Globex', total: eur(7000), poKeys: ['777'] }),
      detection('receipt', 'GR-1', { vendor: 'Acme', poKeys: ['4500012346'] }),
      detection('invoice', 'INV-6', {
        vendor: 'Acme',
        total: eur(10000),
        poKeys: ['4500012346'],
        issueDate: '2025-02-05',
      }),
    ],
    page(),
  );
  await ledger.importCsv('Credit Note Number,Vendor,Original Invoice,Amount,Currency\nCN-1,Acme,INV-1,50.00,EUR\n');
  // The same number from another vendor: a second document, shown as "same number".
  await ledger.recordSightings(
    [detection('invoice', 'INV-6', { vendor: 'Initech', total: eur(10000), issueDate: '2025-02-05' })],
    page('https://mail.example/2'),
  );
  return made;
}

describe('readRecord', () => {
  it('gives every document the balances and suggestions a re-match of the whole ledger gives', async () => {
    const { db } = await seeded();
    const docs = await db.documents.toArray();
    const full = rematch({
      docs,
      existing: await db.exceptions.toArray(),
      settings: await getSettings(db),
      now: '2025-03-02T00:00:00.000Z',
    });
    let withBalance = 0;
    let withSuggestion = 0;
    for (const doc of docs) {
      const record = await readRecord(db, doc.id, '2025-03-02T00:00:00.000Z');
      // A PO's own balance; for the others, the balances of the POs the full run links them to.
      const tiedTo = new Set(full.links.filter((l) => l.docId === doc.id).map((l) => l.poId));
      const mine = (b: { poId: string }) => (doc.kind === 'po' ? b.poId === doc.id : tiedTo.has(b.poId));
      const byPo = (a: { poId: string }, b: { poId: string }) => (a.poId < b.poId ? -1 : 1);
      expect(record?.balances.sort(byPo), doc.number).toEqual(full.balances.filter(mine).sort(byPo));
      expect(record?.suggestions, doc.number).toEqual(full.suggestions.filter((s) => s.docId === doc.id));
      withBalance += record?.balances.length ? 1 : 0;
      withSuggestion += record?.suggestions.length ? 1 : 0;
    }
    // The fixture exercises both, or the comparison above proves little.
    expect(withBalance).toBeGreaterThan(5);
    expect(withSuggestion).toBeGreaterThan(0);
  });

  it('links a PO to what references it, an invoice to its POs and credit notes, and keeps a PO’s exceptions', async () => {
    const { db } = await seeded();
    const po = await db.documents.where('[kind+key]').equals(['po', '4500012345']).first();
    const record = await readRecord(db, po?.id ?? '', '2025-03-02T00:00:00.000Z');
    expect(record?.linked.map((d) => d.number).sort()).toEqual(['CN-1', 'INV-1', 'INV-2']);
    expect(record?.exceptions.some((e) => e.type === 'over_billed' && e.state === 'open')).toBe(true);
    const invoice = await db.documents.where('[kind+key]').equals(['invoice', '1']).first();
    const invRecord = await readRecord(db, invoice?.id ?? '', '2025-03-02T00:00:00.000Z');
    expect(invRecord?.linked.map((d) => d.number).sort()).toEqual(['4500012345', 'CN-1']);
    const shared = await db.documents.where('[kind+key]').equals(['invoice', '5']).first();
    const sharedRecord = await readRecord(db, shared?.id ?? '', '2025-03-02T00:00:00.000Z');
    // Two vendors' POs share key 777: the invoice is linked to the one of its own vendor, which carries it.
    expect(sharedRecord?.linked.map((d) => d.vendor)).toEqual(['Globex']);
    expect(sharedRecord?.balances.map((b) => b.invoiced.amount)).toContain(7000);
    const repeated = await db.documents.where('[kind+key]').equals(['invoice', '6']).toArray();
    expect(repeated).toHaveLength(2);
    const repeatedRecord = await readRecord(db, repeated[0]?.id ?? '', '2025-03-02T00:00:00.000Z');
    expect(repeatedRecord?.sameNumber.map((d) => d.id)).toEqual([repeated[1]?.id]);
    expect(await readRecord(db, 'nope', '2025-03-02T00:00:00.000Z')).toBeUndefined();
  });

  it('gives every listed document its own status: the over-billed invoice under its PO shows its exception', async () => {
    const { db } = await seeded();
    const po = await db.documents.where('[kind+key]').equals(['po', '4500012345']).first();
    const record = await readRecord(db, po?.id ?? '', '2025-03-02T00:00:00.000Z');
    const status = (number: string) => record?.statuses[record.linked.find((d) => d.number === number)?.id ?? ''];
    // INV-1 (600.00) and INV-2 (500.00) less CN-1 (50.00) bill 1,050.00 of a 1,000.00 PO.
    expect(status('INV-1')).toMatchObject({
      code: 'exception',
      exception: 'over_billed',
      headline: 'Over-billed by €50.00',
    });
    expect(record?.statuses[po?.id ?? '']).toMatchObject({ code: 'exception', label: 'Over-billed' });
    const within = await db.documents.where('[kind+key]').equals(['po', '4500012346']).first();
    const withinRecord = await readRecord(db, within?.id ?? '', '2025-03-02T00:00:00.000Z');
    expect(withinRecord?.statuses[within?.id ?? '']).toMatchObject({ code: 'po_partly_invoiced' });
    // GR-1 ties out; INV-6 has a namesake from Initech: its own exception shows, though not one of this PO's.
    expect(withinRecord?.linked.map((d) => withinRecord.statuses[d.id]?.label).sort()).toEqual([
      'Possible duplicate',
      'Tied out',
    ]);
  });

  it('lists a PO only quoted so far as not on file, never as linked', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings(
      [detection('po', '4500019120'), detection('invoice', 'INV-9', { vendor: 'Globex', poKeys: ['4500019120'] })],
      page('https://mail.example/9'),
    );
    const invoice = await db.documents.where('[kind+key]').equals(['invoice', '9']).first();
    const record = await readRecord(db, invoice?.id ?? '', '2025-03-02T00:00:00.000Z');
    expect(record?.linked).toEqual([]);
    expect(record?.quoted.map((d) => d.number)).toEqual(['4500019120']);
    expect(record?.statuses[invoice?.id ?? '']).toMatchObject({
      code: 'po_not_on_file',
      headline: 'PO 4500019120 not on file',
    });
  });
});
