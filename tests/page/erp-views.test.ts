/**
 * Views of a real single-page ERP (Tryton 6.0's web client sao; the fixtures are its markup with
 * data of our own) read by the live scanner: what each list and form gives the ledger.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { pickAdapter } from '@/lib/page/adapters';
import { createPageScanner, type Found } from '@/lib/page/scanner';
import { FIXTURES_DIR } from '@/tests/e2e/harness';

async function scan(file: string): Promise<Found[]> {
  const { document } = parseHTML(readFileSync(join(FIXTURES_DIR, 'realapps', file), 'utf8'));
  const found: Found[] = [];
  const scanner = createPageScanner({
    doc: document as unknown as Document,
    detect: (blocks) => detect(blocks, { now: new Date('2025-06-01T00:00:00Z') }),
    adapter: () => pickAdapter(document as unknown as Document, '127.0.0.1'),
    exclude: () => false,
    onFound: (list) => found.push(...list),
    onClear: () => undefined,
    sliceMs: 1e9,
  });
  await scanner.scanAll();
  return found;
}

const summary = (found: Found[]) =>
  found.map(({ detection: d }) => ({
    kind: d.kind,
    number: d.number,
    vendor: d.vendor,
    total: d.total?.minor,
    ...(d.poKeys ? { poKeys: d.poKeys } : {}),
  }));

describe('an ERP list or form takes its kind from the view', () => {
  it('the Purchases list: each bare Number is a PO, with the vendor of its own row (Party column)', async () => {
    const found = await scan('tryton-purchase-list.html');
    expect(found.map((f) => f.detection.kind)).toEqual(Array(12).fill('po'));
    expect(found.map((f) => f.detection.number)).toEqual([
      '12',
      '11',
      '10',
      '9',
      '8',
      '7',
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
    ]);
    const byNumber = Object.fromEntries(found.map((f) => [f.detection.number, f.detection]));
    expect(byNumber['12']).toMatchObject({ vendor: 'Heron Stationers Ltd', issueDate: '2025-02-12' });
    expect(byNumber['1']).toMatchObject({ vendor: 'Kestrel Tooling GmbH', issueDate: '2025-01-06' });
    expect(byNumber['10']).toMatchObject({ vendor: 'Wren Cartons Oy', issueDate: '2025-02-05' });
  });

  it("a purchase form: its Number field is the PO, with the Party as vendor and the form's Total", async () => {
    const found = await scan('tryton-purchase-form.html');
    expect(summary(found)).toEqual([{ kind: 'po', number: '12', vendor: 'Heron Stationers Ltd', total: 41040 }]);
    expect(found[0]?.field?.getAttribute('name')).toBe('number');
  });

  it("the Supplier Invoices list: the Reference is each row's invoice with its row's vendor and Total; the ERP's own Number is none", async () => {
    const found = await scan('tryton-invoice-list.html');
    const rows = summary(found).filter((r) => r.kind === 'invoice');
    expect(rows).toHaveLength(12);
    // The Description column quotes the PO ("PO 9"): a PO of its own, and the row's invoice's.
    const pos = summary(found).filter((r) => r.kind === 'po');
    expect(pos.map((p) => p.number)).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '10', '10', '1']);
    expect(pos.every((p) => p.vendor === undefined && p.total === undefined)).toBe(true);
    // The Total column, not "Amount to Pay Today" beside it (0.00 before the due date).
    expect(rows[0]).toEqual({
      kind: 'invoice',
      number: 'PR25-00802',
      vendor: 'Plover Reagents SA',
      total: 49500,
      poKeys: ['9'],
    });
    expect(rows[1]).toEqual({
      kind: 'invoice',
      number: 'OF-771377',
      vendor: 'Osprey Freight BV',
      total: 183150,
      poKeys: ['8'],
    });
    // The one without a PO quotes none.
    expect(rows.find((r) => r.number === 'OF-771502')).toEqual({
      kind: 'invoice',
      number: 'OF-771502',
      vendor: 'Osprey Freight BV',
      total: 64000,
    });
    // The invoice entered twice is on two rows, each read on its own.
    expect(rows.filter((r) => r.number === 'WC-61466')).toHaveLength(2);
  });

  it('a supplier invoice form: the Reference is the invoice with its PO, the Party and the Total; the view title names no vendor', async () => {
    const found = await scan('tryton-invoice-form.html');
    expect(summary(found)).toEqual([
      { kind: 'po', number: '9', vendor: undefined, total: undefined },
      { kind: 'invoice', number: 'PR25-00802', vendor: 'Plover Reagents SA', total: 49500, poKeys: ['9'] },
    ]);
    expect(found.map((f) => f.field?.getAttribute('name'))).toEqual(['description', 'reference']);
  });
});
