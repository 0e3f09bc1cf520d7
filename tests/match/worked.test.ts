import { describe, expect, it } from 'vitest';
import { rematch } from '@/lib/match';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '@/lib/model/settings';
import { cn, inv, line, NOW, po, rcpt } from './fixtures';

const run = (docs: Parameters<typeof rematch>[0]['docs'], settings: MatchSettings = DEFAULT_MATCH_SETTINGS) =>
  rematch({ docs, existing: [], settings, now: NOW });

const open = (out: ReturnType<typeof rematch>) => out.exceptions.filter((e) => e.state === 'open');

describe('worked examples (issue 5)', () => {
  it('500 chairs at $120 invoiced in two partial invoices tie out exactly', () => {
    const order = po('4500012345', { date: '2026-01-05', total: '60000.00', lines: [line('CHAIR-01', 500, '120.00')] });
    const first = inv('INV-1001', '4500012345', {
      date: '2026-01-20',
      total: '36000.00',
      lines: [line('CHAIR-01', 300, '120.00')],
    });
    const second = inv('INV-1002', '4500012345', {
      date: '2026-02-10',
      total: '24000.00',
      lines: [line('CHAIR-01', 200, '120.00')],
    });
    const afterFirst = run([order, first]);
    expect(open(afterFirst)).toEqual([]);
    expect(afterFirst.balances[0]?.remaining).toEqual({ quantity: 200, amount: 2_400_000 });

    const out = run([order, first, second]);
    expect(open(out)).toEqual([]);
    expect(out.links).toEqual([
      { docId: first.id, poId: order.id },
      { docId: second.id, poId: order.id },
    ]);
    const b = out.balances[0]!;
    expect(b.ordered).toEqual({ quantity: 500, amount: 6_000_000 });
    expect(b.invoiced).toEqual({ quantity: 500, amount: 6_000_000 });
    expect(b.remaining).toEqual({ quantity: 0, amount: 0 });
    expect(b.lines[0]).toMatchObject({ lineKey: 'sku:CHAIR-01', unitPrice: 12_000, invoiced: { quantity: 500 } });

    // A third invoice for 10 more chairs: the PO was already fully billed, and is now over.
    const third = inv('INV-1003', '4500012345', {
      date: '2026-02-20',
      total: '1200.00',
      lines: [line('CHAIR-01', 10, '120.00')],
    });
    const types = open(run([order, first, second, third])).map((e) => e.type);
    expect(types.sort()).toEqual(['closed_po', 'over_billed', 'quantity_variance']);
  });

  it('an invoice 4% over a PO with a 2% total tolerance is over-billed, with the numbers in the message', () => {
    const settings: MatchSettings = { ...DEFAULT_MATCH_SETTINGS, total: { percent: 2 } };
    const docs = [po('4500012345', { total: '12000.00' }), inv('INV-2291', '4500012345', { total: '12480.00' })];
    const ex = open(run(docs, settings));
    expect(ex).toHaveLength(1);
    expect(ex[0]).toMatchObject({ type: 'over_billed', severity: 'high', poKey: '4500012345' });
    expect(ex[0]?.message).toBe('Invoice INV-2291 is $480.00 (4.0%) over PO 4500012345; tolerance 2%');
    // The same 4% within a 5% tolerance passes; 2% exactly at a 2% tolerance passes too.
    expect(open(run(docs, { ...settings, total: { percent: 5 } }))).toEqual([]);
    // Under the defaults (no percentage, $1.00 for rounding) it is over too, and says so.
    expect(open(run(docs))[0]?.message).toBe('Invoice INV-2291 is $480.00 (4.0%) over PO 4500012345; tolerance $1.00');
    expect(open(run([po('P1', { total: '12000.00' }), inv('I1', 'P1', { total: '12240.00' })], settings))).toEqual([]);
    expect(open(run([po('P1', { total: '12000.00' }), inv('I1', 'P1', { total: '12240.01' })], settings))).toHaveLength(
      1,
    );
  });

  it('an invoice 4% over on unit price is a price variance under the default +2%', () => {
    const out = run([
      po('4500012345', { lines: [line('DESK', 10, '500.00')], total: '5000.00' }),
      inv('INV-7', '4500012345', { lines: [line('DESK', 10, '520.00')], total: '5000.00' }),
    ]);
    const pv = open(out).find((e) => e.type === 'price_variance');
    expect(pv?.message).toBe(
      'Invoice INV-7 charges $520.00 a unit for DESK, $20.00 (4.0%) above PO 4500012345 ($500.00); tolerance 2%',
    );
  });

  it('the same invoice arriving twice from two emails is a duplicate, counted once in the balance', () => {
    const order = po('PO-77', { total: '1000.00' });
    const a = inv('INV-5001', 'PO-77', { id: 'inv-a', date: '2026-02-01', total: '1000.00' });
    const b = inv('INV-5001', 'PO-77', {
      id: 'inv-b',
      date: '2026-02-01',
      total: '1000.00',
      createdAt: '2026-02-03T00:00:00Z',
    });
    const out = run([order, a, b]);
    expect(open(out).map((e) => e.type)).toEqual(['duplicate_invoice']);
    expect(open(out)[0]?.docIds).toEqual(['inv-a', 'inv-b']);
    expect(open(out)[0]?.message).toContain('Invoice INV-5001 from Acme Corp was already recorded');
    expect(out.balances[0]?.invoiced.amount).toBe(100_000);
    expect(out.balances[0]?.skippedDocIds).toEqual(['inv-b']);
    // One document seen in two emails (two sightings) is not a duplicate of itself.
    expect(open(run([order, a]))).toEqual([]);
  });

  it('a vendor restarting its numbering in January is not a duplicate', () => {
    const jan2025 = inv('0001', 'PO-1', { id: 'old', date: '2025-01-06', total: '800.00' });
    const jan2026 = inv('0001', 'PO-2', { id: 'new', date: '2026-01-05', total: '950.00' });
    const out = run([po('PO-1', { total: '800.00' }), po('PO-2', { total: '950.00' }), jan2025, jan2026]);
    expect(open(out)).toEqual([]);
    // A December invoice sent again in January is still the same invoice.
    const dec = inv('0417', 'PO-1', { id: 'dec', date: '2025-12-30', total: '800.00' });
    const again = inv('0417', 'PO-1', { id: 'again', date: '2026-01-02', total: '800.00' });
    expect(open(run([po('PO-1', { total: '800.00' }), dec, again])).map((e) => e.type)).toEqual(['duplicate_invoice']);
  });

  it('a 3-way PO with a partial receipt flags what was invoiced beyond what was received', () => {
    const order = po('4500020000', {
      matchMode: '3way',
      total: '6000.00',
      lines: [line('CHAIR-01', 50, '120.00')],
    });
    const receipt = rcpt('GR-1', '4500020000', { lines: [line('CHAIR-01', 30)] });
    const invoice = inv('INV-88', '4500020000', { total: '6000.00', lines: [line('CHAIR-01', 50, '120.00')] });
    const out = run([order, receipt, invoice]);
    const ex = open(out);
    expect(ex.map((e) => e.type)).toEqual(['quantity_variance']);
    expect(ex[0]?.message).toBe('PO 4500020000: 50 invoiced but 30 received on CHAIR-01; tolerance 0 units');
    expect(ex[0]?.docIds.sort()).toEqual([invoice.id, order.id, receipt.id].sort());
    expect(out.balances[0]?.received.quantity).toBe(30);
    // Invoicing only what was received passes.
    const fits = inv('INV-88', '4500020000', { total: '3600.00', lines: [line('CHAIR-01', 30, '120.00')] });
    expect(open(run([order, receipt, fits]))).toEqual([]);
    // The same PO in 2-way mode does not look at receipts.
    expect(open(run([{ ...order, matchMode: '2way' }, receipt, invoice]))).toEqual([]);
  });

  it('a JPY PO and a EUR invoice: currency mismatch, and the invoice is not counted', () => {
    const order = po('PO-JP-1', { total: '1500000', currency: 'JPY' });
    const invoice = inv('RE-2026-1', 'PO-JP-1', { total: '9200.00', currency: 'EUR' });
    const out = run([order, invoice]);
    const ex = open(out);
    expect(ex.map((e) => e.type)).toEqual(['currency_mismatch']);
    expect(ex[0]?.message).toBe(
      'Invoice RE-2026-1 is in EUR (€9,200.00), but PO PO-JP-1 is in JPY; it is not counted in the PO balance',
    );
    expect(out.balances[0]).toMatchObject({
      currency: 'JPY',
      invoiced: { amount: 0 },
      remaining: { amount: 1_500_000 },
    });
    expect(out.balances[0]?.skippedDocIds).toEqual([invoice.id]);
  });

  it('a credit note brings an over-billed PO back into tolerance, closing the exception as resolved by data', () => {
    const order = po('4500030000', { total: '10000.00' });
    const invoice = inv('INV-9', '4500030000', { total: '10500.00' });
    const before = run([order, invoice]);
    expect(open(before).map((e) => e.type)).toEqual(['over_billed']);

    const credit = cn('CN-3', { poKeys: ['4500030000'], total: '-500.00' });
    const after = rematch({
      docs: [order, invoice, credit],
      existing: before.exceptions,
      settings: DEFAULT_MATCH_SETTINGS,
      now: '2026-03-05T00:00:00Z',
    });
    expect(open(after)).toEqual([]);
    expect(after.upserts).toHaveLength(1);
    expect(after.upserts[0]).toMatchObject({
      type: 'over_billed',
      state: 'resolved',
      resolvedAt: '2026-03-05T00:00:00Z',
      resolution: { kind: 'resolved_by_data' },
    });
    expect(after.balances[0]).toMatchObject({
      invoiced: { amount: 1_050_000 },
      credited: { amount: 50_000 },
      remaining: { amount: 0 },
    });

    // A credit note that names only the invoice it corrects reaches the PO through that invoice.
    const byInvoice = cn('CN-4', { correctsKey: invoice.key, total: '500.00' });
    const viaInvoice = run([order, invoice, byInvoice]);
    expect(open(viaInvoice)).toEqual([]);
    expect(viaInvoice.links).toContainEqual({ docId: byInvoice.id, poId: order.id });
  });

  it('amounts in currencies with 0 and 3 decimals keep their minor units', () => {
    const out = run([
      po('PO-BH', { total: '100.000', currency: 'BHD' }),
      inv('I-BH', 'PO-BH', { total: '101.001', currency: 'BHD' }),
    ]);
    const ex = open(out);
    expect(ex[0]?.message).toMatch(/^Invoice I-BH is BHD\s?1\.001 \(1\.0%\) over PO PO-BH; tolerance BHD\s?1\.000$/);
    const jp = run([
      po('PO-JP', { total: '100000', currency: 'JPY' }),
      inv('I-JP', 'PO-JP', { total: '100001', currency: 'JPY' }),
    ]);
    expect(open(jp)).toEqual([]); // ¥1 over is within the ¥1 rounding allowance
  });
});
