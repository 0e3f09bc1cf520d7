import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { MAX_NUMBER_LENGTH } from '@/lib/detect/numbers';
import { inText, NOW, summary } from './helpers';

function found(text: string): number {
  return detect([{ text }, { text, layout: true }], { now: NOW }).length;
}

describe('hostile input', () => {
  it('caps number length: a 41-character token after a label is not a number', () => {
    const long = `A${'1'.repeat(MAX_NUMBER_LENGTH)}`;
    expect(summary(inText(`Invoice No. ${long}`))).toEqual([]);
    const ok = `A${'1'.repeat(MAX_NUMBER_LENGTH - 1)}`;
    expect(summary(inText(`Invoice No. ${ok}`))).toEqual([`invoice:${ok}`]);
  });

  // Speed is the benchmark's job (dev/bench/detect.bench.ts holds the adversarial/normal bar of 3);
  // here a megabyte of each hostile shape must finish and report nothing.
  it('reports nothing in a megabyte of digits, of labels without numbers, or of one token', () => {
    const digits = '7'.repeat(1_000_000);
    const labels = 'Invoice No: PO # Rechnungsnr. Total: '.repeat(28_000);
    const token = 'Ab1-'.repeat(250_000);
    for (const text of [digits, labels, token]) expect(found(text)).toBe(0);
  }, 120_000);

  it('keeps confidence in 0..1 and spans inside their block', () => {
    const text = 'Invoice No. 12345\nPO: 4500012345\nRechnung 777-1\n'.repeat(50);
    for (const d of detect([{ text }], { now: NOW })) {
      expect(d.confidence).toBeGreaterThanOrEqual(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
      expect(text.slice(d.span.start, d.span.end)).toBe(d.number);
    }
  });

  it('does not read digits from other scripts or glued to letters as numbers', () => {
    expect(summary(inText('Invoice No. ١٢٣٤٥'))).toEqual([]);
    expect(summary(inText('Rechnung Nr.ABC'))).toEqual([]);
    expect(summary(inText('xPO12345 yINV-2024-1 PO-12.50'))).toEqual([]);
  });
});

describe('property: any text gives well-formed detections', () => {
  it('numbers are short, plain characters, with exact spans and valid schema', async () => {
    const fc = (await import('fast-check')).default;
    const { DetectionSchema } = await import('@/lib/model/detection');
    const piece = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        'Invoice No. ',
        'PO# ',
        'Rechnung ',
        '<script>alert(1)</script>',
        'Total: ',
        '€',
        '\n',
        '  ',
        ':',
        '#',
      ),
      fc.stringMatching(/^[A-Z0-9<>"'/-]{1,50}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), fc.boolean(), (parts, layout) => {
        const text = parts.join('');
        for (const d of detect([{ text, layout }], { now: NOW })) {
          expect(DetectionSchema.safeParse(d).success).toBe(true);
          expect(d.number).toMatch(/^[A-Za-z0-9][A-Za-z0-9 \-/_.#]*$/);
          expect(d.number.length).toBeLessThanOrEqual(MAX_NUMBER_LENGTH + 4);
          expect(text.slice(d.span.start, d.span.end)).toBe(d.number);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('attachment file names', () => {
  it('reads INV-10238.pdf as the number INV-10238, not a second invoice', () => {
    const text = 'Invoice No.: INV-10238\nAttachment: Invoice INV-10238.pdf\nTotal: $1,200.00';
    const keys = detect([{ text }], { now: NOW }).map((d) => `${d.kind}:${d.key}`);
    expect(keys).toContain('invoice:10238');
    expect([...new Set(keys.filter((k) => k.startsWith('invoice:')))]).toEqual(['invoice:10238']);
  });
});
