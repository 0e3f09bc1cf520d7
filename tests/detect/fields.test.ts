import { describe, expect, it } from 'vitest';
import { readAmount } from '@/lib/detect/amounts';
import { readDate } from '@/lib/detect/dates';
import { detect } from '@/lib/detect/index';
import { inText, NOW, reported } from './helpers';

describe('amounts in local forms', () => {
  it.each([
    ['$1,234.56', '1234.56', 'USD'],
    ['1.234,56 €', '1234.56', 'EUR'],
    ['1 234,56 EUR', '1234.56', 'EUR'],
    ["CHF 1'234.50", '1234.50', 'CHF'],
    ['¥120,000', '120000', 'JPY'],
    ['Rs 1939', '1939', 'INR'],
    ['€ 4.904,94', '4904.94', 'EUR'],
    ['316,83 PLN', '316.83', 'PLN'],
    ['US$ 99.00', '99.00', 'USD'],
    ['-782179.43 DKK', '-782179.43', 'DKK'],
  ])('%s', (text, decimal, currency) => {
    const a = readAmount(text, 0);
    expect(a?.decimal).toBe(decimal);
    expect(a?.currency).toBe(currency);
    expect(a?.money).toBe(true);
  });

  it('does not read a count or a percentage as money', () => {
    expect(readAmount('12 items', 0)?.money).toBe(false);
    expect(readAmount('15%', 0)).toBeUndefined();
  });

  it.each([
    ['Total due: $1,234.56', 123456, 'USD'],
    ['Gesamtbetrag: 1.234,56 €', 123456, 'EUR'],
    ['Montant TTC 1 234,56 EUR', 123456, 'EUR'],
    ["Total CHF 1'234.50", 123450, 'CHF'],
    ['Amount due ¥120,000', 120000, 'JPY'],
    ['Importe total: 1.234,56 €', 123456, 'EUR'],
    ['Totale documento € 1.234,56', 123456, 'EUR'],
    ['Te betalen € 1.234,56', 123456, 'EUR'],
    ['Valor total R$ 1.234,56', 123456, 'BRL'],
    ['TOTAL AMOUNT DUE ON August 3 , 2014      $4.11', 411, 'USD'],
  ])('total next to its label: %s', (line, minor, currency) => {
    const d = reported(inText(`Invoice No. 1001\n${line}`))[0];
    expect(d?.total).toEqual({ minor, currency });
    expect(d?.currency).toBe(currency);
  });

  it('prefers the amount due over subtotals, net amounts and tax', () => {
    const text = [
      'Invoice No. 1001',
      'Subtotal 100.00 EUR',
      'Total HT : 100,00 €',
      'TVA 20% : 20,00 €',
      'Total TTC : 120,00 €',
    ].join('\n');
    expect(reported(inText(text))[0]?.total).toEqual({ minor: 12000, currency: 'EUR' });
    const paid = ['Invoice No. 1002', 'Total 262.90 USD', 'Grand Total 279.84 USD', 'Amount paid 279.84 USD'].join(
      '\n',
    );
    expect(reported(inText(paid))[0]?.total).toEqual({ minor: 27984, currency: 'USD' });
  });

  it('takes the currency from the page when the total has none', () => {
    const text = 'Invoice No. 77\nDiscount of Rs -40.00 applied\nGrand Total 319.00';
    expect(reported(inText(text))[0]?.total).toEqual({ minor: 31900, currency: 'INR' });
  });
});

describe('dates', () => {
  it.each([
    ['2025-04-03', '2025-04-03'],
    ['03.04.2025', '2025-04-03'],
    ['3.4.25', '2025-04-03'],
    ['7. Mai 2014', '2014-05-07'],
    ['August 3 , 2014', '2014-08-03'],
    ['March 3rd, 2024', '2024-03-03'],
    ['3 de marzo de 2025', '2025-03-03'],
    ['02 Juillet 2015', '2015-07-02'],
    ['19 april 2014', '2014-04-19'],
    ['29 maart 2014', '2014-03-29'],
    ['3 giugno 2025', '2025-06-03'],
    ['3 de março de 2025', '2025-03-03'],
    ['03-Mar-2024', '2024-03-03'],
    ['20-10-2015', '2015-10-20'],
    ['03/20/2023', '2023-03-20'],
  ])('%s', (text, iso) => {
    const d = reported(inText(`Invoice No. 1\nInvoice date: ${text}`))[0];
    expect(d?.issueDate).toBe(iso);
  });

  it('rejects impossible dates', () => {
    expect(readDate('31.02.2025', 0, NOW)).toBeUndefined();
    expect(readDate('2025-13-01', 0, NOW)).toBeUndefined();
  });

  it('reads 03/04/2025 by the page language and says so', () => {
    const us = detect([{ text: 'Invoice No. 1\nInvoice date: 03/04/2025', context: { lang: 'en-US' } }], {
      now: NOW,
    })[0];
    expect(us?.issueDate).toBe('2025-03-04');
    expect(us?.evidence).toMatch(/month\/day.*en-US/);
    const fr = detect([{ text: 'Facture n° 1\nDate : 03/04/2025', context: { lang: 'fr-FR' } }], { now: NOW })[0];
    expect(fr?.issueDate).toBe('2025-04-03');
    expect(fr?.evidence).toMatch(/day\/month.*fr-FR/);
  });

  it('reads 03/04/2025 by the other dates on the page before the language', () => {
    const text = 'Invoice No. 1\nInvoice date: 03/04/2025\nDue date: 04/18/2025';
    const d = detect([{ text, context: { lang: 'de' } }], { now: NOW })[0];
    expect(d?.issueDate).toBe('2025-03-04');
    expect(d?.evidence).toMatch(/other dates on the page are month\/day/);
    expect(d?.dueDate).toBe('2025-04-18');
  });

  it('takes the date printed with the number: "Facture n° 12 du 02 Juillet 2015"', () => {
    expect(reported(inText('Facture n°562044387 du 02 Juillet 2015'))[0]?.issueDate).toBe('2015-07-02');
    expect(reported(inText('Rechnung Nr. 4711 vom 03.04.2025'))[0]?.issueDate).toBe('2025-04-03');
  });
});

describe('vendor', () => {
  it('comes from a seller label', () => {
    expect(reported(inText('Sold By : WS Retail Services Pvt. Ltd.,\nInvoice No : 123'))[0]?.vendor).toBe(
      'WS Retail Services Pvt. Ltd.',
    );
    expect(reported(inText('Lieferant: Müller Bürobedarf GmbH\nRechnung Nr. 5'))[0]?.vendor).toBe(
      'Müller Bürobedarf GmbH',
    );
  });

  it('falls back to the company name printed most often', () => {
    const text = 'Acme Tools GmbH - Hauptstr. 1\nRechnung Nr. 5\nBill to: Buyer Ltd\nAcme Tools GmbH, Amtsgericht Köln';
    expect(reported(inText(text))[0]?.vendor).toBe('Acme Tools GmbH');
  });

  it('falls back to the e-mail sender', () => {
    const ds = detect(
      [
        {
          text: 'Invoice 88231',
          role: 'subject',
          context: { sender: { name: 'Globex Billing', address: 'billing@globex.example' } },
        },
      ],
      { now: NOW },
    );
    expect(ds[0]?.vendor).toBe('Globex');
    const role = (name: string, address: string) =>
      detect([{ text: 'Invoice 88231', role: 'subject', context: { sender: { name, address } } }], { now: NOW })[0]
        ?.vendor;
    expect(role('Accounts Receivable', 'ar@initech.example')).toBe('Initech');
    expect(role('Initech Rechnungen', 'noreply@mailer.example')).toBe('Initech');
    expect(role('Billing', 'billing@gmail.com')).toBeUndefined();
    expect(role('Accounts', 'ar@globex-components.example')).toBe('Globex Components');
  });
});

describe('vendor from bank details', () => {
  it('names the account holder when nothing better is printed', () => {
    const text =
      'Facture n° 2022089083\nTotal TTC : 56,02 €\nVirement  Titulaire du compte : NETPRESSE\nIBAN : FR76 1010 7002 4500 6170 5231 739';
    expect(reported(inText(text))[0]?.vendor).toBe('NETPRESSE');
    const withSeller = `Lieferant: Muster AG\n${text}`;
    expect(reported(inText(withSeller))[0]?.vendor).toBe('Muster AG');
  });
});
