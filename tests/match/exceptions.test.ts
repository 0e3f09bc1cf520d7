import { describe, expect, it } from 'vitest';
import { rematch } from '@/lib/match';
import { EXCEPTION_TYPES, type MatchException } from '@/lib/model/exception';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '@/lib/model/settings';
import { cn, doc, inv, line, NOW, po, rcpt } from './fixtures';

const run = (docs: Parameters<typeof rematch>[0]['docs'], settings: MatchSettings = DEFAULT_MATCH_SETTINGS) =>
  rematch({ docs, existing: [], settings, now: NOW });
const open = (out: ReturnType<typeof rematch>) => out.exceptions.filter((e) => e.state === 'open');
const only = (out: ReturnType<typeof rematch>, type: MatchException['type']) => {
  const found = open(out).filter((e) => e.type === type);
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]!;
};

const dupTypes = (out: ReturnType<typeof rematch>) =>
  open(out)
    .map((e) => e.type)
    .filter((t) => t === 'duplicate_invoice' || t === 'possible_duplicate');

const covered = new Set<string>();
const seen = (e: MatchException) => {
  covered.add(e.type);
  return e;
};

describe('exception types', () => {
  it('unknown_po, with near-key suggestions of the same vendor only', () => {
    const known = po('4500012345', { id: 'po-near', total: '100.00' });
    const ocr = po('45000I2346', { id: 'po-ocr', total: '100.00' }); // loose key 4500012346
    const otherVendor = po('4500012347', { id: 'po-other', vendor: 'Globex', total: '100.00' });
    const invoice = inv('INV-1', '4500012346', { total: '100.00' });
    const out = run([known, ocr, otherVendor, invoice]);
    const e = seen(only(out, 'unknown_po'));
    expect(e).toMatchObject({ severity: 'high', poKey: '4500012346', docIds: [invoice.id] });
    expect(e.message).toBe('Invoice INV-1 ($100.00) references PO 4500012346, which is not among the POs on file');
    expect(out.links).toEqual([]);
    expect(out.suggestions.map((s) => s.candidatePoId)).toEqual(['po-near', 'po-ocr']);
    expect(out.suggestions[0]).toMatchObject({
      docId: invoice.id,
      referencedKey: '4500012346',
      candidateKey: '4500012345',
    });
    expect(out.suggestions[1]?.reason).toContain('scan alike');
  });

  it('no_po_reference for an invoice, and for a credit note that credits nothing known', () => {
    const out = run([inv('INV-2', [], { total: '50.00' })]);
    expect(seen(only(out, 'no_po_reference')).message).toBe(
      'Invoice INV-2 from Acme Corp ($50.00) quotes no PO number',
    );
    const orphanCredit = run([cn('CN-1', { correctsKey: '999', total: '-20.00' })]);
    expect(only(orphanCredit, 'no_po_reference')).toMatchObject({
      severity: 'low',
      message:
        'Credit note CN-1 from Acme Corp ($20.00) corrects invoice 999, but no PO of that invoice is known; it credits no PO balance',
    });
    const bare = run([cn('CN-2', { total: '20.00' })]);
    expect(only(bare, 'no_po_reference').message).toContain('names no PO and no invoice');
    // A credit note naming an unknown PO (its vendor's POs on file) is an unknown PO, like an invoice.
    const acmePo = po('555', { total: '20.00' });
    expect(only(run([acmePo, cn('CN-3', { poKeys: ['777'], total: '20.00' })]), 'unknown_po').severity).toBe('medium');
  });

  it('over_billed across several invoices names them and the totals', () => {
    const out = run([
      po('PO-5', { total: '1000.00' }),
      inv('A-1', 'PO-5', { total: '600.00' }),
      inv('A-2', 'PO-5', { total: '450.00' }),
    ]);
    const e = seen(only(out, 'over_billed'));
    expect(e.message).toBe(
      '2 invoices (A-1, A-2) total $1,050.00, $50.00 (5.0%) over PO PO-5 ($1,000.00); tolerance $1.00',
    );
    expect(e.docIds).toHaveLength(3);
    // The $1.00 rounding allowance.
    expect(open(run([po('PO-6', { total: '1000.00' }), inv('B-1', 'PO-6', { total: '1001.00' })]))).toEqual([]);
  });

  it('price_variance names the worst line and counts the others', () => {
    const out = run([
      po('PO-7', { lines: [line('A', 1, '100.00'), line('B', 1, '10.00'), line('C', 1, '50.00')] }),
      inv('I-7', 'PO-7', { lines: [line('A', 1, '103.00'), line('B', 1, '11.00'), line('C', 1, '51.00')] }),
    ]);
    const e = seen(only(out, 'price_variance'));
    expect(e.message).toBe(
      'Invoice I-7 charges $11.00 a unit for B, $1.00 (10.0%) above PO PO-7 ($10.00) (and 1 more line); tolerance 2%',
    );
    // Charging less than the PO is not a variance.
    expect(
      open(
        run([po('PO-8', { lines: [line('A', 1, '100.00')] }), inv('I-8', 'PO-8', { lines: [line('A', 1, '90.00')] })]),
      ),
    ).toEqual([]);
  });

  it('quantity_variance against ordered in 2-way, honouring a quantity tolerance', () => {
    const docs = [
      po('PO-9', { lines: [line('BOLT', 1000, '0.10')] }),
      inv('I-9', 'PO-9', { lines: [line('BOLT', 1020, '0.10')] }),
    ];
    const e = seen(only(run(docs), 'quantity_variance'));
    expect(e.message).toBe('PO PO-9: 1020 invoiced of 1000 ordered on BOLT; tolerance 0 units');
    expect(open(run(docs, { ...DEFAULT_MATCH_SETTINGS, quantity: { percent: 2 } })).map((x) => x.type)).toEqual([
      'over_billed',
    ]);
  });

  it('missing_receipt in 3-way: no receipt at all, or nothing received on an invoiced line', () => {
    const order = po('PO-10', { matchMode: '3way', lines: [line('A', 5, '10.00'), line('B', 5, '10.00')] });
    const invoice = inv('I-10', 'PO-10', { total: '100.00', lines: [line('A', 5, '10.00'), line('B', 5, '10.00')] });
    const e = seen(only(run([order, invoice]), 'missing_receipt'));
    expect(e.message).toBe('PO PO-10 is 3-way matched, and I-10 bills $100.00 with no goods receipt');
    const partial = run([order, invoice, rcpt('GR-10', 'PO-10', { lines: [line('A', 5)] })]);
    expect(only(partial, 'missing_receipt').message).toBe(
      'PO PO-10 is 3-way matched; nothing received for 5 of B already invoiced',
    );
    // 3-way from a vendor override rather than the PO.
    const settings: MatchSettings = { ...DEFAULT_MATCH_SETTINGS, vendorOverrides: { ACME: { mode: '3way' } } };
    const viaVendor = run([{ ...order, matchMode: undefined }, invoice], settings);
    expect(only(viaVendor, 'missing_receipt').poKey).toBe('10');
  });

  it('duplicate_invoice and possible_duplicate', () => {
    const a = inv('INV-300', 'PO-1', { id: 'a', date: '2026-02-01', total: '300.00' });
    const b = inv('INV-300', 'PO-2', { id: 'b', date: '2026-02-02', total: '300.00' });
    const dup = seen(only(run([a, b]), 'duplicate_invoice'));
    expect(dup).toMatchObject({ severity: 'high', docIds: ['a', 'b'] });
    // OCR look-alike number, same vendor, same total: possible.
    const c = inv('INV-3OO', 'PO-1', { id: 'c', date: '2026-03-20', total: '300.00' });
    const pd = seen(only(run([a, c]), 'possible_duplicate'));
    expect(pd.message).toBe(
      'Invoice INV-3OO may duplicate invoice INV-300: near-identical number, same vendor, same total $300.00',
    );
    // Different vendor, same total, 3 days apart, a digit doubled: possible.
    const d = inv('INV-3000', 'PO-1', { id: 'd', vendor: 'Globex', date: '2026-02-04', total: '300.00' });
    const across = only(run([a, d]), 'possible_duplicate');
    expect(across.docIds).toEqual(['a', 'd']);
    // Its dates are listed in the order its invoices are named: INV-3000 (Feb 4), then INV-300 (Feb 1).
    expect(across.message).toBe(
      'Invoice INV-3000 may duplicate invoice INV-300: near-identical number, dated 2026-02-04 and 2026-02-01, same total $300.00',
    );
    // Consecutive numbers of one vendor within a week are not near keys: no exception.
    const e = inv('INV-301', 'PO-1', { id: 'e', date: '2026-02-03', total: '120.00' });
    expect(dupTypes(run([a, e]))).toEqual([]);
    // Two signs only (same vendor, same total, months apart, different numbers): no exception.
    const f = inv('INV-999', 'PO-1', { id: 'f', date: '2026-06-01', total: '300.00' });
    expect(dupTypes(run([a, f]))).toEqual([]);
  });

  it('vendor_mismatch, invoice_before_po and closed_po', () => {
    const order = po('PO-11', { date: '2026-02-10', total: '500.00', status: 'closed' });
    const invoice = inv('I-11', 'PO-11', { vendor: 'Globex Ltd', date: '2026-02-01', total: '100.00' });
    const out = run([order, invoice]);
    expect(seen(only(out, 'vendor_mismatch')).message).toBe(
      'Invoice I-11 is from Globex Ltd, but PO PO-11 is with Acme Corp',
    );
    expect(seen(only(out, 'invoice_before_po')).message).toBe(
      'Invoice I-11 is dated 2026-02-01, before PO PO-11 (2026-02-10)',
    );
    expect(seen(only(out, 'closed_po')).message).toBe('Invoice I-11 bills PO PO-11, which is closed');
  });

  it('currency_mismatch', () => {
    const out = run([po('PO-12', { total: '100.00' }), inv('I-12', 'PO-12', { total: '100.00', currency: 'EUR' })]);
    expect(seen(only(out, 'currency_mismatch')).severity).toBe('high');
  });

  it('conflicting_values shows the kept and the other values', () => {
    const invoice = inv('I-13', 'PO-13', {
      total: '1000.00',
      conflicts: [{ field: 'total', value: { minor: 110_000, currency: 'USD' }, seenAt: NOW, via: 'scan' }],
    });
    const e = seen(only(run([po('PO-13', { total: '1000.00' }), invoice]), 'conflicting_values'));
    expect(e).toMatchObject({ poKey: '13', docIds: [invoice.id] });
    expect(e.message).toBe('Invoice I-13 was seen with conflicting values: total $1,000.00 (kept) vs $1,100.00');
  });

  it('covers every exception type', () => {
    // sync_conflict is raised by the team sync (lib/sync), never by matching: tests/sync cover it.
    expect([...covered].sort()).toEqual(EXCEPTION_TYPES.filter((t) => t !== 'sync_conflict').sort());
  });

  it('a receipt is a document in its own right: it links but never bills', () => {
    const out = run([po('PO-14', { total: '100.00' }), rcpt('GR-14', 'PO-14', { total: '100.00' })]);
    expect(out.links).toHaveLength(1);
    expect(out.balances[0]).toMatchObject({ received: { amount: 10_000 }, invoiced: { amount: 0 } });
    expect(open(out)).toEqual([]);
    expect(doc('receipt', 'GR-15').poKeys).toEqual([]);
    expect(only(run([doc('receipt', 'GR-15')]), 'no_po_reference').severity).toBe('low');
  });
});
