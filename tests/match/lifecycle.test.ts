import { describe, expect, it } from 'vitest';
import { rematch, reopenException, resolveException } from '@/lib/match';
import type { MatchException } from '@/lib/model/exception';
import { DEFAULT_MATCH_SETTINGS } from '@/lib/model/settings';
import { inv, LATER, NOW, po } from './fixtures';

const settings = DEFAULT_MATCH_SETTINGS;
const order = po('PO-1', { total: '1000.00' });
const over = inv('I-1', 'PO-1', { total: '1100.00' });

describe('exception lifecycle', () => {
  it('re-running on unchanged data changes nothing', () => {
    const first = rematch({ docs: [order, over], existing: [], settings, now: NOW });
    expect(first.upserts).toHaveLength(1);
    const second = rematch({ docs: [over, order], existing: first.exceptions, settings, now: LATER });
    expect(second.upserts).toEqual([]);
    expect(second.exceptions).toEqual(first.exceptions);
  });

  it('an accepted exception stays accepted through every re-match, and new facts open a new one', () => {
    const first = rematch({ docs: [order, over], existing: [], settings, now: NOW });
    const accepted = resolveException(
      first.exceptions[0]!,
      { kind: 'accepted', note: 'freight agreed by phone', by: 'maria' },
      LATER,
    );
    expect(accepted).toMatchObject({
      state: 'resolved',
      resolvedAt: LATER,
      resolution: { kind: 'accepted', note: 'freight agreed by phone', by: 'maria' },
    });
    const again = rematch({ docs: [order, over], existing: [accepted], settings, now: LATER });
    expect(again.upserts).toEqual([]);
    expect(again.exceptions).toEqual([accepted]);
    // The over-billing disappears (PO raised): the acceptance is kept as the clerk left it.
    const raised = { ...order, total: { minor: 200_000, currency: 'USD' } };
    const gone = rematch({ docs: [raised, over], existing: [accepted], settings, now: LATER });
    expect(gone.upserts).toEqual([]);
    expect(gone.exceptions).toEqual([accepted]);
    // Another invoice on the same PO is a new fact: a new open exception, the accepted one untouched.
    const more = inv('I-2', 'PO-1', { total: '50.00' });
    const next = rematch({ docs: [order, over, more], existing: [accepted], settings, now: LATER });
    expect(next.upserts.map((e) => [e.type, e.state])).toEqual([
      ['closed_po', 'open'],
      ['over_billed', 'open'],
    ]);
    expect(next.exceptions).toContainEqual(accepted);
  });

  it('an exception that disappears is closed as resolved_by_data and kept; if it comes back it reopens', () => {
    const first = rematch({ docs: [order, over], existing: [], settings, now: NOW });
    const fixed = { ...over, total: { minor: 100_000, currency: 'USD' } };
    const closed = rematch({ docs: [order, fixed], existing: first.exceptions, settings, now: LATER });
    expect(closed.upserts).toEqual([
      { ...first.exceptions[0]!, state: 'resolved', resolvedAt: LATER, resolution: { kind: 'resolved_by_data' } },
    ]);
    // Nothing more to do on the next run: closed stays closed, without rewriting.
    expect(rematch({ docs: [order, fixed], existing: closed.exceptions, settings, now: LATER }).upserts).toEqual([]);
    const back = rematch({ docs: [order, over], existing: closed.exceptions, settings, now: '2026-04-01T00:00:00Z' });
    expect(back.upserts).toEqual([{ ...first.exceptions[0]!, openedAt: '2026-04-01T00:00:00Z' }]);
  });

  it('an open exception whose numbers change is updated in place, keeping when it was opened', () => {
    const first = rematch({ docs: [order, over], existing: [], settings, now: NOW });
    const worse = { ...over, total: { minor: 120_000, currency: 'USD' } };
    const out = rematch({ docs: [order, worse], existing: first.exceptions, settings, now: LATER });
    expect(out.upserts).toHaveLength(1);
    expect(out.upserts[0]).toMatchObject({ id: first.exceptions[0]!.id, openedAt: NOW });
    expect(out.upserts[0]?.message).toContain('$200.00 (20.0%)');
  });

  it('"not a duplicate" survives re-matches and lets both invoices count', () => {
    const a = inv('INV-9', 'PO-1', { id: 'a', date: '2026-02-01', total: '400.00' });
    const b = inv('INV-9', 'PO-1', { id: 'b', date: '2026-02-15', total: '400.00' });
    const first = rematch({ docs: [order, a, b], existing: [], settings, now: NOW });
    const dup = first.exceptions.find((e) => e.type === 'duplicate_invoice')!;
    expect(first.balances[0]?.invoiced.amount).toBe(40_000);
    const notDup = resolveException(
      dup,
      { kind: 'not_duplicate', note: 'two deliveries, vendor reused the number' },
      LATER,
    );
    const again = rematch({ docs: [order, a, b], existing: [notDup], settings, now: LATER });
    expect(again.exceptions).toEqual([notDup]);
    expect(again.upserts).toEqual([]);
    expect(again.balances[0]?.invoiced.amount).toBe(80_000);
  });

  it('resolutions are checked: a clerk cannot mark an over-billing "not a duplicate"', () => {
    const ex = rematch({ docs: [order, over], existing: [], settings, now: NOW }).exceptions[0]!;
    expect(() => resolveException(ex, { kind: 'not_duplicate' }, LATER)).toThrow(/Only a duplicate/);
    expect(() => resolveException(ex, { kind: 'linked' }, LATER)).toThrow(/unknown PO/);
    expect(() => resolveException(ex, { kind: 'resolved_by_data' }, LATER)).toThrow(/matching itself/);
    const reopened = reopenException(resolveException(ex, { kind: 'accepted' }, LATER), LATER);
    expect(reopened).toMatchObject({ state: 'open', resolution: null, resolvedAt: null });
  });

  it('outside its scope a run leaves stored exceptions alone', () => {
    const other = po('PO-2', { total: '10.00' });
    const otherInv = inv('I-9', 'PO-2', { total: '99.00' });
    const full = rematch({ docs: [order, over, other, otherInv], existing: [], settings, now: NOW });
    expect(full.exceptions.map((e) => e.poKey)).toEqual(['1', '2']);
    // Only PO-1's group loaded and in scope: PO-2's exception is neither closed nor repeated.
    const partial = rematch({
      docs: [order, over],
      existing: full.exceptions,
      settings,
      now: LATER,
      scope: { poKeys: ['1'], docIds: [] },
    });
    expect(partial.upserts).toEqual([]);
    expect(partial.exceptions.map((e) => e.poKey)).toEqual(['1']);
  });

  it('exception ids are deterministic and short even for many documents', () => {
    const many = Array.from({ length: 60 }, (_, i) => inv(`X-${i}-LONG-NUMBER-0000`, 'PO-1', { total: '100.00' }));
    const out = rematch({ docs: [order, ...many], existing: [], settings, now: NOW });
    const ob = out.exceptions.find((e: MatchException) => e.type === 'over_billed')!;
    expect(ob.id.length).toBeLessThan(60);
    expect(ob.docIds).toHaveLength(61);
    const again = rematch({ docs: [...many].reverse().concat(order), existing: [], settings, now: NOW });
    expect(again.exceptions.find((e) => e.type === 'over_billed')?.id).toBe(ob.id);
  });
});
