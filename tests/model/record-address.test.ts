import { describe, expect, it } from 'vitest';
import { otherRecord, recordAddress } from '@/lib/model/record-address';

describe('recordAddress: the record an address shows', () => {
  it('reads the id from a single-page client’s fragment, by path or by parameters', () => {
    expect(recordAddress('http://127.0.0.1:8000/#erp/model/account.invoice/7')).toEqual({
      collection: 'http://127.0.0.1:8000/#erp/model/account.invoice',
      id: '7',
    });
    expect(
      recordAddress('https://erp.example/web#id=7&cids=1&menu_id=3&action=9&model=account.move&view_type=form'),
    ).toEqual({ collection: 'https://erp.example/web#?model=account.move', id: '7' });
    expect(recordAddress('https://ap.example/ar.pl?action=edit&id=31')).toEqual({
      collection: 'https://ap.example/ar.pl?',
      id: '31',
    });
    expect(recordAddress('https://portal.example/invoices/123/pdf')).toEqual({
      collection: 'https://portal.example/invoices',
      id: '123',
    });
  });

  it('names no record for a list, a search or a bare page number', () => {
    for (const url of [
      'http://127.0.0.1:8000/#erp/model/account.invoice',
      'https://portal.example/invoices?page=2',
      'https://mail.example/1',
      'file:///tmp/invoices/7',
      'not a url',
    ]) {
      expect(recordAddress(url)).toBeUndefined();
    }
  });

  it('tells two records of one collection apart, and no record from another collection', () => {
    const a = recordAddress('http://erp/#db/model/account.invoice/7');
    const b = recordAddress('http://erp/#db/model/account.invoice/8');
    const po = recordAddress('http://erp/#db/model/purchase.purchase/8');
    expect(otherRecord(a, b)).toBe(true);
    expect(otherRecord(a, a)).toBe(false);
    expect(otherRecord(b, po)).toBe(false);
    expect(otherRecord(a, undefined)).toBe(false);
  });
});
