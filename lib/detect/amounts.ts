/**
 * Amounts in the forms invoices print them: `$1,234.56`, `1.234,56 €`, `1 234,56 EUR`,
 * `CHF 1'234.50`, `¥120,000`, `Rs 1939`. Read with a bounded character walk (no regex over the
 * page), turned into integer minor units through lib/model/money (never a float).
 */
import { minorFromDecimal } from '@/lib/model/money';
import * as textFns from './text';

// Bound once: hot loops then call local functions, not module-namespace getters (tsx/CJS interop).
const { fold, isAsciiLetter, isDigit, isHSpace, isLetter } = textFns;

/** ISO codes common on invoices. A curated list: `ALL`, `TOP`, `PEN` are also English words. */
export const CURRENCY_CODES = new Set([
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'CNY',
  'RMB',
  'INR',
  'PLN',
  'CZK',
  'SEK',
  'NOK',
  'DKK',
  'ISK',
  'HUF',
  'RON',
  'BGN',
  'HRK',
  'RSD',
  'UAH',
  'RUB',
  'TRY',
  'AUD',
  'CAD',
  'NZD',
  'HKD',
  'SGD',
  'ZAR',
  'BRL',
  'MXN',
  'ARS',
  'CLP',
  'COP',
  'KRW',
  'TWD',
  'THB',
  'MYR',
  'IDR',
  'PHP',
  'VND',
  'AED',
  'SAR',
  'QAR',
  'KWD',
  'BHD',
  'OMR',
  'ILS',
  'EGP',
  'MAD',
  'NGN',
  'KES',
  'PKR',
  'BDT',
  'LKR',
]);

const SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  '₪': 'ILS',
  '฿': 'THB',
  '₱': 'PHP',
  '₫': 'VND',
  '₴': 'UAH',
};

/** Letter-led currency marks (folded), checked before the bare symbols: `US$`, `R$`, `zł`, `Rs.`. */
const WORD_CURRENCIES: Record<string, string> = {
  us: 'USD',
  usd: 'USD',
  ca: 'CAD',
  c: 'CAD',
  a: 'AUD',
  au: 'AUD',
  hk: 'HKD',
  s: 'SGD',
  nz: 'NZD',
  r: 'BRL',
  rs: 'INR',
  inr: 'INR',
  zl: 'PLN',
  kc: 'CZK',
  ft: 'HUF',
  lei: 'RON',
  fr: 'CHF',
  sfr: 'CHF',
};

/** `kr` is Danish, Norwegian, Swedish or Icelandic crowns: the page language decides. */
function crownsFor(lang: string | undefined): string | undefined {
  const l = (lang ?? '').toLowerCase();
  if (l.startsWith('da')) return 'DKK';
  if (l.startsWith('nb') || l.startsWith('nn') || l.startsWith('no')) return 'NOK';
  if (l.startsWith('sv')) return 'SEK';
  if (l.startsWith('is')) return 'ISK';
  return undefined;
}

export interface CurrencyMark {
  code: string;
  start: number;
  end: number;
}

/** A currency mark (symbol, code or word) starting at `p`. */
export function readCurrency(text: string, p: number, lang?: string): CurrencyMark | undefined {
  const ch = text[p];
  if (ch === undefined) return undefined;
  const sym = SYMBOLS[ch];
  if (sym) return { code: sym, start: p, end: p + 1 };
  const c = text.charCodeAt(p);
  if (!isLetter(c)) return undefined;
  if (p > 0 && isLetter(text.charCodeAt(p - 1))) return undefined;
  let e = p;
  while (e < text.length && e - p < 5 && isLetter(text.charCodeAt(e))) e++;
  if (e < text.length && isLetter(text.charCodeAt(e))) return undefined;
  const word = text.slice(p, e);
  if (word.length === 3 && CURRENCY_CODES.has(word)) return { code: word === 'RMB' ? 'CNY' : word, start: p, end: e };
  const f = fold(word);
  if (f === 'kr') {
    const code = crownsFor(lang);
    const end = text[e] === '.' ? e + 1 : e;
    return code ? { code, start: p, end } : undefined;
  }
  const w = WORD_CURRENCIES[f];
  if (!w) return undefined;
  // `US$`, `R$`, `HK$`, `A$`: the word must be glued to a dollar sign
  if (['us', 'ca', 'c', 'a', 'au', 'hk', 's', 'nz', 'r'].includes(f)) {
    if (text[e] === '$') return { code: w, start: p, end: e + 1 };
    return undefined;
  }
  if (f === 'usd' || f === 'inr') return undefined; // only upper case codes count, handled above
  if (f === 'rs' || f === 'fr' || f === 'sfr') {
    // `Rs 1939`, `Rs. 1,939`, `Fr. 12.50`: a word that is only a currency before digits
    let q = e;
    if (text[q] === '.') q++;
    const endMark = q;
    while (q < text.length && q - endMark < 2 && isHSpace(text.charCodeAt(q))) q++;
    if (isDigit(text.charCodeAt(q)) || text[q] === '-') return { code: w, start: p, end: endMark };
    return undefined;
  }
  return { code: w, start: p, end: e };
}

export interface AmountRead {
  start: number;
  end: number;
  /** Plain decimal with `.` (`"1234.56"`). */
  decimal: string;
  currency?: string;
  /** Has a decimal part or a currency next to it: an amount, not a count. */
  money: boolean;
}

const MAX_AMOUNT_CHARS = 24;

function isGroupSep(c: number): boolean {
  return c === 46 || c === 44 || c === 39 || c === 0x2019 || isHSpace(c);
}

/**
 * The digits part at `p`: `1.234,56`, `1 234,56`, `1'234.50`, `120,000`.
 *
 * Called at every figure a page prints (tens of thousands on a long list), so it reads by index:
 * digit groups are sliced once where they end, and a figure without separators (a PO number, a
 * date part) builds no arrays at all. A string built a character at a time was one of the
 * largest allocation sites of a page scan.
 */
function readFigure(text: string, p: number): { end: number; decimal: string; hasDecimals: boolean } | undefined {
  if (!isDigit(text.charCodeAt(p))) return undefined;
  /** Digit groups before the current one, and the separator after each; only once one is seen. */
  let parts: string[] | undefined;
  let seps: number[] | undefined;
  let i = p;
  let curStart = p;
  while (i < text.length && i - p <= MAX_AMOUNT_CHARS) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      i++;
      continue;
    }
    if (isGroupSep(c) && isDigit(text.charCodeAt(i + 1)) && i > curStart) {
      // a space only groups thousands: exactly three digits must follow
      if (isHSpace(c)) {
        let k = i + 1;
        while (k < text.length && isDigit(text.charCodeAt(k))) k++;
        if (k - (i + 1) !== 3 || i - curStart > 3) break;
      }
      if (!parts || !seps) {
        parts = [];
        seps = [];
      }
      parts.push(text.slice(curStart, i));
      seps.push(c);
      i++;
      curStart = i;
      continue;
    }
    break;
  }
  if (i - p > MAX_AMOUNT_CHARS) return undefined;
  if (isDigit(text.charCodeAt(i)) || isAsciiLetter(text.charCodeAt(i))) return undefined;
  const cur = text.slice(curStart, i);
  if (!parts || !seps) return { end: i, decimal: stripZeros(cur), hasDecimals: false };
  parts.push(cur);
  const last = seps[seps.length - 1] ?? 0;
  const lastPart = cur;
  const decimalCapable = last === 46 || last === 44;
  let sameAsLast = 0;
  let dots = false;
  let commas = false;
  for (const s of seps) {
    if (s === last) sameAsLast++;
    if (s === 46) dots = true;
    else if (s === 44) commas = true;
  }
  let decimalSep = 0;
  if (decimalCapable) {
    if (dots && commas) decimalSep = last;
    else if (sameAsLast === 1 && lastPart.length !== 3) decimalSep = last;
  }
  const groups = decimalSep ? parts.length - 1 : parts.length;
  // thousands groups after the first must have three digits
  for (let g = 1; g < groups; g++) if ((parts[g] ?? '').length !== 3) return undefined;
  if ((parts[0] ?? '').length > 3 && groups > 1) return undefined;
  if (decimalSep) {
    // the decimal mark may not also group thousands
    for (let g = 0; g < seps.length - 1; g++) if (seps[g] === decimalSep) return undefined;
    return { end: i, decimal: `${stripZeros(parts.slice(0, -1).join(''))}.${lastPart}`, hasDecimals: true };
  }
  return { end: i, decimal: stripZeros(parts.join('')), hasDecimals: false };
}

/** Leading zeros off a run of digits, keeping one digit (`"0"`, `"007"` → `"7"`). */
function stripZeros(s: string): string {
  if (s === '') return '0';
  let k = 0;
  while (k < s.length - 1 && s.charCodeAt(k) === 48) k++;
  return k ? s.slice(k) : s;
}

/** An amount starting at `p` (a currency mark, a sign or a digit), with its currency if printed. */
export function readAmount(text: string, p: number, lang?: string): AmountRead | undefined {
  let i = p;
  let negative = false;
  let currency: CurrencyMark | undefined;
  if (text[i] === '-' || text[i] === '−') {
    negative = true;
    i++;
  }
  currency = readCurrency(text, i, lang);
  if (currency) {
    i = currency.end;
    let spaces = 0;
    while (i < text.length && spaces < 2 && isHSpace(text.charCodeAt(i))) {
      i++;
      spaces++;
    }
    if (text[i] === '-' || text[i] === '−') {
      negative = true;
      i++;
    }
  }
  const fig = readFigure(text, i);
  if (!fig) return undefined;
  let end = fig.end;
  if (!currency) {
    let q = end;
    let spaces = 0;
    while (q < text.length && spaces < 2 && isHSpace(text.charCodeAt(q))) {
      q++;
      spaces++;
    }
    const after = readCurrency(text, q, lang);
    if (after) {
      currency = after;
      end = after.end;
    }
  }
  // A figure glued to a percent sign or followed by more digits is not money.
  if (text[fig.end] === '%') return undefined;
  const decimal = (negative ? '-' : '') + fig.decimal;
  return {
    start: p,
    end,
    decimal,
    currency: currency?.code,
    money: fig.hasDecimals || currency !== undefined,
  };
}

/** Minor units for an amount in a currency, or undefined if it does not fit the currency's decimals. */
export function minorUnits(decimal: string, currency: string): number | undefined {
  return minorFromDecimal(decimal, currency);
}
