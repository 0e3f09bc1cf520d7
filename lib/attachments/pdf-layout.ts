/**
 * A PDF page's text items (pdf.js `getTextContent`) laid out as plain text the way
 * `pdftotext -layout` lays it out, because that is the shape the detector reads PDFs in: one text
 * line per baseline, items placed at character columns of one pitch for the whole page (so a value
 * under its label on the next line stays under it), runs of spaces between columns, blank lines
 * where the page leaves vertical space. Pure: positions in, a string out.
 */

/** What layout needs of a pdf.js text item. */
export interface TextItemLike {
  str: string;
  /** The item's text matrix [a b c d e f] in PDF user space. */
  transform: number[];
  /** Advance width in user space. */
  width: number;
}

interface Placed {
  str: string;
  x: number;
  /** Baseline, growing downwards. */
  y: number;
  end: number;
  size: number;
}

/** `m1 × m2` for 2D affine matrices [a b c d e f] (as pdf.js's Util.transform). */
function multiply(m1: number[], m2: number[]): number[] {
  const [a1 = 1, b1 = 0, c1 = 0, d1 = 1, e1 = 0, f1 = 0] = m1;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = m2;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * `viewport` is the page viewport's transform (pdf.js `page.getViewport({ scale: 1 }).transform`):
 * it turns user space into device space with y downwards and the page's rotation applied.
 */
export function layoutPage(items: TextItemLike[], viewport: number[]): string {
  const placed: Placed[] = [];
  const turned: Placed[] = [];
  for (const item of items) {
    const str = item.str.replace(/\s+/g, ' ');
    if (!str.trim()) continue;
    const m = multiply(viewport, item.transform);
    const [a = 1, b = 0, c = 0, d = 1, x = 0, y = 0] = m;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
    const scale = Math.hypot(a, b) / (Math.hypot(item.transform[0] ?? 1, item.transform[1] ?? 0) || 1);
    const p: Placed = { str, x, y, end: x + item.width * scale, size };
    // Text running down or up the page is set apart, as pdftotext does, rather than cut into lines.
    if (Math.abs(b) > Math.abs(a) * 0.5) turned.push(p);
    else placed.push(p);
  }
  const lines = groupLines(placed);
  const pitch = pitchOf(placed);
  const left = Math.min(...placed.map((p) => p.x));
  const out: string[] = [];
  let prev: { y: number; size: number } | undefined;
  for (const line of lines) {
    if (prev) {
      // One blank line for every line height of empty space, two at most, as the reference does.
      const gap = line.y - prev.y;
      const height = Math.max(prev.size, line.size) * 1.15;
      const blanks = Math.min(2, Math.floor(gap / height - 1 + 0.35));
      for (let i = 0; i < blanks; i++) out.push('');
    }
    out.push(renderLine(line.items, pitch, left));
    prev = line;
  }
  for (const t of turned) out.push(t.str.trim());
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

interface Line {
  y: number;
  size: number;
  items: Placed[];
}

/** Items whose baselines lie within half the smaller font size of each other share a line. */
function groupLines(items: Placed[]): Line[] {
  const sorted = [...items].sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: Line[] = [];
  for (const p of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(p.y - last.y) <= 0.5 * Math.min(p.size, last.size)) {
      last.items.push(p);
      last.size = Math.max(last.size, p.size);
    } else {
      lines.push({ y: p.y, size: p.size, items: [p] });
    }
  }
  for (const l of lines) l.items.sort((p, q) => p.x - q.x);
  return lines;
}

/** The page's character pitch: the median advance per character of its text. */
function pitchOf(items: Placed[]): number {
  const widths = items.filter((p) => p.str.trim().length >= 2).map((p) => (p.end - p.x) / p.str.length);
  const m = median(widths.filter((w) => w > 0));
  return m && m > 0 ? m : 5;
}

function renderLine(items: Placed[], pitch: number, left: number): string {
  let s = '';
  let prevEnd: number | undefined;
  let prevSize = 0;
  for (const p of items) {
    const col = Math.max(0, Math.round((p.x - left) / pitch));
    let str = p.str;
    if (prevEnd === undefined) {
      s = ' '.repeat(col);
      str = str.trimStart();
    } else {
      const gap = p.x - prevEnd;
      const size = Math.min(prevSize, p.size);
      const joined = s.endsWith(' ') || str.startsWith(' ');
      if (gap < size * 0.12) {
        // A word cut into several items (kerning, a font change): no space.
      } else if (gap < size * 0.8) {
        if (!joined) s += ' ';
      } else {
        // A column gap: at least two spaces, and the item at its column when that is further on.
        const trimmed = s.trimEnd();
        s = trimmed + ' '.repeat(Math.max(2, col - trimmed.length));
        str = str.trimStart();
      }
    }
    s += str;
    prevEnd = p.end;
    prevSize = p.size;
  }
  return s.trimEnd();
}
