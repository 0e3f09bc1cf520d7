import { describe, expect, it } from 'vitest';
import { fieldsCarried } from '@/lib/page/overlay';

const base = {
  kind: 'invoice' as const,
  number: 'OS-85407',
  key: 'OS85407',
  confidence: 0.8,
  evidence: 'label "Invoice No."',
  span: { block: 0, start: 0, end: 8 },
};

describe('fieldsCarried', () => {
  it('names nothing for a bare number (an e-mail subject)', () => {
    expect(fieldsCarried(base)).toEqual([]);
  });

  it('names every fact a fuller sighting adds, so the overlay reports it again', () => {
    const body = {
      ...base,
      vendor: 'Spinka Software Ltd',
      total: { minor: 182000, currency: 'USD' },
      dueDate: '2026-04-12',
      poKeys: ['4500019120'],
    };
    expect(fieldsCarried(body)).toEqual(['vendor', 'total', 'dueDate', 'po:4500019120']);
  });
});
