import { describe, expect, it } from 'vitest';
import { unsafeReason } from '@/lib/detect/custom';
import { validateCustomFormat } from '@/lib/detect/index';
import { inText, summary } from './helpers';

describe('custom number formats', () => {
  it('accepts a plain vendor pattern and finds numbers with it', () => {
    const v = validateCustomFormat({ vendor: 'Acme', kind: 'invoice', pattern: 'AC-\\d{6}' });
    expect(v.ok).toBe(true);
    const ds = inText('Your statement: AC-123456, (AC-654321). Not AC-12.', {
      customFormats: [{ vendor: 'Acme', kind: 'invoice', pattern: 'AC-\\d{6}' }],
    });
    expect(summary(ds)).toEqual(['invoice:AC-123456', 'invoice:AC-654321']);
    expect(ds[0]?.vendor).toBe('Acme');
    expect(ds[0]?.evidence).toMatch(/custom format/);
  });

  it.each([
    ['(a+)+\\d', /nested/],
    ['(\\d|\\d\\d)*X', /nested/],
    ['(\\w+\\s?)*\\d', /nested/],
    ['(\\d)\\1', /backreference/],
    ['(?<n>\\d)\\k<n>', /backreference/],
    ['(?=\\d)\\d+', /lookahead/],
    ['(?<!x)\\d+', /lookahead and lookbehind/],
  ])('refuses %s', (pattern, why) => {
    const v = validateCustomFormat({ kind: 'po', pattern });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error).toMatch(why);
  });

  it('refuses patterns that match nothing, are invalid, or have no digit', () => {
    expect(validateCustomFormat({ kind: 'po', pattern: '\\d*' })).toMatchObject({ ok: false, error: /empty/ });
    expect(validateCustomFormat({ kind: 'po', pattern: '[0-9' })).toMatchObject({ ok: false });
    expect(validateCustomFormat({ kind: 'po', pattern: '[A-Z]+' })).toMatchObject({ ok: false, error: /digit/ });
    expect(validateCustomFormat({ kind: 'nope', pattern: '\\d+' })).toMatchObject({ ok: false, error: /kind/ });
    expect(validateCustomFormat({ kind: 'po', pattern: '' })).toMatchObject({ ok: false, error: /empty/ });
  });

  it('skips unsafe formats given straight to detect', () => {
    const ds = inText('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', {
      customFormats: [{ kind: 'po', pattern: '(a+)+\\d' }],
    });
    expect(ds).toEqual([]);
  });

  it('allows optional groups and bounded repeats', () => {
    expect(unsafeReason('(?:[A-Z]{2}-)?\\d{6}')).toBeUndefined();
    expect(unsafeReason('PO\\d{4,10}')).toBeUndefined();
  });
});
