import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { NOW } from './helpers';

describe('a short word glued to digits is the number, not the end of a label', () => {
  it.each(['A10000', 'A-10000', 'A/10000'])('reads `Facture %s` as that invoice, not as the label "Facturé à"', (n) => {
    const found = detect([{ text: `Facture ${n}` }], { now: NOW });
    expect(found.map((d) => [d.kind, d.number])).toEqual([['invoice', n]]);
  });

  it('reads a number word glued to digits as part of the number: `Pakbon NUM10000`', () => {
    const found = detect([{ text: 'Pakbon NUM10000' }], { now: NOW });
    expect(found.map((d) => [d.kind, d.key])).toEqual([['receipt', 'NUM10000']]);
  });

  it('still reads "Facturé à" followed by a name as the billed-to label', () => {
    const found = detect([{ text: 'Facturé à ACME SARL\nFacture n° 2024-0042' }], { now: NOW });
    expect(found.map((d) => [d.kind, d.number])).toEqual([['invoice', '2024-0042']]);
  });
});
