import { describe, expect, it } from 'vitest';
import { affectedPoKeys, correctedInvoices, creditNotePoKeys, groupQuery } from '@/lib/match';
import { withinMoneyTolerance, withinQuantityTolerance } from '@/lib/match/tolerance';
import { numberKey } from '@/lib/model/keys';
import { DEFAULT_MATCH_SETTINGS, MatchSettingsSchema, settingsForVendor } from '@/lib/model/settings';
import { cn, inv, po, rcpt } from './fixtures';

describe('match settings', () => {
  it('defaults follow DESIGN.md and parse', () => {
    expect(MatchSettingsSchema.parse(DEFAULT_MATCH_SETTINGS)).toEqual({
      price: { percent: 2 },
      quantity: { absolute: 0 },
      total: { absolute: 1 },
      defaultMode: '2way',
      vendorOverrides: {},
    });
  });

  it('rejects what the options page must not store', () => {
    const bad = (patch: object) => MatchSettingsSchema.safeParse({ ...DEFAULT_MATCH_SETTINGS, ...patch }).success;
    expect(bad({ price: { percent: -1 } })).toBe(false);
    expect(bad({ defaultMode: '4way' })).toBe(false);
    expect(bad({ total: { percent: 2, cents: 3 } })).toBe(false);
    expect(bad({ vendorOverrides: { ACME: { mode: '3way', price: { percent: 5 } } } })).toBe(true);
  });

  it('a vendor override replaces the global value field by field', () => {
    const s = {
      ...DEFAULT_MATCH_SETTINGS,
      vendorOverrides: { ACME: { price: { percent: 5 }, mode: '3way' as const } },
    };
    expect(settingsForVendor(s, 'ACME')).toEqual({
      price: { percent: 5 },
      quantity: { absolute: 0 },
      total: { absolute: 1 },
      mode: '3way',
    });
    expect(settingsForVendor(s, 'GLOBEX').price).toEqual({ percent: 2 });
    expect(settingsForVendor(s, undefined).mode).toBe('2way');
  });
});

describe('tolerances', () => {
  it('percentages compare in integers, exactly at the limit', () => {
    expect(withinMoneyTolerance({ percent: 2 }, 240, 12_000, 'USD')).toBe(true);
    expect(withinMoneyTolerance({ percent: 2 }, 241, 12_000, 'USD')).toBe(false);
    expect(withinMoneyTolerance({ percent: 2.5 }, 250, 10_000, 'USD')).toBe(true);
    expect(withinMoneyTolerance({ percent: 2.5 }, 251, 10_000, 'USD')).toBe(false);
    // Beyond 2^53 after scaling: still exact.
    expect(withinMoneyTolerance({ percent: 1 }, 10_000_000_000_000, 1_000_000_000_000_000, 'USD')).toBe(true);
    expect(withinMoneyTolerance({ percent: 1 }, 10_000_000_000_001, 1_000_000_000_000_000, 'USD')).toBe(false);
  });

  it('every limit set must hold; none set means no limit', () => {
    const both = { percent: 10, absolute: 5 };
    expect(withinMoneyTolerance(both, 500, 100_000, 'USD')).toBe(true);
    expect(withinMoneyTolerance(both, 501, 100_000, 'USD')).toBe(false); // over $5.00 though under 10%
    expect(withinMoneyTolerance(both, 400, 1_000, 'USD')).toBe(false); // under $5.00 but 40%
    expect(withinMoneyTolerance({}, 1_000_000, 1, 'USD')).toBe(true);
    expect(withinMoneyTolerance({ absolute: 1 }, 1, 100, 'JPY')).toBe(true);
    expect(withinMoneyTolerance({ absolute: 1 }, 2, 100, 'JPY')).toBe(false);
    expect(withinMoneyTolerance({ absolute: 1 }, 1000, 100, 'BHD')).toBe(true);
  });

  it('quantities may be fractional', () => {
    expect(withinQuantityTolerance({ absolute: 0.1 }, 0.1, 10)).toBe(true);
    expect(withinQuantityTolerance({ absolute: 0.1 }, 0.1000001, 10)).toBe(true); // below a millionth
    expect(withinQuantityTolerance({ absolute: 0.1 }, 0.11, 10)).toBe(false);
    expect(withinQuantityTolerance({ absolute: 0 }, 0.5, 10)).toBe(false);
  });
});

describe('what the ledger loads', () => {
  it('affectedPoKeys: a PO its own key, anything else the keys it references', () => {
    expect(affectedPoKeys(po('PO-0042'))).toEqual(['42']);
    expect(affectedPoKeys(inv('I-1', ['PO-9', 'PO-3', 'PO-9']))).toEqual(['3', '9']);
    expect(affectedPoKeys(inv('I-2', []))).toEqual([]);
  });

  it('groupQuery asks for the groups, the namesakes, the vendors and the same totals', () => {
    const invoice = inv('INV-5', 'PO-1', { date: '2026-03-01', total: '10.00' });
    const credit = cn('CN-1', { correctsKey: '77' });
    const q = groupQuery(['1'], [invoice, credit, rcpt('GR-1', 'PO-2', { vendor: 'Globex' })]);
    expect(q.poKeys).toEqual(['1', '2']);
    expect(q.docKeys).toEqual([
      { kind: 'credit_note', key: numberKey('CN-1') },
      { kind: 'invoice', key: '5' },
      { kind: 'invoice', key: '77' },
      { kind: 'receipt', key: numberKey('GR-1') },
    ]);
    expect(q.vendorKeys).toEqual(['ACME']);
    expect(q.totals).toEqual([{ currency: 'USD', minor: 1000, from: '2026-02-22', to: '2026-03-08' }]);
    expect(q.docIds).toEqual([credit.id, invoice.id, 'receipt-GR-1'].sort());
  });

  it('creditNotePoKeys: its own keys, else those of the invoice it corrects from the same vendor', () => {
    const invoice = inv('INV-5', ['PO-2', 'PO-1']);
    const otherVendor = inv('INV-5', 'PO-9', { id: 'x', vendor: 'Globex' });
    expect(creditNotePoKeys(cn('CN-1', { correctsKey: '5' }), [invoice, otherVendor])).toEqual(['1', '2']);
    expect(creditNotePoKeys(cn('CN-2', { poKeys: ['3'], correctsKey: '5' }), [invoice])).toEqual(['3']);
    expect(creditNotePoKeys(cn('CN-3', { correctsKey: '6' }), [invoice])).toEqual([]);
  });

  it('correctedInvoices: the same vendor first, and the latest invoice of that number up to the credit note', () => {
    const old = inv('0016', 'PO-1', { id: 'old', date: '2025-02-01' });
    const current = inv('0016', 'PO-2', { id: 'current', date: '2026-02-01' });
    const future = inv('0016', 'PO-3', { id: 'future', date: '2027-02-01' });
    const vendorless = {
      ...inv('0016', 'PO-4', { id: 'vendorless', date: '2026-02-02' }),
      vendor: undefined,
      vendorKey: undefined,
    };
    const otherVendor = inv('0016', 'PO-5', { id: 'other', vendor: 'Globex', date: '2026-02-03' });
    const credit = cn('CN-9', { correctsKey: '16', date: '2026-03-01' });
    const all = [old, current, future, vendorless, otherVendor];
    expect(correctedInvoices(credit, all).map((i) => i.id)).toEqual(['current']);
    expect(creditNotePoKeys(credit, all)).toEqual(['2']);
    // Without a date every invoice of that number from the vendor is a candidate.
    expect(correctedInvoices({ ...credit, date: undefined }, all).map((i) => i.id)).toEqual([
      'old',
      'current',
      'future',
    ]);
    // No invoice from the vendor: a vendorless one, never another vendor's.
    expect(correctedInvoices(credit, [vendorless, otherVendor]).map((i) => i.id)).toEqual(['vendorless']);
  });
});
