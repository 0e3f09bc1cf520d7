import { describe, expect, it } from 'vitest';
import { looseKey, numberKey, vendorKey } from '@/lib/model/keys';

describe('numberKey', () => {
  it('gives one key for the printed forms of one number', () => {
    expect(numberKey('PO-0012345')).toBe('12345');
    expect(numberKey('po 12345')).toBe('12345');
    expect(numberKey('#12345')).toBe('12345');
    expect(numberKey('P.O. 12345')).toBe('12345');
    expect(numberKey('INV-2291')).toBe('2291');
    expect(numberKey('Invoice 2291')).toBe('2291');
  });
  it('keeps letters that are part of the number and a kind word not followed by digits', () => {
    expect(numberKey('INV-A17')).toBe('INVA17');
    expect(numberKey('POLAND7')).toBe('POLAND7');
    expect(numberKey('AB-001')).toBe('AB001');
  });
  it('keeps a lone zero', () => {
    expect(numberKey('000')).toBe('0');
  });
});

describe('looseKey', () => {
  it('folds OCR look-alikes so a misread number meets the real one', () => {
    expect(looseKey('PO 45000l2345')).toBe('4500012345');
    expect(looseKey('45OOO12345')).toBe(looseKey('4500012345'));
    expect(looseKey('INV-5S8Z1')).toBe('55821');
  });
  it('is never used as the strict key', () => {
    expect(numberKey('45000l2345')).not.toBe(numberKey('4500012345'));
  });
});

describe('vendorKey', () => {
  it('ignores case, punctuation and legal forms', () => {
    expect(vendorKey('Acme Corp.')).toBe('ACME');
    expect(vendorKey('ACME, Inc')).toBe('ACME');
    expect(vendorKey('Müller GmbH & Co. KG')).toBe('MULLER');
  });
});
