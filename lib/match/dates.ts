const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * Days since 1970-01-01 for a `YYYY-MM-DD` date, by the civil-calendar formula on the digits (no
 * Date object, no time zone): matching compares hundreds of thousands of dates.
 */
export function dayNumber(date: string): number {
  let y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
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
