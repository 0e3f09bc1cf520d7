import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportRowsError, LedgerError } from '@/lib/ledger';
import { MAX_CSV_BYTES, parseCsvFile } from '@/lib/ledger/csv';
import { makeLedger } from './helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/csv', name)));

describe('header auto-mapping for ERP exports', () => {
  it('QuickBooks purchase orders: mixed Type column, month-first dates, per-line amounts', () => {
    const p = parseCsvFile(fixture('quickbooks-purchase-orders.csv'));
    expect(p.mapping.format).toBe('QuickBooks');
    expect(p.errors).toEqual([]);
    expect(p.incoming.map((d) => [d.kind, d.key, d.vendor, d.date, d.total?.minor])).toEqual([
      ['po', '1001', 'Acme Office Supply', '2025-03-04', 210000],
      ['po', '1002', 'Globex Corporation', '2025-03-18', 45000],
    ]);
    expect(p.incoming[0]?.lines).toEqual([
      {
        sku: 'Chair',
        quantity: 10,
        unitPrice: { minor: 12000, currency: 'USD' },
        amount: { minor: 120000, currency: 'USD' },
      },
      {
        sku: 'Desk',
        quantity: 2,
        unitPrice: { minor: 45000, currency: 'USD' },
        amount: { minor: 90000, currency: 'USD' },
      },
    ]);
  });

  it('Xero bills: invoice number, PO reference, repeated total, line amounts', () => {
    const p = parseCsvFile(fixture('xero-bills.csv'));
    expect(p.mapping.format).toBe('Xero');
    expect(p.kind).toBe('invoice');
    expect(p.incoming.map((d) => [d.kind, d.key, d.poKeys, d.total, d.dueDate, d.lines?.length])).toEqual([
      ['invoice', '2291', ['1001'], { minor: 210000, currency: 'USD' }, '2025-04-19', 2],
      ['invoice', 'GX77', ['1002'], { minor: 45000, currency: 'USD' }, '2025-04-24', 1],
    ]);
  });

  it('NetSuite transactions: every kind in one file, PO from "Created From"', () => {
    const p = parseCsvFile(fixture('netsuite-transactions.csv'));
    expect(p.mapping.format).toBe('NetSuite');
    expect(p.errors).toEqual([]);
    expect(p.incoming.map((d) => [d.kind, d.key, d.poKeys ?? [], d.status])).toEqual([
      ['po', '7781', [], 'open'],
      ['invoice', '5521', ['7781'], undefined],
      ['receipt', 'IR301', ['7781'], undefined],
      ['credit_note', 'VC12', ['7781'], undefined],
    ]);
  });

  it('SAP ME2N in German: semicolons, decimal commas, dotted dates, one row per item', () => {
    const p = parseCsvFile(fixture('sap-me2n-de.csv'));
    expect(p.mapping.format).toBe('SAP ME2N/ME80FN');
    expect(p.delimiter).toBe(';');
    expect(p.mapping.decimal).toBe(',');
    expect(p.errors).toEqual([]);
    const [first, second] = p.incoming;
    expect(first).toMatchObject({ kind: 'po', key: '4500012345', vendor: 'Müller GmbH', date: '2025-03-04' });
    expect(first?.total).toEqual({ minor: 22000, currency: 'EUR' });
    expect(first?.lines?.map((l) => [l.sku, l.quantity, l.unitPrice?.minor, l.amount?.minor])).toEqual([
      ['MAT-100', 1000, 12, 12000],
      ['MAT-200', 2000, 5, 10000],
    ]);
    expect(second?.total).toEqual({ minor: 617250, currency: 'EUR' });
  });

  it('SAP ME80FN in English: tabs, year-first dates', () => {
    const p = parseCsvFile(fixture('sap-me80fn-en.csv'));
    expect(p.delimiter).toBe('\t');
    expect(p.incoming.map((d) => [d.key, d.date, d.total?.minor])).toEqual([
      ['4500020001', '2025-01-15', 100000],
      ['4500020002', '2025-01-16', 750000],
    ]);
  });

  it('Odoo purchase orders: order lines columns, status, date with time', () => {
    const p = parseCsvFile(fixture('odoo-purchase.csv'));
    expect(p.mapping.format).toBe('Odoo');
    expect(p.incoming.map((d) => [d.key, d.date, d.total?.minor, d.status, d.lines?.[0]?.sku])).toEqual([
      ['P00042', '2025-04-02', 150000, 'open', '[FURN_01] Table'],
      ['P00043', '2025-04-03', 30000, 'closed', '[FURN_02] Stool'],
    ]);
  });

  it('a plain spreadsheet and a French invoice list', () => {
    const plain = parseCsvFile(fixture('plain-po.csv'));
    expect(plain.mapping.format).toBe('plain spreadsheet');
    expect(plain.incoming.map((d) => [d.number, d.key, d.total])).toEqual([
      ['PO-0012345', '12345', { minor: 123456, currency: 'USD' }],
      ['PO-0012346', '12346', { minor: 98000, currency: 'EUR' }],
      ['PO-0012347', '12347', { minor: 120000, currency: 'JPY' }],
    ]);
    const fr = parseCsvFile(fixture('factures-fr.csv'));
    expect(fr.kind).toBe('invoice');
    expect(fr.incoming.map((d) => [d.key, d.vendor, d.date, d.total?.minor, d.poKeys])).toEqual([
      ['FA2025001', 'Société Générale', '2025-03-04', 123456, ['12345']],
      ['FA2025002', 'Dupont SARL', '2025-03-05', 98000, ['12346']],
    ]);
  });

  it('ignores a Type column that holds something other than the document kind', () => {
    const p = parseCsvFile('PO Number,Type,Amount\n1,Standard,5.00\n2,Blanket,6.00\n');
    expect(p.mapping.columns.kind).toBeUndefined();
    expect(p.errors).toEqual([]);
    expect(p.incoming.map((d) => [d.kind, d.key])).toEqual([
      ['po', '1'],
      ['po', '2'],
    ]);
  });

  it('previews the mapping, headers, first rows and row count', async () => {
    const { ledger } = makeLedger();
    const p = ledger.previewCsv(fixture('plain-po.csv'));
    expect(p.headers).toEqual(['PO Number', 'Vendor', 'Order Date', 'Amount', 'Currency']);
    expect(p.rows).toHaveLength(3);
    expect(p.mapping.columns).toMatchObject({ number: 0, vendor: 1, date: 2, total: 3, currency: 4 });
    expect(p.documents).toBe(3);
    expect('incoming' in p).toBe(false);
  });
});

describe('malformed files: a clear sentence, nothing written', () => {
  async function expectNothingWritten(
    run: (l: ReturnType<typeof makeLedger>['ledger']) => Promise<unknown>,
    message: RegExp,
  ) {
    const { ledger, db } = makeLedger();
    await ledger.importCsv('PO Number,Vendor\n1,Acme\n');
    const before = await db.documents.toArray();
    await expect(run(ledger)).rejects.toThrow(message);
    expect(await db.documents.toArray()).toEqual(before);
  }

  it('wrong delimiter', async () => {
    expect(() => parseCsvFile(fixture('wrong-delimiter.csv'))).toThrow(/single column/);
    await expectNothingWritten((l) => l.importCsv(fixture('wrong-delimiter.csv')), /commas, semicolons, tabs or pipes/);
  });

  it('missing header', async () => {
    const p = parseCsvFile(fixture('no-header.csv'));
    expect(p.errors[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/looks like data/) });
    await expectNothingWritten((l) => l.importCsv(fixture('no-header.csv')), /header line/);
  });

  it('bad amounts, dates and currencies: every row error with its line', async () => {
    const p = parseCsvFile(fixture('bad-amounts.csv'));
    expect(p.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(p.errors.map((e) => e.reason)).toEqual([
      'Amount "12abc" is not an amount',
      'Date "2025-02-30" is not a date',
      'Currency "EURO" is not a three-letter ISO code such as EUR or USD',
      'Amount "1.999" is not an amount',
    ]);
    await expectNothingWritten(
      (l) => l.importCsv(fixture('bad-amounts.csv')),
      /4 rows have errors \(line 3 Amount "12abc"/,
    );
    const err = await makeLedger()
      .ledger.importCsv(fixture('bad-amounts.csv'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRowsError);
    expect((err as ImportRowsError).errors).toHaveLength(4);
  });

  it('imports only the valid rows when the clerk chooses to', async () => {
    const { ledger, db } = makeLedger();
    const result = await ledger.importCsv(fixture('bad-amounts.csv'), undefined, { allowPartial: true });
    expect(result).toMatchObject({ documents: 2, created: 2, importedRows: 2 });
    expect(result.skipped).toHaveLength(4);
    expect((await db.documents.toArray()).map((d) => d.key).sort()).toEqual(['4500012345', '4500012350']);
  });

  it('leaves out a whole document when one of its lines is bad', () => {
    const p = parseCsvFile('PO Number,Amount,Qty\n1,10.00,1\n1,oops,2\n2,5.00,1\n');
    expect(p.incoming.map((d) => d.key)).toEqual(['2']);
  });

  it('a 50 MB file', async () => {
    const big = `PO Number,Vendor\n${'4500012345,Acme\n'.repeat(Math.ceil((50 * 1024 * 1024) / 16))}`;
    expect(big.length).toBeGreaterThan(MAX_CSV_BYTES);
    await expectNothingWritten((l) => l.importCsv(big), /50\.0 MB.*up to 32\.0 MB.*Nothing was imported/);
    await expectNothingWritten((l) => l.importCsv(new TextEncoder().encode(big)), /50\.0 MB/);
  });

  it('non-UTF-8 bytes', async () => {
    await expectNothingWritten((l) => l.importCsv(fixture('latin1.csv')), /not UTF-8.*CSV UTF-8.*Nothing was imported/);
    await expectNothingWritten((l) => l.importCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00])), /UTF-16.*cut short/);
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode Text": tab-separated)', () => {
    const text = 'PO Number\tVendor\tTotal\n4500012345\tMüller GmbH\t1.234,50 €\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    const be = new Uint8Array(2 + text.length * 2);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 + 2 * i] = c & 0xff;
      le[3 + 2 * i] = c >> 8;
      be[2 + 2 * i] = c >> 8;
      be[3 + 2 * i] = c & 0xff;
    }
    for (const bytes of [le, be]) {
      const p = parseCsvFile(bytes);
      expect(p.errors).toEqual([]);
      expect(p.incoming.map((d) => [d.key, d.vendor, d.total?.minor])).toEqual([['4500012345', 'Müller GmbH', 123450]]);
    }
  });

  it('an empty file, rows of the wrong width, an unknown type', () => {
    expect(() => parseCsvFile('')).toThrow(LedgerError);
    const p = parseCsvFile('Type,Num,Amount\nBill,1,5.00\nJournal,2,1.00\nBill,3\n');
    expect(p.errors).toEqual([
      { line: 3, reason: 'Type "Journal" is not a PO, invoice, credit note or receipt' },
      { line: 4, reason: 'has 2 columns where the header has 3' },
    ]);
  });

  it('counts lines with line breaks inside quoted cells', () => {
    const p = parseCsvFile('PO Number,Description,Amount\n1,"two\nlines",1.00\n2,x,bad\n');
    expect(p.errors).toEqual([{ line: 4, reason: 'Amount "bad" is not an amount' }]);
  });
});

describe('import writes', () => {
  it('is idempotent: the same file twice changes no value and adds a sighting', async () => {
    const { ledger, db } = makeLedger();
    await ledger.importCsv(fixture('plain-po.csv'), undefined, { fileName: 'po.csv' });
    const first = await db.documents.toArray();
    const again = await ledger.importCsv(fixture('plain-po.csv'), undefined, { fileName: 'po.csv' });
    expect(again).toMatchObject({ created: 0, updated: 3 });
    const second = await db.documents.toArray();
    expect(second.map((d) => [d.key, d.total, d.vendor])).toEqual(first.map((d) => [d.key, d.total, d.vendor]));
    expect(second[0]?.sightings).toHaveLength(2);
    expect(second[0]?.sightings[0]).toMatchObject({ via: 'import', url: 'import:po.csv', snippet: 'line 2' });
  });

  it('an imported value wins over a detected one and marks the field confirmed', async () => {
    const { ledger, db } = makeLedger();
    await ledger.track('PO-0012345', 'po', { url: 'https://portal.example/', title: 'PO' });
    await ledger.importCsv(fixture('plain-po.csv'));
    const doc = await db.documents.where('key').equals('12345').first();
    expect(doc?.total).toEqual({ minor: 123456, currency: 'USD' });
    expect(doc?.confirmed).toEqual(expect.arrayContaining(['total', 'vendor', 'date']));
    expect(doc?.sightings.map((s) => s.via)).toEqual(['manual', 'import']);
  });

  it('cancelling writes nothing, even after the first chunk was written', async () => {
    const { ledger, db } = makeLedger();
    const rows = Array.from({ length: 12_000 }, (_, i) => `${4500000000 + i},Vendor ${i % 50},${(i % 900) + 1}.00,EUR`);
    const controller = new AbortController();
    const phases: string[] = [];
    await expect(
      ledger.importCsv(`PO Number,Vendor,Amount,Currency\n${rows.join('\n')}`, undefined, {
        signal: controller.signal,
        onProgress: (p) => {
          phases.push(`${p.phase}:${p.done}`);
          if (p.phase === 'writing') controller.abort();
        },
      }),
    ).rejects.toThrow('The import was cancelled. Nothing was imported.');
    expect(phases).toContain('writing:5000');
    expect(await db.documents.count()).toBe(0);
  }, 30_000);

  it('reports progress through to done', async () => {
    const { ledger } = makeLedger();
    const phases: string[] = [];
    const r = await ledger.importCsv(fixture('xero-bills.csv'), undefined, { onProgress: (p) => phases.push(p.phase) });
    expect(r.documents).toBe(2);
    expect(phases[0]).toBe('reading');
    expect(phases.at(-1)).toBe('done');
    expect(phases).toContain('writing');
  });
});
