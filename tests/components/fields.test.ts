import { describe, expect, it } from 'vitest';
import { parseTolerance, toleranceText } from '@/components/options/tolerance';
import { parseFieldInput } from '@/components/popup/fields';

describe('parseFieldInput (record view edits)', () => {
  it('reads a total in the clerk’s notation as integer minor units', () => {
    expect(parseFieldInput('total', '1.234,56', 'eur')).toEqual({
      ok: true,
      value: { minor: 123456, currency: 'EUR' },
    });
    expect(parseFieldInput('total', '1,234.56', 'USD')).toEqual({
      ok: true,
      value: { minor: 123456, currency: 'USD' },
    });
    expect(parseFieldInput('total', '120000', 'JPY')).toEqual({ ok: true, value: { minor: 120000, currency: 'JPY' } });
  });
  it('refuses what is not an amount or not a currency code, with a sentence', () => {
    const bad = parseFieldInput('total', 'twelve', 'EUR');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/not an amount in EUR/);
    const cur = parseFieldInput('total', '10', 'euro');
    expect(!cur.ok && cur.error).toMatch(/three-letter code/);
  });
  it('splits PO references and refuses an empty vendor', () => {
    expect(parseFieldInput('poKeys', '4500012345, 4500012346;PO-7', '')).toEqual({
      ok: true,
      value: ['4500012345', '4500012346', 'PO-7'],
    });
    expect(parseFieldInput('vendor', '   ', '').ok).toBe(false);
    expect(parseFieldInput('vendor', ' Acme GmbH ', '')).toEqual({ ok: true, value: 'Acme GmbH' });
  });
});

describe('tolerance form', () => {
  it('round-trips a tolerance and treats empty boxes as no limit', () => {
    expect(toleranceText({ percent: 2 })).toEqual({ percent: '2', absolute: '' });
    expect(parseTolerance({ percent: '2,5', absolute: '' }, 'Price')).toEqual({ percent: 2.5 });
    expect(parseTolerance({ percent: '', absolute: '' }, 'Price')).toEqual({});
  });
  it('names the check when a box holds something that is not a number of zero or more', () => {
    expect(parseTolerance({ percent: '-1', absolute: '' }, 'Price')).toMatch(/^Price: "-1" is not a number/);
    expect(parseTolerance({ percent: '', absolute: 'abc' }, 'Total')).toMatch(/^Total/);
  });
});
