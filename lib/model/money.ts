import { z } from 'zod';

/** Money is integer minor units plus an ISO 4217 code. Never floats (DESIGN.md). */
export const MoneySchema = z.object({
  minor: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
});
export type Money = z.infer<typeof MoneySchema>;

/** ISO 4217 minor-unit exponents that differ from 2. */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/**
 * Minor units from a decimal string with `.` as the separator (`"1234.5"` → 123450 for EUR).
 * Done on the digits, never through a float, so `0.1 + 0.2` troubles do not arise.
 */
export function minorFromDecimal(decimal: string, currency: string): number | undefined {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) return undefined;
  const exp = currencyExponent(currency);
  const [, sign, whole = '0', frac = ''] = m;
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) return undefined; // would lose precision
  const minor = Number(whole + frac.slice(0, exp).padEnd(exp, '0'));
  if (!Number.isSafeInteger(minor)) return undefined;
  return sign ? -minor : minor;
}

export function money(decimal: string, currency: string): Money {
  const minor = minorFromDecimal(decimal, currency);
  if (minor === undefined) throw new Error(`"${decimal}" is not an amount in ${currency}`);
  return { minor, currency };
}

/** The amount as a plain decimal string (`123450 EUR` → `"1234.50"`), for CSV and messages. */
export function decimalString(m: Money): string {
  const exp = currencyExponent(m.currency);
  const sign = m.minor < 0 ? '-' : '';
  const digits = String(Math.abs(m.minor)).padStart(exp + 1, '0');
  return exp === 0 ? sign + digits : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** Building an Intl.NumberFormat costs far more than formatting with one: keep one per locale and currency. */
const formatters = new Map<string, Intl.NumberFormat | null>();

/** Human display through Intl (`€1,234.50`, `¥120,000`). */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const cacheKey = `${locale}|${m.currency}`;
  let fmt = formatters.get(cacheKey);
  if (fmt === undefined) {
    const exp = currencyExponent(m.currency);
    try {
      fmt = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: m.currency,
        minimumFractionDigits: exp,
        maximumFractionDigits: exp,
      });
    } catch {
      fmt = null; // an unknown code or locale: plain digits and the code, as before
    }
    formatters.set(cacheKey, fmt);
  }
  return fmt ? fmt.format(Number(decimalString(m))) : `${decimalString(m)} ${m.currency}`;
}
