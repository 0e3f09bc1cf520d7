/**
 * A hand-written date reader for the forms invoices print: ISO (`2025-04-03`), numeric day/month
 * or month/day (`03/04/2025`, `3.4.25`, `8-9-2022`) and written months in EN/DE/FR/ES/IT/NL/PT
 * (`7. Mai 2014`, `August 3 , 2014`, `3 de marzo de 2025`, `02 Juillet 2015`, `03-Mar-2024`).
 *
 * Why not chrono-node: it parses free text with many regexes per locale and needs one parser per
 * language; here dates are read at known positions (after a label) so a bounded reader is enough,
 * runs in constant time per position, and keeps `03/04/2025` ambiguous until the page's other dates
 * or its language decide, which the evidence then states.
 */
import * as textFns from './text';

// Bound once: hot loops then call local functions, not module-namespace getters (tsx/CJS interop).
const { fold, isDigit, isHSpace, isLetter } = textFns;

const MONTHS: Record<string, number> = {};
function months(names: string, values: number[]): void {
  names.split(' ').forEach((n, i) => {
    const v = values[i];
    if (v !== undefined && MONTHS[n] === undefined) MONTHS[n] = v;
  });
}
const M12 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
months('january february march april may june july august september october november december', M12);
months('jan feb mar apr may jun jul aug sep oct nov dec', M12);
months('sept', [9]);
months('januar februar marz april mai juni juli august september oktober november dezember', M12);
months('janner maerz mrz okt dez', [1, 3, 3, 10, 12]);
months('janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre', M12);
months('janv fevr fev avr juil', [1, 2, 2, 4, 7]);
months('enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre', M12);
months('setiembre ene abr ago dic', [9, 1, 4, 8, 12]);
months('gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre', M12);
months('gen mag giu lug set ott', [1, 5, 6, 7, 9, 10]);
months('januari februari maart april mei juni juli augustus september oktober november december', M12);
months('mrt', [3]);
months('janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro', M12);
months('out', [10]);

export interface RawDate {
  start: number;
  end: number;
  y: number;
  /** For unambiguous dates, month and day. For ambiguous numeric ones, the first two numbers. */
  a: number;
  b: number;
  /** `dmy` / `mdy` when the form says, `ambiguous` when both readings are valid dates. */
  order: 'ymd' | 'dmy' | 'mdy' | 'ambiguous';
  text: string;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (DAYS[m - 1] ?? 0);
}

function readInt(text: string, p: number, max: number): { v: number; end: number; len: number } | undefined {
  let i = p;
  // The value is summed as the digits are read: a slice and Number() per date part was a string
  // for every figure a long list prints.
  let v = 0;
  while (i < text.length && i - p < max && isDigit(text.charCodeAt(i))) {
    v = v * 10 + (text.charCodeAt(i) - 48);
    i++;
  }
  if (i === p || isDigit(text.charCodeAt(i))) return undefined;
  return { v, end: i, len: i - p };
}

function fullYear(y: number, len: number, now: Date): number | undefined {
  if (len === 4) return y >= 1970 && y <= 2099 ? y : undefined;
  if (len === 2) {
    const cut = (now.getUTCFullYear() % 100) + 10;
    return y <= cut ? 2000 + y : 1900 + y;
  }
  return undefined;
}

function readMonthWord(text: string, p: number): { m: number; end: number } | undefined {
  if (!isLetter(text.charCodeAt(p))) return undefined;
  if (p > 0 && isLetter(text.charCodeAt(p - 1))) return undefined;
  let e = p;
  while (e < text.length && e - p <= 10 && isLetter(text.charCodeAt(e))) e++;
  if (isLetter(text.charCodeAt(e))) return undefined;
  const m = MONTHS[fold(text.slice(p, e))];
  if (m === undefined) return undefined;
  if (text[e] === '.') e++;
  return { m, end: e };
}

/** Skip spaces and at most one of `,` / `.` / `de` / `del` / `-` between date parts. */
function skipGlue(text: string, p: number): number {
  let i = p;
  let n = 0;
  while (i < text.length && n < 8) {
    const c = text.charCodeAt(i);
    if (isHSpace(c) || c === 44 || c === 46 || c === 45 || c === 47) {
      i++;
      n++;
      continue;
    }
    const w = text.slice(i, i + 4).toLowerCase();
    if ((w.startsWith('de ') || w.startsWith('de\u00a0')) && (i === 0 || !isLetter(text.charCodeAt(i - 1)))) {
      i += 2;
      n += 2;
      continue;
    }
    if (w === 'del ') {
      i += 3;
      n += 3;
      continue;
    }
    break;
  }
  return i;
}

/** A date starting at `p`, or undefined. */
export function readDate(text: string, p: number, now: Date): RawDate | undefined {
  const c = text.charCodeAt(p);
  if (isDigit(c)) {
    if (p > 0 && isDigit(text.charCodeAt(p - 1))) return undefined;
    const first = readInt(text, p, 4);
    if (!first) return undefined;
    const sep = text[first.end];
    // ISO and y/m/d
    if (first.len === 4 && (sep === '-' || sep === '/' || sep === '.')) {
      const mm = readInt(text, first.end + 1, 2);
      if (mm && text[mm.end] === sep) {
        const dd = readInt(text, mm.end + 1, 2);
        if (dd && valid(first.v, mm.v, dd.v) && fullYear(first.v, 4, now))
          return mk(text, p, dd.end, first.v, mm.v, dd.v, 'ymd');
      }
      return undefined;
    }
    if (first.len > 2) return undefined;
    // numeric d/m/y or m/d/y
    if (sep === '/' || sep === '-' || sep === '.') {
      const second = readInt(text, first.end + 1, 2);
      if (second && text[second.end] === sep) {
        const yr = readInt(text, second.end + 1, 4);
        if (yr && (yr.len === 4 || yr.len === 2)) {
          const y = fullYear(yr.v, yr.len, now);
          if (y === undefined) return undefined;
          const dmy = valid(y, second.v, first.v);
          const mdy = valid(y, first.v, second.v);
          if (!dmy && !mdy) return undefined;
          // German-style dots are always day first
          const order = sep === '.' ? 'dmy' : dmy && mdy && first.v !== second.v ? 'ambiguous' : dmy ? 'dmy' : 'mdy';
          if (order === 'dmy' && !dmy) return undefined;
          return mk(text, p, yr.end, y, first.v, second.v, order);
        }
      }
      // `3.` then a month word: `7. Mai 2014`
    }
    // d Month yyyy
    const afterDay = skipOrdinal(text, first.end);
    const mw = readMonthWord(text, skipGlue(text, afterDay));
    if (mw && first.len <= 2) {
      const ys = skipGlue(text, mw.end);
      const yr = readInt(text, ys, 4);
      if (yr && yr.len === 4) {
        const y = fullYear(yr.v, 4, now);
        if (y !== undefined && valid(y, mw.m, first.v)) return mk(text, p, yr.end, y, mw.m, first.v, 'ymd');
      }
    }
    return undefined;
  }
  // Month d, yyyy
  const mw = readMonthWord(text, p);
  if (!mw) return undefined;
  const ds = skipGlue(text, mw.end);
  const day = readInt(text, ds, 2);
  if (!day) return undefined;
  const ys = skipGlue(text, skipOrdinal(text, day.end));
  const yr = readInt(text, ys, 4);
  if (yr?.len !== 4) return undefined;
  const y = fullYear(yr.v, 4, now);
  if (y === undefined || !valid(y, mw.m, day.v)) return undefined;
  return mk(text, p, yr.end, y, mw.m, day.v, 'ymd');
}

function skipOrdinal(text: string, p: number): number {
  const two = text.slice(p, p + 2).toLowerCase();
  if (two === 'st' || two === 'nd' || two === 'rd' || two === 'th' || two === 'er') {
    if (!isLetter(text.charCodeAt(p + 2))) return p + 2;
  }
  if (text[p] === 'º' || text[p] === '°') return p + 1;
  return p;
}

/** For `ymd`, a = month and b = day; for numeric forms a and b are the first two numbers. */
function mk(
  text: string,
  start: number,
  end: number,
  y: number,
  a: number,
  b: number,
  order: RawDate['order'],
): RawDate {
  return { start, end, y, a, b, order, text: text.slice(start, end) };
}

export type DayOrder = 'dmy' | 'mdy';

/** How the page orders day and month: from its unambiguous numeric dates, else its language. */
export function decideOrder(
  dates: RawDate[],
  lang: string | undefined,
  currency?: string,
): { order: DayOrder; reason: string } {
  let dmy = 0;
  let mdy = 0;
  for (const d of dates) {
    if (d.order === 'dmy') dmy++;
    else if (d.order === 'mdy') mdy++;
  }
  if (dmy > mdy) return { order: 'dmy', reason: `other dates on the page are day/month (${dmy})` };
  if (mdy > dmy) return { order: 'mdy', reason: `other dates on the page are month/day (${mdy})` };
  const l = (lang ?? '').toLowerCase();
  if (l) {
    // a bare `en` says nothing of the country: amounts in another currency than dollars are read
    // as the rest of the world writes dates, day first
    if (l === 'en' && currency && currency !== 'USD')
      return { order: 'dmy', reason: `page language ${lang} with amounts in ${currency}` };
    const mdyLang = l === 'en' || l === 'en-us' || l.startsWith('en-us') || l === 'en-ph' || l === 'fil';
    return { order: mdyLang ? 'mdy' : 'dmy', reason: `page language ${lang}` };
  }
  // no language, no telling date: dollar invoices from the US write month first
  if (currency === 'USD') return { order: 'mdy', reason: 'amounts in USD and no page language or other dates' };
  return { order: 'dmy', reason: 'no page language or other dates; read day first' };
}

/** ISO form of a read date, with a note when the order had to be decided. */
export function isoOf(d: RawDate, decided: { order: DayOrder; reason: string }): { iso: string; note?: string } {
  let y = d.y;
  let m: number;
  let day: number;
  let note: string | undefined;
  if (d.order === 'ymd') {
    m = d.a;
    day = d.b;
  } else if (d.order === 'dmy') {
    day = d.a;
    m = d.b;
  } else if (d.order === 'mdy') {
    m = d.a;
    day = d.b;
  } else {
    if (decided.order === 'dmy') {
      day = d.a;
      m = d.b;
    } else {
      m = d.a;
      day = d.b;
    }
    note = `${d.text} read as ${decided.order === 'dmy' ? 'day/month' : 'month/day'} (${decided.reason})`;
  }
  y = Math.trunc(y);
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { iso, note };
}
