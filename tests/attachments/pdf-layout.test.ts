import { describe, expect, it } from 'vitest';
import { layoutPage, type TextItemLike } from '@/lib/attachments/pdf-layout';

// A page viewport at scale 1 for an A4 page: y flipped, origin at the top left.
const A4 = [1, 0, 0, -1, 0, 842];
/** A 10 pt run at (x, y) from the bottom left, 5 pt per character. */
const run = (x: number, y: number, str: string): TextItemLike => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width: str.length * 5,
});

describe('PDF text laid out as pdftotext -layout', () => {
  it('one line per baseline, columns kept, values under their labels, pieces of a word joined', () => {
    const text = layoutPage(
      [
        run(200, 700, 'Date'),
        run(50, 700, 'Invoice'),
        run(86, 700, ' No.'),
        run(50, 686, 'INV-'),
        run(70, 686, '1001'),
        run(200, 686.5, '2025-04-10'),
        run(50, 600, 'Total'),
        run(400, 600, '148.15'),
      ],
      A4,
    );
    const lines = text.split('\n');
    // 5 pt per character: x 200 is column 30 from the left edge at x 50
    expect(lines[0]).toBe(`${'Invoice No.'.padEnd(30)}Date`);
    expect(lines[1]).toBe(`${'INV-1001'.padEnd(30)}2025-04-10`);
    expect(lines[1]?.indexOf('2025')).toBe(lines[0]?.indexOf('Date'));
    // vertical space becomes blank lines, at most two
    expect(lines.slice(2, 4)).toEqual(['', '']);
    expect(lines[4]).toMatch(/^Total\s{2,}148\.15$/);
  });

  it('text running up the page is set apart instead of cut into the lines', () => {
    const turned: TextItemLike = { str: 'Seite 1 von 1', transform: [0, 10, -10, 0, 580, 300], width: 65 };
    const text = layoutPage([run(50, 700, 'Rechnung 42'), turned], A4);
    expect(text).toBe('Rechnung 42\nSeite 1 von 1\n');
  });

  it('an empty page is empty text', () => {
    expect(layoutPage([], A4)).toBe('');
  });
});
