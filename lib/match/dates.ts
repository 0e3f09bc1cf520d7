/** Days since 1970-01-01 for a `YYYY-MM-DD` date; integer arithmetic on dates avoids time-zone drift. */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000);
}

export function daysApart(a: string, b: string): number {
  return Math.abs(dayNumber(a) - dayNumber(b));
}

/**
 * Whether two invoices with the same vendor and number belong to one numbering period. Vendors
 * restart numbering each January, so the same number in two calendar years is a new invoice, unless
 * the dates are within a month (a December invoice sent again in January). Undated copies cannot be
 * told apart and count as the same period.
 */
export function sameNumberingPeriod(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  const d = daysApart(a, b);
  if (d >= 365) return false;
  return a.slice(0, 4) === b.slice(0, 4) || d <= 31;
}

/** The `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
