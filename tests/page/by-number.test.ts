import { describe, expect, it } from 'vitest';
import { ByNumber } from '@/lib/page/by-number';
import { keptStatus } from '@/lib/page/overlay';

describe('values per number', () => {
  it('keeps a PO and an invoice with the same key apart, and counts what it holds', () => {
    const map = new ByNumber<string>();
    map.set('po', '4500012345', 'the PO');
    map.set('invoice', '4500012345', 'the invoice');
    map.set('po', '4500012345', 'the PO again');
    expect(map.size).toBe(2);
    expect(map.get('po', '4500012345')).toBe('the PO again');
    expect(map.get('invoice', '4500012345')).toBe('the invoice');
    expect(map.has('credit_note', '4500012345')).toBe(false);
    expect(map.delete('po', '4500012345')).toBe(true);
    expect(map.delete('po', '4500012345')).toBe(false);
    expect(map.size).toBe(1);
    const seen: string[] = [];
    map.forEach((value, kind, key) => {
      seen.push(`${kind} ${key} ${value}`);
    });
    expect(seen).toEqual(['invoice 4500012345 the invoice']);
    expect([...map.values()]).toEqual(['the invoice']);
    map.clear();
    expect(map.size).toBe(0);
  });

  it('updates a value in place, and removes it when the change leaves nothing', () => {
    const map = new ByNumber<string[]>();
    map.update('invoice', 'INV1', (list) => [...(list ?? []), 'first']);
    map.update('invoice', 'INV1', (list) => [...(list ?? []), 'second']);
    expect(map.get('invoice', 'INV1')).toEqual(['first', 'second']);
    expect(map.size).toBe(1);
    map.update('invoice', 'INV1', () => undefined);
    expect(map.has('invoice', 'INV1')).toBe(false);
    expect(map.size).toBe(0);
  });
});

describe('what the overlay keeps of a status', () => {
  const status = {
    kind: 'invoice' as const,
    key: 'INV100',
    number: 'INV-100',
    status: 'tied' as const,
    docId: 'd1',
    vendor: 'Acme',
    total: { minor: 12000, currency: 'EUR' },
    exceptions: [],
  };

  it('keeps what the card and badge read, not the printed number the marks already hold', () => {
    const kept = keptStatus(status);
    expect(kept).toEqual({
      kind: 'invoice',
      key: 'INV100',
      status: 'tied',
      docId: 'd1',
      vendor: 'Acme',
      total: { minor: 12000, currency: 'EUR' },
      exceptions: [],
    });
    expect('number' in kept).toBe(false);
  });

  it('shares one empty exception list between numbers, and keeps a real one', () => {
    // Two replies, two empty lists (a structured clone makes a new one each time).
    const first = keptStatus({ ...status, exceptions: [] });
    const second = keptStatus({ ...status, key: 'INV101', exceptions: [] });
    expect(first.exceptions).toBe(second.exceptions);
    const open = [{ id: 'x', type: 'over_billed', severity: 'high' as const, message: 'Over its PO' }];
    expect(keptStatus({ ...status, exceptions: open }).exceptions).toBe(open);
  });
});
