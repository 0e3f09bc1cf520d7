import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import type { TextBlock } from '@/lib/detect/types';
import type { Money } from '@/lib/model/money';
import { blocksFromHtml } from '@/lib/page/html-blocks';
import { NOW, reported } from './helpers';

// Class 4 of detection on unseen documents: the total is the amount due or the tax-inclusive
// total, chosen by the role of the line it is printed on; never an amount in a sentence nor a
// "to pay today 0.00" when a total is printed; signs and spaces as printed. Made-up
// pages in German, English, French, Spanish, Italian, Dutch, Polish and Czech.

function totalOf(blocks: TextBlock[]): Money | undefined {
  return reported(detect(blocks, { now: NOW })).find((d) => d.kind === 'invoice' || d.kind === 'credit_note')?.total;
}

const page = (lines: string[]): TextBlock[] => [{ text: lines.join('\n'), role: 'text', layout: true }];
const html = (body: string, lang = 'en'): TextBlock[] =>
  blocksFromHtml(`<html lang="${lang}"><head><title>Invoice</title></head><body>${body}</body></html>`);

describe('the amount due, by the role of its line', () => {
  it.each([
    ['de', 'Kostenloser Versand ab 300 € Bestellwert!', 'Gesamtsumme (inkl. MwSt.)', '62,40 €', 6240],
    ['fr', 'Livraison offerte dès 80 € d’achat.', 'Total TTC', '74,90 €', 7490],
    ['es', 'Envío gratuito en pedidos superiores a 50 €', 'Total', '89,90 €', 8990],
    ['pl', 'Darmowa dostawa od 250 zł.', 'Kwota do zapłaty:', '199,99 zł', 19999],
  ])(
    '%s: an amount in a sentence is not the total, and "to pay today 0.00" is not when a total is printed',
    (lang, sentence, label, amount, minor) => {
      const blocks = html(
        `<p>${sentence}</p><table><tr><td>Nr faktury / Rechnungsnummer / Facture n° / Factura nº:</td><td>R-2024-118873</td></tr></table>
      <table><tr><td>${label}</td><td>${amount}</td></tr><tr><td>Heute zu zahlen</td><td>0,00 €</td></tr></table><p>${sentence}</p>`,
        lang,
      );
      expect(totalOf(blocks)?.minor).toBe(minor);
    },
  );

  it('reads comma decimals in US dollars', () => {
    const blocks = page([
      'INVOICE',
      'Invoice Number:',
      '#0014',
      'Description                                Hours     Rate      Amount',
      'Editorial illustrations, January            12.5     $100     $1.250,00',
      '',
      'Amount Due (USD)                                               $1.250,00',
    ]);
    expect(totalOf(blocks)).toEqual({ minor: 125000, currency: 'USD' });
  });

  it('reads thin and no-break spaces in thousands, and keeps an invoice’s minus sign (−)', () => {
    const cz = page(['Faktura č. 2024100', '', 'Celkem k úhradě\u00a0\u00a0\u00a0\u00a036\u202f300,00\u00a0Kč']);
    expect(totalOf(cz)).toEqual({ minor: 3630000, currency: 'CZK' });
    const de = page([
      'Rechnung Nr. 03-01a',
      'Rechnungsbetrag brutto                804,86 €',
      'abzgl. Vorauszahlung               −1.030,00 €',
      'Zu zahlen                            −225,14 €',
    ]);
    expect(totalOf(de)).toEqual({ minor: -22514, currency: 'EUR' });
  });

  it.each([
    [
      'de',
      [
        'Gutschrift Nr. GS-2024-0008',
        'Nettobetrag    100,00 €',
        'MwSt. 19 %      19,00 €',
        'Gutschriftsbetrag  -119,00 €',
      ],
      11900,
    ],
    ['nl', ['Creditnota', 'Creditnotanummer: CN-1044', 'BTW 21%   -7,98', 'Totaal  -45,98 EUR'], 4598],
    ['it', ['NOTA DI CREDITO N. NC 7/2024', 'IVA 22%     11,00', 'Totale nota di credito    61,00 €'], 6100],
  ])('%s: a credit note’s total is what it credits, whatever its sign', (_lang, lines, minor) => {
    expect(totalOf(page(lines))?.minor).toBe(minor);
  });

  it('takes the net plus the tax printed under them as the total, without a label (cs)', () => {
    const blocks = page([
      'Faktura - daňový doklad č. 2024-0456',
      'Celkem bez DPH                1 000,00',
      'DPH 21 %                        210,00',
      '                              1 210,00 Kč',
    ]);
    expect(totalOf(blocks)).toEqual({ minor: 121000, currency: 'CZK' });
  });

  it('takes the currency of the IBAN’s country for a page that prints bare figures (it)', () => {
    const blocks = page([
      'FATTURA N. 118/2024 DEL 18/06/2024',
      'Imponibile                   2.100,00',
      'IVA 22%                        462,00',
      'Totale documento             2.562,00',
      '',
      'IBAN IT60 X054 2811 1010 0000 0123 456',
    ]);
    expect(totalOf(blocks)).toEqual({ minor: 256200, currency: 'EUR' });
  });
});
