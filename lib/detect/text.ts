/**
 * Character-level helpers shared by the readers. Everything here walks strings with char codes
 * so that no pattern can backtrack: each reader looks at each character a bounded number of times.
 */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

export function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

/** Letters of any script; `º`/`ª` count as letters so `Nº` reads as one word. */
export function isLetter(c: number): boolean {
  if (c < 128) return isAsciiLetter(c);
  if (c === 0xba || c === 0xaa) return true;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0xc0 && c <= 0x24f) return true; // Latin-1 supplement and Latin extended A/B
  if (c >= 0x370 && c <= 0x3ff) return true; // Greek
  if (c >= 0x400 && c <= 0x4ff) return true; // Cyrillic
  if (c >= 0x1e00 && c <= 0x1eff) return true; // Latin extended additional
  return false;
}

/** Horizontal space: space, tab, no-break and the thin/narrow spaces used as thousands separators. */
export function isHSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007;
}

export function isNewline(c: number): boolean {
  return c === 10 || c === 13 || c === 12 || c === 0x2028;
}

export function isSpace(c: number): boolean {
  return isHSpace(c) || isNewline(c);
}

/** Lower case with accents folded (`Numéro` → `numero`, `Nº` → `no`, `ß` → `ss`). */
export function fold(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  const lower = word.toLowerCase();
  if (ascii) return lower;
  return (
    lower
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      // letters NFKD leaves whole: Polish `zł`, Danish `ø`, Icelandic `ð`
      .replace(/ł/g, 'l')
      .replace(/ø/g, 'o')
      .replace(/đ|ð/g, 'd')
  );
}

/** Offsets where each line of `text` starts; built once per block, then binary-searched. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 12 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Index of the line holding `pos` (binary search over `lineStarts`). */
export function lineOf(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function lineEnd(text: string, starts: number[], line: number): number {
  const next = starts[line + 1];
  if (next === undefined) return text.length;
  let end = next - 1;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** A column-aligned piece of a layout line: runs of text separated by two or more spaces. */
export interface Segment {
  start: number;
  end: number;
}

/** Segments of one line (`pdftotext -layout` separates columns by runs of spaces). */
export function segmentsOf(text: string, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isHSpace(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    let end = i;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isHSpace(c)) {
        let j = i;
        while (j < to && isHSpace(text.charCodeAt(j))) j++;
        if (j - i >= 2 || j >= to) {
          i = j;
          break;
        }
        i = j;
        continue;
      }
      i++;
      end = i;
    }
    out.push({ start, end });
  }
  return out;
}
