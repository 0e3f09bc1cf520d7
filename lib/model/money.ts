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

/**
 * How a locale writes an amount in one currency, read once from Intl.NumberFormat: what goes before
 * and after the digits (sign and symbol), and the group and decimal separators. Matching writes
 * tens of thousands of amounts into messages per full re-match, and Intl formats each in about a
 * microsecond; writing the digits by this pattern takes a fraction of that and gives the same text.
 */
interface AmountPattern {
  exp: number;
  before: string;
  after: string;
  negBefore: string;
  negAfter: string;
  group: string;
  decimal: string;
}

/** Per locale, per currency: the pattern, or the formatter itself where the pattern does not hold, or null (unknown code). */
const formats = new Map<string, Map<string, AmountPattern | Intl.NumberFormat | null>>();

function formatFor(locale: string, currency: string): AmountPattern | Intl.NumberFormat | null {
  let byCurrency = formats.get(locale);
  if (!byCurrency) {
    byCurrency = new Map();
    formats.set(locale, byCurrency);
  }
  let f = byCurrency.get(currency);
  if (f === undefined) {
    const exp = currencyExponent(currency);
    try {
      const fmt = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: exp,
        maximumFractionDigits: exp,
      });
      f = patternOf(fmt, exp, currency) ?? fmt;
    } catch {
      f = null; // an unknown code or locale: plain digits and the code, as before
    }
    byCurrency.set(currency, f);
  }
  return f;
}

/**
 * The pattern of `fmt`, if it groups by thousands (not, say, Indian lakhs) and reproduces Intl's
 * own text on a set of probe amounts; otherwise undefined and Intl formats every amount.
 */
function patternOf(fmt: Intl.NumberFormat, exp: number, currency: string): AmountPattern | undefined {
  const probe = 123456789 * 10 ** exp + (exp > 0 ? 10 ** exp - 1 : 0);
  const read = (n: number) => {
    const parts = fmt.formatToParts(n / 10 ** exp);
    const digits = (t: string) => t === 'integer' || t === 'group' || t === 'decimal' || t === 'fraction';
    const first = parts.findIndex((p) => digits(p.type));
    let last = parts.length - 1;
    while (last >= 0 && !digits(parts[last]!.type)) last--;
    const text = (from: number, to: number) =>
      parts
        .slice(from, to)
        .map((p) => p.value)
        .join('');
    return {
      before: text(0, first),
      after: text(last + 1, parts.length),
      integers: parts.filter((p) => p.type === 'integer').map((p) => p.value),
      group: parts.find((p) => p.type === 'group')?.value ?? '',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
  };
  const pos = read(probe);
  const neg = read(-probe);
  const thousands = (xs: string[]) => xs.join(',') === '123,456,789';
  if (!thousands(pos.integers) || !thousands(neg.integers) || pos.group !== neg.group || pos.decimal !== neg.decimal) {
    return undefined;
  }
  const pattern: AmountPattern = {
    exp,
    before: pos.before,
    after: pos.after,
    negBefore: neg.before,
    negAfter: neg.after,
    group: pos.group,
    decimal: pos.decimal,
  };
  for (const minor of [0, 1, -1, 7, 999, 1000, -1000, 99999, 100000, 1234567, -987654321, 1234567890123]) {
    if (byPattern(pattern, minor) !== fmt.format(Number(decimalString({ minor, currency })))) return undefined;
  }
  return pattern;
}

function byPattern(p: AmountPattern, minor: number): string {
  const digits = String(Math.abs(minor)).padStart(p.exp + 1, '0');
  const whole = p.exp > 0 ? digits.slice(0, -p.exp) : digits;
  let grouped = whole.slice(0, whole.length % 3 || 3);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += p.group + whole.slice(i, i + 3);
  const body = p.exp > 0 ? grouped + p.decimal + digits.slice(-p.exp) : grouped;
  return minor < 0 ? p.negBefore + body + p.negAfter : p.before + body + p.after;
}

/** Human display as Intl writes it (`€1,234.50`, `¥120,000`). */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const f = formatFor(locale, m.currency);
  if (f === null) return `${decimalString(m)} ${m.currency}`;
  if (f instanceof Intl.NumberFormat) return f.format(Number(decimalString(m)));
  return byPattern(f, m.minor);
}
