import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { NOW, reported } from './helpers';

// Class 1 and 2 of detection on unseen documents: document titles that are compounds or carry a
// qualifier, abbreviated and hyphenated labels, spaced capitals, a value under its label. Made-up
// text in German, Dutch, English, French, Italian, Spanish, Polish and Czech, as pdftotext -layout
// prints a page.

/** The documents (invoices and credit notes) reported on one page of text. */
function documents(text: string): string[] {
  return reported(detect([{ text, role: 'text', layout: true }], { now: NOW }))
    .filter((d) => d.kind === 'invoice' || d.kind === 'credit_note')
    .map((d) => `${d.kind}:${d.number}`);
}

const PAGE = (head: string) =>
  [
    'Muster Handel GmbH · Ring 4 · 10115 Berlin',
    '',
    head,
    '',
    'Pos  Bezeichnung                 Menge      Betrag',
    '1    Beratung                        2      200,00',
    '',
    '2    Zinsberechnung Nr. 4471         1       38,00',
    '',
    '                                  Gesamtbetrag   238,00 EUR',
  ].join('\n');

describe('document titles read as tokens', () => {
  // each page also prints a calculation (`Zinsberechnung`), which is no invoice
  it.each([
    ['de', 'Schlussrechnung Nr. SR-24-117', 'invoice:SR-24-117'],
    ['de', '                                       Abschlagsrechnung Nr.   2024-AR-031', 'invoice:2024-AR-031'],
    ['de', 'Teilrechnung Nummer 7781-3', 'invoice:7781-3'],
    ['de', 'Stornorechnung Nr. ST-0042', 'credit_note:ST-0042'],
    ['de', 'Rechnung (380) Nr. RE-10045', 'invoice:RE-10045'],
    ['de', 'Rechnung 380 Nr. RE-10046', 'invoice:RE-10046'],
    ['nl', 'Verkoopfactuur nr. VF-2024-0231', 'invoice:VF-2024-0231'],
    ['nl', 'Eindfactuur nummer 2024.0387', 'invoice:2024.0387'],
  ])('%s: %s', (_lang, head, expected) => {
    expect(documents(PAGE(head))).toEqual([expected]);
  });

  it.each([
    ['de', 'Rechn.-Nr.: 24-0815', 'invoice:24-0815'],
    ['de', 'Rech.-Nr. 24/0391', 'invoice:24/0391'],
    ['nl', 'Fact.nr. 2024-118', 'invoice:2024-118'],
    ['cs', 'Fakt. č. 2024100', 'invoice:2024100'],
    ['de', 'Fakt.-Nr. F-2024-77', 'invoice:F-2024-77'],
    ['it', 'Fatt. n. 118/2024', 'invoice:118/2024'],
    ['es', 'Fact. nº A-2024-1180', 'invoice:A-2024-1180'],
    ['pl', 'Fakt. nr FV/2024/05/117', 'invoice:FV/2024/05/117'],
  ])('%s abbreviation: %s', (_lang, head, expected) => {
    expect(documents(PAGE(head))).toEqual([expected]);
  });

  it('reads a title in spaced capitals and the bare number under it', () => {
    const text = [
      '                              R E C H N U N G',
      '',
      'Autohaus Lindner GmbH                                Nummer:    20241207',
      'Gewerbepark 3                                        Datum:     09.12.2024',
    ].join('\n');
    expect(documents(text)).toEqual(['invoice:20241207']);
  });

  it('reads "Invoice Number:" with its value on the next line, printed with a number sign', () => {
    const text = [
      'INVOICE',
      '',
      'Invoice Number:                   Date of Issue:',
      '#0014                             February 1, 2024',
    ].join('\n');
    expect(documents(text)).toEqual(['invoice:0014']);
  });
});
