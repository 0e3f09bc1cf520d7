import { describe, expect, it } from 'vitest';
import { LedgerError } from '@/lib/ledger';
import { detection, eur, makeLedger, page } from './helpers';

describe('recordSightings', () => {
  it('creates a document per new number and answers a status per number', async () => {
    const { ledger, db } = makeLedger();
    const statuses = await ledger.recordSightings(
      [detection('po', 'PO-4500012345'), detection('invoice', 'INV-2291', { poKeys: ['4500012345'] })],
      page(),
    );
    expect(statuses.map((s) => [s.kind, s.key])).toEqual([
      ['po', '4500012345'],
      ['invoice', '2291'],
    ]);
    expect(statuses.every((s) => s.docId)).toBe(true);
    expect(await db.documents.count()).toBe(2);
  });

  it('merges the same kind + key into one document with one sighting per page', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([detection('invoice', 'INV-2291')], page('https://a.example/1'));
    await ledger.recordSightings(
      [detection('invoice', 'inv 2291'), detection('invoice', 'INV-002291')],
      page('https://b.example/2'),
    );
    const docs = await db.documents.toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]?.sightings.map((s) => s.url)).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(docs[0]?.number).toBe('INV-2291');
  });

  it('gives one document with two sightings when two tabs report the same invoice at once', async () => {
    const { ledger, db } = makeLedger();
    await Promise.all([
      ledger.recordSightings(
        [detection('invoice', 'INV-77', { vendor: 'Acme' })],
        page('https://mail.example/1', 'Tab 1'),
      ),
      ledger.recordSightings(
        [detection('invoice', 'INV-77', { vendor: 'Acme' })],
        page('https://mail.example/2', 'Tab 2'),
      ),
    ]);
    const docs = await db.documents.toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]?.sightings.map((s) => s.title).sort()).toEqual(['Tab 1', 'Tab 2']);
  });

  it('treats an invoice first seen without a vendor and then with one as the same document', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([detection('invoice', 'INV-9')], page());
    await ledger.recordSightings(
      [detection('invoice', 'INV-9', { vendor: 'Globex GmbH' })],
      page('https://x.example/'),
    );
    const docs = await db.documents.toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ vendor: 'Globex GmbH', vendorKey: 'GLOBEX' });
  });

  it('keeps two vendors with the same invoice number apart', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([detection('invoice', 'INV-9', { vendor: 'Acme' })], page());
    await ledger.recordSightings([detection('invoice', 'INV-9', { vendor: 'Globex' })], page());
    expect(await db.documents.count()).toBe(2);
  });

  it('keeps a conflicting total beside the first, flags it, and does not overwrite', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([detection('invoice', 'INV-5', { vendor: 'Acme', total: eur(10000) })], page());
    const [status] = await ledger.recordSightings(
      [detection('invoice', 'INV-5', { vendor: 'Acme', total: eur(12000) })],
      page('https://other.example/'),
    );
    const doc = await db.documents.get(status?.docId ?? '');
    expect(doc?.total).toEqual(eur(10000));
    expect(doc?.conflicts).toMatchObject([{ field: 'total', value: eur(12000) }]);
    const open = (await db.exceptions.toArray()).filter((e) => e.state === 'open');
    expect(open.map((e) => e.type)).toContain('conflicting_values');
    expect(status?.status).toBe('exception');
    expect(status?.messages.join(' ')).toMatch(/conflicting/);
  });

  it('leaves the ledger unchanged when a write fails half way', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([detection('po', 'PO-1', { vendor: 'Acme', total: eur(10000) })], page());
    const before = await db.documents.toArray();
    // The documents are written first; storing the exceptions then fails, as a full disk would.
    const failExceptions = () => {
      throw new Error('QuotaExceededError');
    };
    db.exceptions.hook('creating', failExceptions);
    await expect(
      ledger.recordSightings(
        [
          detection('po', 'PO-1', { vendor: 'Acme', total: eur(10000) }),
          detection('invoice', 'INV-1', { vendor: 'Acme', poKeys: ['999'] }),
        ],
        page('https://b.example/'),
      ),
    ).rejects.toThrow();
    db.exceptions.hook('creating').unsubscribe(failExceptions);
    expect(await db.documents.toArray()).toEqual(before);
    expect(await db.exceptions.count()).toBe(0);
  });

  it('marks an invoice tied when its PO is known and there is no exception, unknown otherwise', async () => {
    const { ledger } = makeLedger();
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n4500012345,Acme,1000.00,EUR\n', undefined, {});
    const [tied] = await ledger.recordSightings(
      [detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(50000), poKeys: ['4500012345'] })],
      page(),
    );
    expect(tied?.status).toBe('tied');
    const [unknown] = await ledger.recordSightings([detection('invoice', 'INV-2', { vendor: 'Acme' })], page());
    expect(unknown?.status).not.toBe('tied');
    const [po] = await ledger.statusesFor([{ kind: 'po', key: '4500012345' }]);
    expect(po).toMatchObject({ status: 'tied', code: 'po_partly_invoiced', label: 'Partly invoiced' });
    expect(tied).toMatchObject({ code: 'tied', headline: 'Tied out to PO 4500012345' });
    // A PO tracked by hand is one a person vouched for: on file, as matching links invoices to it.
    const bare = await ledger.track('PO 777', 'po', page());
    expect(bare).toMatchObject({ status: 'tied', code: 'po_on_file' });
  });

  it('says "PO not on file", calmly, while nothing tells Tieout the PO should be on file', async () => {
    const { ledger } = makeLedger();
    // A PO number only quoted beside an invoice: neither the PO nor the invoice's PO is on file.
    const [quoting] = await ledger
      .recordSightings(
        [detection('po', '4500019120'), detection('invoice', 'INV-3', { vendor: 'Globex', poKeys: ['4500019120'] })],
        page('https://mail.example/x'),
      )
      .then((s) => s.slice(1));
    expect(quoting).toMatchObject({ status: 'unknown', code: 'po_not_on_file', label: 'PO not on file' });
    const [quotedPo] = await ledger.statusesFor([{ kind: 'po', key: '4500019120' }]);
    expect(quotedPo).toMatchObject({ status: 'unknown', code: 'po_not_on_file' });
    const [missing] = await ledger.statusesFor([{ key: 'NOPE1' }]);
    expect(missing).toMatchObject({ status: 'unknown', key: 'NOPE1' });
    expect(missing?.docId).toBeUndefined();
  });
});

describe('credit notes and possible duplicates', () => {
  it('gives a credit note the PO keys of the invoice it corrects, whichever arrives first', async () => {
    const { ledger, db } = makeLedger();
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n100,Acme,1000.00,EUR\n');
    await ledger.importCsv('Credit Note Number,Vendor,Original Invoice,Amount,Currency\nCN-1,Acme,INV-1,50.00,EUR\n');
    const credit = await db.documents.where('[kind+key]').equals(['credit_note', '1']).first();
    expect(credit?.correctsKey).toBe('1');
    expect(credit?.poKeys).toEqual([]);
    await ledger.recordSightings(
      [detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(105000), poKeys: ['100'] })],
      page(),
    );
    expect((await db.documents.get(credit?.id ?? ''))?.poKeys).toEqual(['100']);
    const po = (await ledger.documentsForPo('100')).pos[0];
    const record = await ledger.getRecord(po?.id ?? '');
    expect(record?.balances[0]?.credited.amount).toBe(5000);
  });

  it('loads same-amount invoices of other vendors so a possible duplicate is found', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings(
      [detection('invoice', 'INV-10045', { vendor: 'Acme', total: eur(48000), issueDate: '2025-03-01' })],
      page(),
    );
    await ledger.recordSightings(
      [detection('invoice', 'INV-1OO45', { total: eur(48000), issueDate: '2025-03-03' })],
      page('https://mail.example/'),
    );
    const types = (await db.exceptions.toArray()).filter((e) => e.state === 'open').map((e) => e.type);
    expect(types).toContain('possible_duplicate');
  });
});

describe('ignore and track', () => {
  it('answers ignored for a key the clerk ignored on that site and stores nothing', async () => {
    const { ledger, db } = makeLedger();
    await ledger.ignore('12345', 'https://portal.example.com');
    const [s] = await ledger.recordSightings([detection('po', '12345')], page('https://portal.example.com/x'));
    expect(s?.status).toBe('ignored');
    expect(await db.documents.count()).toBe(0);
    const [other] = await ledger.recordSightings([detection('po', '12345')], page('https://elsewhere.example/x'));
    expect(other?.status).not.toBe('ignored');
  });
  it('answers ignored on a later status query from that site only (tab switch, menu action)', async () => {
    const { ledger } = makeLedger();
    await ledger.recordSightings([detection('po', '4242')], page('https://elsewhere.example/x'));
    await ledger.ignore('4242', 'https://portal.example.com');
    const [here] = await ledger.statusesFor([{ key: '4242' }], 'https://portal.example.com/list');
    expect(here?.status).toBe('ignored');
    const [there] = await ledger.statusesFor([{ key: '4242' }], 'https://elsewhere.example/x');
    expect(there?.status).not.toBe('ignored');
  });
  it('tracks a number by hand as a confirmed document and lifts an ignore', async () => {
    const { ledger, db } = makeLedger();
    await ledger.ignore('777', 'https://portal.example.com');
    const s = await ledger.track('PO 777', 'po', page('https://portal.example.com/a'));
    expect(s.status).not.toBe('ignored');
    const doc = await db.documents.get(s.docId ?? '');
    expect(doc?.sightings[0]?.via).toBe('manual');
    await expect(ledger.track('---', 'po', page())).rejects.toBeInstanceOf(LedgerError);
  });
});

describe('queries', () => {
  it('looks up by key, prefix, loose OCR key, vendor and amount', async () => {
    const { ledger } = makeLedger();
    await ledger.importCsv(
      [
        'PO Number,Vendor,Amount,Currency',
        '4500012345,Acme Corp,"1,234.56",EUR',
        '4500012399,Globex,99.00,EUR',
        '7100000001,Initech,480.00,USD',
      ].join('\n'),
    );
    const keys = async (q: string) => (await ledger.lookup(q, 10)).map((h) => `${h.doc.key}:${h.matchedBy}`);
    expect(await keys('4500012345')).toEqual(['4500012345:key']);
    expect(await keys('PO 450001')).toEqual(['4500012345:prefix', '4500012399:prefix']);
    expect(await keys('PO 45000l2345')).toEqual(['4500012345:loose']);
    expect(await keys('globex')).toEqual(['4500012399:vendor']);
    expect(await keys('1,234.56')).toContain('4500012345:amount');
    expect(await keys('$480.00')).toEqual(['7100000001:amount']);
    expect(await ledger.lookup(`${'x'.repeat(10_000)}.*+?[(`, 10)).toEqual([]);
    expect(await ledger.lookup('   ', 10)).toEqual([]);
  });

  it('lists documents for a PO, by vendor, and the numbers seen on a URL', async () => {
    const { ledger } = makeLedger();
    await ledger.recordSightings(
      [
        detection('po', 'PO-100', { vendor: 'Acme' }),
        detection('invoice', 'INV-1', { vendor: 'Acme', poKeys: ['100'] }),
        detection('invoice', 'INV-2', { vendor: 'Acme', poKeys: ['100'] }),
      ],
      page('https://portal.example.com/po/100'),
    );
    await ledger.recordSightings([detection('invoice', 'INV-3', { vendor: 'Globex' })], page('https://mail.example/'));
    const forPo = await ledger.documentsForPo('PO-100');
    expect(forPo.pos.map((d) => d.key)).toEqual(['100']);
    expect(forPo.related.map((d) => d.key).sort()).toEqual(['1', '2']);
    expect(forPo.balances).toHaveLength(1);
    expect((await ledger.byVendor('ACME Inc.')).map((d) => d.key).sort()).toEqual(['1', '100', '2']);
    const seen = await ledger.recentSightingsForUrl('https://portal.example.com/po/100');
    expect(seen.map((s) => s.doc.key).sort()).toEqual(['1', '100', '2']);
    expect(await ledger.recentSightingsForUrl('https://nowhere.example/')).toEqual([]);
  });

  it('shows a record with its linked documents, balance, exceptions and suggestions', async () => {
    const { ledger } = makeLedger();
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n4500012345,Acme,1000.00,EUR\n');
    const [inv] = await ledger.recordSightings(
      [detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(104000), poKeys: ['4500012345'] })],
      page(),
    );
    const [misread] = await ledger.recordSightings(
      [detection('invoice', 'INV-2', { vendor: 'Acme', total: eur(100), poKeys: ['45000l2345'] })],
      page(),
    );
    const po = (await ledger.documentsForPo('4500012345')).pos[0];
    const record = await ledger.getRecord(po?.id ?? '');
    expect(record?.linked.map((d) => d.key)).toEqual(['1']);
    expect(record?.balances[0]?.invoiced.amount).toBe(104000);
    expect(record?.exceptions.map((e) => e.type)).toContain('over_billed');
    const invRecord = await ledger.getRecord(inv?.docId ?? '');
    expect(invRecord?.linked.map((d) => d.key)).toEqual(['4500012345']);
    const misreadRecord = await ledger.getRecord(misread?.docId ?? '');
    expect(misreadRecord?.suggestions.map((s) => s.candidateKey)).toEqual(['4500012345']);
    expect(await ledger.getRecord('nope')).toBeUndefined();
  });
});

describe('clerk actions', () => {
  it('accepts an exception with a note that survives a re-match', async () => {
    const { ledger, db } = makeLedger();
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n100,Acme,1000.00,EUR\n');
    await ledger.recordSightings(
      [detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(110000), poKeys: ['100'] })],
      page(),
    );
    const over = (await db.exceptions.toArray()).find((e) => e.type === 'over_billed');
    expect(over?.state).toBe('open');
    const accepted = await ledger.acceptException(over?.id ?? '', 'freight agreed by phone');
    expect(accepted).toMatchObject({
      state: 'resolved',
      resolution: { kind: 'accepted', note: 'freight agreed by phone' },
    });
    await ledger.recordSightings(
      [detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(110000), poKeys: ['100'] })],
      page('https://again.example/'),
    );
    expect((await db.exceptions.get(over?.id ?? ''))?.resolution?.note).toBe('freight agreed by phone');
    await expect(ledger.acceptException('missing', 'x')).rejects.toThrow(/no longer/);
    await expect(ledger.markNotDuplicate(over?.id ?? '', 'x')).rejects.toThrow(/duplicate/);
  });

  it('links a suggested PO: the misread reference is replaced and the unknown PO closed with the note', async () => {
    const { ledger, db } = makeLedger();
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n4500012345,Acme,1000.00,EUR\n');
    const [s] = await ledger.recordSightings(
      [detection('invoice', 'INV-2', { vendor: 'Acme', total: eur(100), poKeys: ['45000l2345'] })],
      page(),
    );
    expect(s?.status).toBe('exception');
    const doc = await ledger.linkSuggestion(s?.docId ?? '', '4500012345', 'OCR misread');
    expect(doc.poKeys).toEqual(['4500012345']);
    expect(doc.confirmed).toContain('poKeys');
    const unknown = (await db.exceptions.toArray()).find((e) => e.type === 'unknown_po');
    expect(unknown?.resolution).toMatchObject({ kind: 'linked', note: 'OCR misread' });
    const [after] = await ledger.statusesFor([{ kind: 'invoice', key: '2' }]);
    expect(after?.status).toBe('tied');
  });

  it('edits a detected field: user-confirmed, conflict settled, detection cannot undo it', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([detection('invoice', 'INV-5', { vendor: 'Acme', total: eur(100) })], page());
    const [s] = await ledger.recordSightings(
      [detection('invoice', 'INV-5', { vendor: 'Acme', total: eur(200) })],
      page(),
    );
    const edited = await ledger.editField(s?.docId ?? '', 'total', eur(200));
    expect(edited.total).toEqual(eur(200));
    expect(edited.confirmed).toContain('total');
    expect(edited.conflicts).toEqual([]);
    expect(
      (await db.exceptions.toArray()).filter((e) => e.state === 'open' && e.type === 'conflicting_values'),
    ).toEqual([]);
    await ledger.recordSightings([detection('invoice', 'INV-5', { vendor: 'Acme', total: eur(100) })], page());
    expect((await db.documents.get(s?.docId ?? ''))?.total).toEqual(eur(200));
    await expect(ledger.editField(s?.docId ?? '', 'date', '31/02/2025')).rejects.toBeInstanceOf(LedgerError);
    await expect(ledger.editField(s?.docId ?? '', 'id' as 'date', 'x')).rejects.toThrow(/cannot be edited/);
  });

  it('deletes a document with undo, even after the service is recreated', async () => {
    const { ledger, db, name } = makeLedger();
    await ledger.recordSightings([detection('invoice', 'INV-5', { vendor: 'Acme', total: eur(100) })], page());
    const [s] = await ledger.recordSightings(
      [detection('invoice', 'INV-5', { vendor: 'Acme', total: eur(200) })],
      page(),
    );
    const before = await db.documents.get(s?.docId ?? '');
    const exceptionsBefore = await db.exceptions.toArray();
    expect(exceptionsBefore.length).toBeGreaterThan(0);
    const token = await ledger.deleteDocument(s?.docId ?? '');
    expect(await db.documents.count()).toBe(0);
    expect(await db.exceptions.count()).toBe(0);
    db.close();
    const { openLedgerDb, createLedger } = await import('@/lib/ledger');
    const db2 = openLedgerDb({ name });
    const again = createLedger(db2, { now: () => new Date('2025-03-02T00:00:00Z'), newId: () => 'fresh' });
    const restored = await again.undoDelete(token);
    expect(restored).toEqual(before);
    expect(await db2.exceptions.toArray()).toEqual(exceptionsBefore);
    await expect(again.undoDelete(token)).rejects.toThrow(/nothing to undo/i);
  });

  it('counts and wipes', async () => {
    const { ledger } = makeLedger();
    await ledger.recordSightings(
      [
        detection('po', 'PO-1', { vendor: 'Acme', total: eur(10000) }),
        detection('invoice', 'INV-1', { vendor: 'Acme', poKeys: ['999'] }),
      ],
      page(),
    );
    const c = await ledger.counts();
    expect(c.documents).toBe(2);
    expect(c.byKind).toEqual({ po: 1, invoice: 1, credit_note: 0, receipt: 0 });
    expect(c.exceptions.open).toBeGreaterThan(0);
    await ledger.wipe();
    expect((await ledger.counts()).documents).toBe(0);
  });
});

describe('settings', () => {
  it('saves zod-checked tolerances and re-matches under them', async () => {
    const { ledger, db } = makeLedger();
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n100,Acme,1000.00,EUR\n');
    await ledger.recordSightings(
      [detection('invoice', 'INV-1', { vendor: 'Acme', total: eur(103000), poKeys: ['100'] })],
      page(),
    );
    expect((await db.exceptions.toArray()).some((e) => e.type === 'over_billed' && e.state === 'open')).toBe(true);
    const current = await ledger.getSettings();
    await ledger.saveSettings({ ...current, total: { percent: 5 } });
    expect((await ledger.getSettings()).total).toEqual({ percent: 5 });
    expect((await db.exceptions.toArray()).some((e) => e.type === 'over_billed' && e.state === 'open')).toBe(false);
    await expect(ledger.saveSettings({ ...current, total: { percent: -1 } })).rejects.toThrow(/not saved/);
    expect((await ledger.getSettings()).total).toEqual({ percent: 5 });
  });
});

describe('one document per record of an application', () => {
  const record = (id: number) => ({
    url: `http://erp.example/#db/model/account.invoice/${id}`,
    title: 'Supplier Invoices',
    via: 'form' as const,
  });
  const invoice = () => detection('invoice', 'WC-61466', { vendor: 'Wren Cartons Oy', total: eur(72500) });

  it('the same invoice on two records is two documents and a duplicate_invoice; the same record again is the same one', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([invoice()], record(11));
    await ledger.recordSightings([invoice()], record(12));
    await ledger.recordSightings([invoice()], record(11));
    // A list names no record: it joins one of them.
    await ledger.recordSightings([invoice()], {
      url: 'http://erp.example/#db/model/account.invoice',
      title: 'Supplier Invoices',
    });
    const docs = await db.documents.toArray();
    expect(docs).toHaveLength(2);
    expect(
      docs.map((d) => [...new Set(d.sightings.filter((s) => s.via === 'form').map((s) => s.url.split('/').pop()))]),
    ).toEqual([['11'], ['12']]);
    const open = (await db.exceptions.toArray()).filter((e) => e.state === 'open' && /duplicate/.test(e.type));
    expect(open.map((e) => e.type)).toEqual(['duplicate_invoice']);
    expect(new Set(open[0]?.docIds)).toEqual(new Set(docs.map((d) => d.id)));
    expect(open[0]?.message).toMatch(/^Invoice WC-61466 from Wren Cartons Oy was entered twice \(records 11 and 12\)/);
  });

  it('an e-mail and its reminder, or the text of two pages, stay one invoice', async () => {
    const { ledger, db } = makeLedger();
    await ledger.recordSightings([invoice()], { url: 'https://mail.example/#!/Mail/0/INBOX/11', title: 'Invoice' });
    await ledger.recordSightings([invoice()], { url: 'https://mail.example/#!/Mail/0/INBOX/12', title: 'Reminder' });
    expect(await db.documents.count()).toBe(1);
    expect((await db.exceptions.toArray()).filter((e) => e.type === 'duplicate_invoice')).toEqual([]);
  });
});
