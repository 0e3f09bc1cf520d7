import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, decimalString, formatMoney, minorFromDecimal, money } from '@/lib/model/money';

describe('money', () => {
  it('uses the ISO 4217 exponent of each currency', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
    expect(money('1234.5', 'EUR')).toEqual({ minor: 123450, currency: 'EUR' });
    expect(money('120000', 'JPY')).toEqual({ minor: 120000, currency: 'JPY' });
    expect(money('1.234', 'BHD')).toEqual({ minor: 1234, currency: 'BHD' });
  });
  it('refuses an amount that would need rounding', () => {
    expect(minorFromDecimal('1.005', 'EUR')).toBeUndefined();
    expect(minorFromDecimal('1.5', 'JPY')).toBeUndefined();
    expect(minorFromDecimal('1.500', 'EUR')).toBe(150);
  });
  it('prints a decimal string and a localised amount', () => {
    expect(decimalString({ minor: -5, currency: 'EUR' })).toBe('-0.05');
    expect(decimalString({ minor: 120000, currency: 'JPY' })).toBe('120000');
    expect(formatMoney({ minor: 123450, currency: 'EUR' }, 'en-US')).toBe('€1,234.50');
    expect(formatMoney({ minor: 120000, currency: 'JPY' }, 'en-US')).toBe('¥120,000');
  });

  it('writes every amount exactly as Intl does, in any locale and currency', () => {
    const locales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'de-CH', 'en-IN', 'ja-JP', 'ar-EG', 'nl-NL'];
    const currencies = ['USD', 'EUR', 'JPY', 'GBP', 'CHF', 'BHD', 'INR', 'SEK', 'KWD', 'XXX', 'ZZZ'];
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.constantFrom(...currencies),
        fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: -999, max: 999 })),
        (locale, currency, minor) => {
          const exp = currencyExponent(currency);
          let expected: string;
          try {
            expected = new Intl.NumberFormat(locale, {
              style: 'currency',
              currency,
              minimumFractionDigits: exp,
              maximumFractionDigits: exp,
            }).format(Number(decimalString({ minor, currency })));
          } catch {
            expected = `${decimalString({ minor, currency })} ${currency}`;
          }
          expect(formatMoney({ minor, currency }, locale)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
