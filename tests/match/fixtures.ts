import type { Document, Line } from '@/lib/model/document';
import { looseKey, numberKey, vendorKey } from '@/lib/model/keys';
import { money } from '@/lib/model/money';

export const NOW = '2026-03-01T12:00:00.000Z';
export const LATER = '2026-03-02T12:00:00.000Z';

export type DocSpec = Partial<Omit<Document, 'total'>> & { total?: string; currency?: string; vendor?: string };

/** A document as the ledger would store it; amounts as decimal strings, in USD unless `currency` says. */
export function doc(kind: Document['kind'], number: string, spec: DocSpec = {}): Document {
  const { total, currency = 'USD', vendor, ...rest } = spec;
  const d: Document = {
    id: `${kind}-${number}`,
    kind,
    number,
    key: numberKey(number),
    looseKey: looseKey(number),
    lines: [],
    poKeys: [],
    sightings: [],
    confirmed: [],
    conflicts: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...rest,
  };
  if (vendor !== undefined) {
    d.vendor = vendor;
    d.vendorKey = vendorKey(vendor);
  }
  if (total !== undefined) d.total = money(total, currency);
  return d;
}

export function line(sku: string, quantity: number, unitPrice?: string, currency = 'USD'): Line {
  const l: Line = { sku, quantity };
  if (unitPrice !== undefined) l.unitPrice = money(unitPrice, currency);
  return l;
}

export const po = (number: string, spec: DocSpec = {}) => doc('po', number, { vendor: 'Acme Corp', ...spec });
export const inv = (number: string, poNumber: string | string[], spec: DocSpec = {}) =>
  doc('invoice', number, {
    vendor: 'Acme Corp',
    poKeys: (Array.isArray(poNumber) ? poNumber : [poNumber]).map(numberKey),
    ...spec,
  });
export const rcpt = (number: string, poNumber: string, spec: DocSpec = {}) =>
  doc('receipt', number, { vendor: 'Acme Corp', poKeys: [numberKey(poNumber)], ...spec });
export const cn = (number: string, spec: DocSpec = {}) => doc('credit_note', number, { vendor: 'Acme Corp', ...spec });
