import { describe, expect, it } from 'vitest';
import { dayNumber, isoDay, sameNumberingPeriod } from '@/lib/match/dates';

describe('dates', () => {
  it('dayNumber agrees with Date.UTC across centuries and leap days', () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2101, 0, 1); t += 86_400_000 * 3) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (dayNumber(iso) !== t / 86_400_000) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
    expect(dayNumber('2024-02-29') - dayNumber('2024-02-28')).toBe(1);
    expect(dayNumber('2100-03-01') - dayNumber('2100-02-28')).toBe(1); // 2100 is not a leap year
    expect(isoDay(dayNumber('2026-01-05'))).toBe('2026-01-05');
  });

  it('numbering periods: same calendar year, or within a month across New Year', () => {
    expect(sameNumberingPeriod('2026-01-02', '2026-12-30')).toBe(true);
    expect(sameNumberingPeriod('2025-12-30', '2026-01-02')).toBe(true);
    expect(sameNumberingPeriod('2025-01-06', '2026-01-05')).toBe(false);
    expect(sameNumberingPeriod('2025-11-15', '2026-01-20')).toBe(false);
    expect(sameNumberingPeriod(undefined, '2026-01-20')).toBe(true);
  });
});
