import { describe, expect, it } from 'vitest';
import { guessDecimalSeparator, parseAmount } from '@/lib/model/parse-amount';

describe('parseAmount', () => {
  it.each([
    ['1,234.56', 123456, undefined],
    ['1.234,56', 123456, undefined],
    ['1 234,56', 123456, undefined],
    ['1\u202f234,56', 123456, undefined],
    ["1'234.56", 123456, undefined],
    ['€ 1.234,56', 123456, 'EUR'],
    ['1.234,56 €', 123456, 'EUR'],
    ['EUR 1,234.56', 123456, 'EUR'],
    ['$1,234.56', 123456, 'USD'],
    ['£12', 1200, 'GBP'],
    ['(1,234.56)', -123456, undefined],
    ['-99.5', -9950, undefined],
    ['1234.56-', -123456, undefined],
    ['1.234.567,00', 123456700, undefined],
  ])('%s', (text, minor, currency) => {
    const parsed = parseAmount(text);
    expect(parsed?.minor).toBe(minor);
    expect(parsed?.currency).toBe(currency);
  });
  it('reads the ambiguous 1,234 with the column separator', () => {
    expect(parseAmount('1,234', { decimal: '.' })?.minor).toBe(123400);
    expect(parseAmount('1.234', { decimal: ',' })?.minor).toBe(123400);
    expect(parseAmount('1,234', { decimal: ',', currency: 'BHD' })?.minor).toBe(1234);
    expect(parseAmount('12,5', { decimal: '.' })?.minor).toBe(1250);
  });
  it('uses the currency exponent', () => {
    expect(parseAmount('¥120,000')).toEqual({ minor: 120000, currency: 'JPY' });
    expect(parseAmount('1.234', { currency: 'BHD', decimal: '.' })?.minor).toBe(1234);
    expect(parseAmount('1.5', { currency: 'JPY' })).toBeUndefined();
  });
  it('refuses text that is not an amount', () => {
    for (const bad of ['', 'abc', '12,34,5', '1.2.3,4.5', '2025-03-04', '12a', '--5', '1,23,456.00']) {
      expect(parseAmount(bad), bad).toBeUndefined();
    }
  });
});

describe('guessDecimalSeparator', () => {
  it('decides from the cells that tell', () => {
    expect(guessDecimalSeparator(['1,234', '12,50', '7'])).toBe(',');
    expect(guessDecimalSeparator(['1,234', '12.50'])).toBe('.');
    expect(guessDecimalSeparator(['1,234'], 'de-DE')).toBe(',');
    expect(guessDecimalSeparator(['1,234'])).toBe('.');
  });
});
