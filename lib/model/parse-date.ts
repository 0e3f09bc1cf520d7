/**
 * Dates as ERPs and spreadsheets print them, in EN, DE, FR, ES, IT, NL and PT: ISO `2025-03-04`,
 * SAP `04.03.2025` and `20250304`, `04/03/2025` (day first, or month first in US exports),
 * `4 Mar 2025`, `March 4, 2025`, `4. März 2025`, `4 de marzo de 2025`, `1er mars 2025`.
 * Pure; returns `YYYY-MM-DD`, the only date form the ledger stores.
 */

export type DateOrder = 'dmy' | 'mdy';

/** Month names and abbreviations, lower case without accents, in the seven languages. */
const MONTHS: Record<string, number> = {};
const NAMES: string[][] = [
  ['january', 'jan', 'januar', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'januari', 'janeiro', 'jaenner'],
  ['february', 'feb', 'februar', 'fevrier', 'fevr', 'fev', 'febrero', 'febbraio', 'februari', 'fevereiro'],
  ['march', 'mar', 'marz', 'maerz', 'mars', 'marzo', 'maart', 'mrt', 'marco', 'mrz'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'mei', 'maio'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho'],
  ['august', 'aug', 'aout', 'agosto', 'ago', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'set', 'settembre', 'setembro'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'dezember', 'dez', 'decembre', 'diciembre', 'dic', 'dicembre', 'dezembro'],
];
NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function fullYear(y: number, digits: number): number {
  // Two-digit years in AP documents are recent: 00–69 → 2000s, 70–99 → 1900s.
  if (digits === 2) return y < 70 ? 2000 + y : 1900 + y;
  return y;
}

/** `YYYY-MM-DD` when the parts make a real calendar date (no 31 April, 29 February only in leap years). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The numeric parts of `04/03/2025`-like text, or undefined. */
function numericParts(text: string): { a: number; b: number; y: number; yDigits: number } | undefined {
  const m = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4}|\d{2})$/.exec(text);
  if (!m) return undefined;
  return { a: Number(m[1]), b: Number(m[2]), y: Number(m[3]), yDigits: (m[3] ?? '').length };
}

/**
 * Day-first or month-first for a column: a first part above 12 proves day-first, a second part
 * above 12 proves month-first; otherwise the locale (`en-US` → month first) or day-first.
 */
export function guessDateOrder(samples: string[], localeHint?: string): DateOrder {
  let dmy = 0;
  let mdy = 0;
  for (const sample of samples) {
    const trimmed = sample.trim();
    // Dots are day-first everywhere they are used (DE, NL, SAP); they prove nothing about the column.
    const parts = numericParts(trimmed.replace(/\s.*$/, ''));
    if (!parts) continue;
    if (parts.a > 12 && parts.b <= 12) dmy++;
    else if (parts.b > 12 && parts.a <= 12) mdy++;
  }
  if (dmy !== mdy) return dmy > mdy ? 'dmy' : 'mdy';
  return localeHint && /^en-(US|PH)$/i.test(localeHint) ? 'mdy' : 'dmy';
}

/** Parses one date; `order` settles `04/03/2025` (see guessDateOrder). Undefined when not a date. */
export function parseDate(text: string, options: { order?: DateOrder } = {}): string | undefined {
  let s = text.trim();
  if (!s || s.length > 60) return undefined;
  // A time part after the date (`2025-03-04T10:00:00Z`, `04.03.2025 10:15`) does not change the day.
  s = s.replace(/(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2})?$/, '');

  let m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));

  const parts = numericParts(s);
  if (parts) {
    const year = fullYear(parts.y, parts.yDigits);
    // A dotted date is day-first in every locale that writes it so.
    const order = s.includes('.') ? 'dmy' : (options.order ?? 'dmy');
    const [day, month] = order === 'dmy' ? [parts.a, parts.b] : [parts.b, parts.a];
    return isoDate(year, month, day);
  }

  return parseNamedMonth(s);
}

/** `4 Mar 2025`, `04-Mar-25`, `March 4, 2025`, `4. März 2025`, `4 de marzo de 2025`, `1er mars 2025`. */
function parseNamedMonth(text: string): string | undefined {
  const words = fold(text)
    .replace(/\b(de|del|of|the)\b/g, ' ')
    .replace(/(\d)(er|st|nd|rd|th|º|°)\b/g, '$1')
    .split(/[\s,./-]+/)
    .filter(Boolean);
  if (words.length !== 3) return undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  let yearDigits = 4;
  for (const word of words) {
    if (/^\d+$/.test(word)) {
      const n = Number(word);
      if (word.length === 4) {
        year = n;
      } else if (day === undefined && n >= 1 && n <= 31) {
        day = n;
      } else if (word.length === 2 && year === undefined) {
        year = n;
        yearDigits = 2;
      } else {
        return undefined;
      }
    } else {
      const named = MONTHS[word];
      if (named === undefined || month !== undefined) return undefined;
      month = named;
    }
  }
  // `04-Mar-25`: the last two-digit number is the year, the first the day.
  if (year === undefined || day === undefined || month === undefined) return undefined;
  return isoDate(fullYear(year, yearDigits), month, day);
}
