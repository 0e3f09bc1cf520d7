/**
 * Reading a document number at a position, and telling it apart from the numbers that look like
 * one (dates, amounts, IBANs, percentages, times). Bounded: a number is at most MAX_NUMBER_LENGTH
 * characters; a longer token is not a document number, so the reader gives up after that many.
 */
import * as textFns from './text';

// Bound once: hot loops then call local functions, not module-namespace getters (tsx/CJS interop).
const { isAsciiAlnum, isAsciiLetter, isDigit, isHSpace, isUpper } = textFns;

export const MAX_NUMBER_LENGTH = 40;

export interface Span {
  start: number;
  end: number;
}

function isJoiner(c: number): boolean {
  return c === 45 /* - */ || c === 47 /* / */ || c === 95 /* _ */ || c === 46 /* . */;
}

/**
 * The document number starting at `p`, or undefined. Accepts letters and digits joined by `-`, `/`,
 * `_`, `.`, the spaced slash of `018304 / 28865`, and a short letter series before a space
 * (`F 1234K20/1234/12`). Must hold a digit and must not be a date, an amount or an IBAN.
 */
export function readNumber(text: string, p: number, limit = text.length): Span | undefined {
  if (p >= limit || !isAsciiAlnum(text.charCodeAt(p))) return undefined;
  // The character before must not be part of the same token (no starting mid-word).
  if (p > 0 && isAsciiAlnum(text.charCodeAt(p - 1))) return undefined;
  let i = p;
  let end = p;
  let segments = 0;
  let firstRunLetters = true;
  let firstRunLength = 0;
  while (i < limit) {
    // one alphanumeric run
    const runStart = i;
    while (i < limit && isAsciiAlnum(text.charCodeAt(i))) {
      if (segments === 0 && !isUpper(text.charCodeAt(i))) firstRunLetters = false;
      i++;
      if (i - p > MAX_NUMBER_LENGTH) return undefined;
    }
    if (i === runStart) break;
    if (segments === 0) firstRunLength = i - runStart;
    segments++;
    end = i;
    if (i >= limit) break;
    const c = text.charCodeAt(i);
    if (isJoiner(c) && i + 1 < limit && isAsciiAlnum(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    // `018304 / 28865`
    if (
      isHSpace(c) &&
      text.charCodeAt(i + 1) === 47 &&
      isHSpace(text.charCodeAt(i + 2)) &&
      i + 3 < limit &&
      isDigit(text.charCodeAt(i + 3))
    ) {
      i += 3;
      continue;
    }
    // `F 1234K20/1234/12`: a one- to three-letter series printed apart from its digits
    if (
      segments === 1 &&
      firstRunLetters &&
      firstRunLength <= 3 &&
      c === 32 &&
      i + 1 < limit &&
      isDigit(text.charCodeAt(i + 1))
    ) {
      i++;
      continue;
    }
    break;
  }
  if (end - p > MAX_NUMBER_LENGTH) return undefined;
  // An attachment's file name (`INV-10238.pdf`) shows the number it was named after, not another one.
  const extension = FILE_EXTENSION.exec(text.slice(p, end));
  if (extension && end - extension[0].length > p) end -= extension[0].length;
  // A token that runs on into more token characters was cut by the limit, not ended: reject it.
  if (end < limit && end < text.length && isAsciiAlnum(text.charCodeAt(end))) return undefined;
  const printed = text.slice(p, end);
  if (!/[0-9]/.test(printed)) return undefined;
  if (looksLikeNonDocument(printed, text, end)) return undefined;
  return { start: p, end };
}

const FILE_EXTENSION = /\.(?:pdf|xml|xlsx?|docx?|csv|txt|html?|eml|msg|zip|png|jpe?g|tiff?|odt|ods)$/i;

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDayMonth(d: number, m: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= (MONTH_DAYS[m - 1] ?? 31);
}

/** Shapes that are dates, amounts, IBANs, times or percentages, whatever label precedes them. */
export function looksLikeNonDocument(printed: string, text: string, end: number): boolean {
  // followed by %, a time colon, or a currency: not a document number
  let j = end;
  while (j < text.length && j < end + 2 && isHSpace(text.charCodeAt(j))) j++;
  const after = text.charCodeAt(j);
  if (after === 37 /* % */) return true;
  if (after === 58 /* : */ && j === end && isDigit(text.charCodeAt(j + 1))) return true;
  if (after === 0x20ac || after === 36 || after === 0xa3 || after === 0xa5) return true;
  // ISO date or d/m/y forms
  let m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(printed);
  if (m && validDayMonth(Number(m[3]), Number(m[2]))) return true;
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{2}|\d{4})$/.exec(printed);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (validDayMonth(a, b) || validDayMonth(b, a)) return true;
  }
  // amounts: 12.50, 1,234.56 (commas stop the reader, so only dot forms arrive here)
  if (/^\d{1,3}(\.\d{3})*\.\d{2}$/.test(printed) || /^\d+\.\d{2}$/.test(printed)) return true;
  // decimal quantities like 54.910 or 1.00
  if (/^\d+\.\d{1,3}$/.test(printed) && !/^\d{4,}\.\d{1,3}$/.test(printed)) return true;
  if (isIban(printed)) return true;
  return false;
}

/** IBAN shape with a valid mod-97 checksum. */
export function isIban(s: string): boolean {
  const compact = s.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

/** Kind prefixes that mark a number by themselves when glued to it: `PO-12345`, `INV/2023/0008`. */
const GLUED_PREFIXES: Record<string, 'po' | 'invoice' | 'credit_note' | 'receipt'> = {
  PO: 'po',
  INV: 'invoice',
  GRN: 'receipt',
};

/**
 * `PO12345`, `PO-12345`, `PO#12345`, `INV-2024-001` with no label: the prefix is in the number.
 * `p` is the start of an upper-case letter run.
 */
export function readGluedNumber(
  text: string,
  p: number,
  wordEnd: number,
): { span: Span; kind: 'po' | 'invoice' | 'credit_note' | 'receipt'; prefix: string } | undefined {
  const prefix = text.slice(p, wordEnd);
  const kind = GLUED_PREFIXES[prefix];
  if (!kind) return undefined;
  if (p > 0) {
    const before = text.charCodeAt(p - 1);
    if (isAsciiAlnum(before) || before === 45 || before === 47 || before === 95 || before === 46) return undefined;
  }
  let q = wordEnd;
  const c = text.charCodeAt(q);
  if (c === 35 /* # */ || c === 45 || c === 47 || c === 95) q++;
  if (!isDigit(text.charCodeAt(q))) return undefined;
  // Read the rest as a number, then report it with its prefix as printed.
  const rest = readNumberTail(text, q);
  if (!rest) return undefined;
  return { span: { start: p, end: rest.end }, kind, prefix };
}

function readNumberTail(text: string, q: number): Span | undefined {
  let i = q;
  let end = q;
  while (i < text.length) {
    const runStart = i;
    while (i < text.length && isAsciiAlnum(text.charCodeAt(i))) {
      i++;
      if (i - q > MAX_NUMBER_LENGTH) return undefined;
    }
    if (i === runStart) break;
    end = i;
    const c = text.charCodeAt(i);
    if (isJoiner(c) && isAsciiAlnum(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    break;
  }
  if (end === q) return undefined;
  const extension = FILE_EXTENSION.exec(text.slice(q, end));
  if (extension && end - extension[0].length > q) end -= extension[0].length;
  const printed = text.slice(q, end);
  if (looksLikeNonDocument(printed, text, end)) return undefined;
  return { start: q, end };
}

/** Whether the letters at `p` start a word (not the middle of one). */
export function wordStartsAt(text: string, p: number): boolean {
  return p === 0 || !isAsciiLetter(text.charCodeAt(p - 1));
}
