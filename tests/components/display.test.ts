import { describe, expect, it } from 'vitest';
import {
  bytesText,
  clampQuery,
  countByType,
  dateText,
  dateTimeText,
  groupExceptions,
  kindNoun,
  MAX_QUERY_CHARS,
} from '@/components/display';
import type { MatchException } from '@/lib/model/exception';

function ex(
  id: string,
  type: MatchException['type'],
  severity: MatchException['severity'],
  openedAt: string,
): MatchException {
  return {
    id,
    type,
    severity,
    docIds: [`doc-${id}`],
    message: `${type} ${id}`,
    openedAt,
    resolvedAt: null,
    resolution: null,
    state: 'open',
  };
}

describe('groupExceptions', () => {
  const list = [
    ex('a', 'unknown_po', 'medium', '2026-11-01T10:00:00Z'),
    ex('b', 'over_billed', 'high', '2026-11-02T10:00:00Z'),
    ex('c', 'unknown_po', 'medium', '2026-11-05T10:00:00Z'),
    ex('d', 'possible_duplicate', 'low', '2026-11-09T10:00:00Z'),
    ex('e', 'over_billed', 'high', '2026-11-03T10:00:00Z'),
  ];

  it('groups by type with counts, worst severity first, each group newest first', () => {
    const groups = groupExceptions(list);
    expect(groups.map((g) => [g.type, g.count])).toEqual([
      ['over_billed', 2],
      ['unknown_po', 2],
      ['possible_duplicate', 1],
    ]);
    expect(groups[0]?.items.map((e) => e.id)).toEqual(['e', 'b']);
    expect(groups[1]?.items.map((e) => e.id)).toEqual(['c', 'a']);
    expect(groups[0]?.label).toBe('Over-billed');
  });

  it('orders groups of the same severity by their newest exception', () => {
    const groups = groupExceptions([
      ex('x', 'price_variance', 'medium', '2026-01-01T00:00:00Z'),
      ex('y', 'quantity_variance', 'medium', '2026-02-01T00:00:00Z'),
    ]);
    expect(groups.map((g) => g.type)).toEqual(['quantity_variance', 'price_variance']);
  });

  it('counts per type', () => {
    expect(Object.fromEntries(countByType(list))).toEqual({ unknown_po: 2, over_billed: 2, possible_duplicate: 1 });
  });
});

describe('clampQuery', () => {
  it('bounds a 10,000-character paste and keeps regex metacharacters as plain text', () => {
    expect(clampQuery(` ${'9'.repeat(10_000)} `)).toHaveLength(MAX_QUERY_CHARS);
    expect(clampQuery('  (a+)+$ [PO-1] \\d*  ')).toBe('(a+)+$ [PO-1] \\d*');
  });
});

describe('display helpers', () => {
  it('formats bytes and date-times for people', () => {
    expect(bytesText(512)).toBe('512 bytes');
    expect(bytesText(1536)).toBe('1.5 KB');
    expect(bytesText(300 * 1024 * 1024)).toBe('300 MB');
    expect(bytesText(undefined)).toBe('unknown');
    // In the clerk's locale, through Intl: what the page and the clerk write, not ISO.
    expect(dateTimeText('2026-11-25T18:03:00.000Z', 'UTC', 'en-US')).toBe('Nov 25, 2026, 6:03 PM');
    expect(dateTimeText('2026-11-25T18:03:00.000Z', 'UTC', 'en-GB')).toBe('25 Nov 2026, 18:03');
    expect(dateTimeText(null)).toBe('—');
    // A document's date is a calendar day: the same day in every time zone.
    expect(dateText('2026-03-10', 'en-US')).toBe('Mar 10, 2026');
    expect(dateText('2026-03-10', 'de-DE')).toBe('10.03.2026');
    expect(dateText(undefined)).toBe('—');
  });
});

describe('kindNoun', () => {
  it('names a kind inside a sentence, keeping an abbreviation in capitals', () => {
    expect(`Delete ${kindNoun('po')}`).toBe('Delete PO');
    expect(`Show 50 more ${kindNoun('po', 50)}`).toBe('Show 50 more POs');
    expect(kindNoun('credit_note', 2)).toBe('credit notes');
    expect(kindNoun('receipt')).toBe('goods receipt');
  });
});
