/**
 * Amounts as ERPs and spreadsheets print them, in the locales Tieout reads (EN, DE, FR, ES, IT, NL,
 * PT): `1,234.56`, `1.234,56`, `1 234,56`, `1'234.56`, `€ 1.234,56`, `1.234,56 EUR`, `(1,234.56)`,
 * `-1234.5`, `1234.56-` (SAP's trailing minus). Pure: digits in, integer minor units out, never a float.
 */
import { minorFromDecimal } from './money';

export type DecimalSeparator = '.' | ',';

/** Symbols that name one currency without doubt in AP documents; `$` alone is read as USD. */
const SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  US$: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  '￥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  R$: 'BRL',
  C$: 'CAD',
  CA$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  Fr: 'CHF',
  'Fr.': 'CHF',
  zł: 'PLN',
  Kč: 'CZK',
};

export interface ParsedAmount {
  minor: number;
  /** The currency the text named (`€`, `EUR`), if any. */
  currency?: string;
}

/** Splits `€ 1.234,56`, `1.234,56 EUR`, `USD1,234.56` into the currency mark and the number part. */
const SYMBOLS_LONGEST_FIRST = Object.keys(SYMBOLS).sort((a, b) => b.length - a.length);
const PLAIN_NUMBER = /^[\d\s\u00a0\u202f'.,()\u2212-]+$/;
const GROUPED = { '.': /^\d{1,3}(\.\d{3})+$/, ',': /^\d{1,3}(,\d{3})+$/ } as const;

function splitCurrency(text: string): { number: string; currency?: string } {
  // Most cells are bare numbers: no currency to look for.
  if (PLAIN_NUMBER.test(text)) return { number: text.trim() };
  let rest = text;
  let currency: string | undefined;
  const code = /(?:^|[\s\d(-])([A-Z]{3})(?=$|[\s\d)-])/.exec(rest);
  if (code?.[1] && /[A-Z]{3}/.test(code[1])) {
    currency = code[1];
    rest = rest.replace(code[1], ' ');
  }
  for (const symbol of SYMBOLS_LONGEST_FIRST) {
    const at = rest.indexOf(symbol);
    if (at === -1) continue;
    // `Fr` only counts as a whole word, so a stray "Fr" inside text is not a currency.
    if (/^[A-Za-z]/.test(symbol) && /[A-Za-z]/.test(rest[at + symbol.length] ?? '')) continue;
    currency ??= SYMBOLS[symbol];
    rest = `${rest.slice(0, at)} ${rest.slice(at + symbol.length)}`;
    break;
  }
  return { number: rest.trim(), currency };
}

/**
 * Which separator is the decimal one, when the text alone tells: `1.234,56` → `,`; `1,234.56` → `.`;
 * `1 234,5` → `,`; `1234.5` → `.`. Undefined for the ambiguous `1,234` / `1.234`.
 */
export function decimalSeparatorOf(numberPart: string): DecimalSeparator | undefined {
  const s = numberPart.replace(/[\s\u00a0\u202f']/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return lastDot > lastComma ? '.' : ',';
  const sep = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : undefined;
  if (!sep) return undefined;
  const parts = s.split(sep);
  // Several of the same separator can only be grouping: `1.234.567` → the other one is decimal.
  if (parts.length > 2) return sep === '.' ? ',' : '.';
  const after = parts[1] ?? '';
  if (after.length !== 3) return sep;
  // `1 234,567`: a space already groups thousands, so the comma must be decimal.
  if (/[\s\u00a0\u202f']/.test(numberPart)) return sep;
  return undefined;
}

/**
 * Guesses the decimal separator of a column from its cells: the first cell that tells wins by
 * majority; when none tells (`1,234` everywhere), the locale hint decides, then `.`.
 */
export function guessDecimalSeparator(samples: string[], localeHint?: string): DecimalSeparator {
  let dot = 0;
  let comma = 0;
  for (const sample of samples) {
    const sep = decimalSeparatorOf(splitCurrency(sample).number);
    if (sep === '.') dot++;
    else if (sep === ',') comma++;
  }
  if (dot !== comma) return dot > comma ? '.' : ',';
  return localeHint && /^(de|fr|es|it|nl|pt)/i.test(localeHint) ? ',' : '.';
}

/**
 * Parses one amount. `decimal` is the column's separator (see guessDecimalSeparator); when omitted
 * the text must tell by itself or the amount has no separator at all. Returns undefined when the
 * text is not an amount, or would need rounding to fit the currency's minor units.
 */
export function parseAmount(
  text: string,
  options: { decimal?: DecimalSeparator; currency?: string } = {},
): ParsedAmount | undefined {
  const raw = text.trim();
  if (!raw || raw.length > 64) return undefined;
  const { number, currency: named } = splitCurrency(raw);
  let s = number;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (/^[-\u2212]/.test(s)) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (/[-\u2212]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  if (!/^\d[\d\s\u00a0\u202f'.,]*$/.test(s)) return undefined;
  const decimal = decimalSeparatorOf(s) ?? options.decimal ?? '.';
  const group = decimal === '.' ? ',' : '.';
  const parts = s.replace(/[\s\u00a0\u202f']/g, '').split(decimal);
  if (parts.length > 2) return undefined;
  const [whole = '', frac] = parts;
  // Grouping must be in threes (`1.234.567`), or the text is a number of another kind (a date, a key).
  if (whole.includes(group) && !GROUPED[group].test(whole)) return undefined;
  const digits = whole.split(group).join('');
  if (!/^\d+$/.test(digits) || (frac !== undefined && !/^\d+$/.test(frac))) return undefined;
  // Without a currency the amount is read with two decimals, the most common exponent.
  const currency = named ?? options.currency ?? 'XXX';
  const minor = minorFromDecimal(`${negative ? '-' : ''}${digits}${frac !== undefined ? `.${frac}` : ''}`, currency);
  if (minor === undefined) return undefined;
  return named ? { minor, currency: named } : { minor };
}
