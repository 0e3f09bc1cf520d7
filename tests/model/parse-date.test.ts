import { describe, expect, it } from 'vitest';
import { guessDateOrder, parseDate } from '@/lib/model/parse-date';

describe('parseDate', () => {
  it.each([
    ['2025-03-04', '2025-03-04'],
    ['2025-03-04T10:00:00Z', '2025-03-04'],
    ['2025/3/4', '2025-03-04'],
    ['20250304', '2025-03-04'],
    ['04.03.2025', '2025-03-04'],
    ['04.03.25', '2025-03-04'],
    ['04.03.2025 10:15', '2025-03-04'],
    ['4 Mar 2025', '2025-03-04'],
    ['04-Mar-25', '2025-03-04'],
    ['March 4, 2025', '2025-03-04'],
    ['4. März 2025', '2025-03-04'],
    ['1er mars 2025', '2025-03-01'],
    ['4 de marzo de 2025', '2025-03-04'],
    ['4 marzo 2025', '2025-03-04'],
    ['4 maart 2025', '2025-03-04'],
    ['4 de março de 2025', '2025-03-04'],
    ['4 août 2025', '2025-08-04'],
  ])('%s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });
  it('reads slashes day-first unless told month-first', () => {
    expect(parseDate('04/03/2025')).toBe('2025-03-04');
    expect(parseDate('04/03/2025', { order: 'mdy' })).toBe('2025-04-03');
    expect(parseDate('04.03.2025', { order: 'mdy' })).toBe('2025-03-04');
  });
  it('refuses impossible dates and non-dates', () => {
    for (const bad of ['2025-02-30', '31/04/2025', '2023-02-29', 'soon', '12345', '13/13/2025', '']) {
      expect(parseDate(bad), bad).toBeUndefined();
    }
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });
});

describe('guessDateOrder', () => {
  it('finds the order from a column', () => {
    expect(guessDateOrder(['01/02/2025', '12/31/2025'])).toBe('mdy');
    expect(guessDateOrder(['01/02/2025', '31/12/2025'])).toBe('dmy');
    expect(guessDateOrder(['01/02/2025'], 'en-US')).toBe('mdy');
    expect(guessDateOrder(['01/02/2025'])).toBe('dmy');
  });
});
