import { describe, expect, it } from 'vitest';
import { inText, summary } from './helpers';

// Numbers that look like document numbers but are not; none may be reported, even next to a real one.
const NOT_NUMBERS: Array<[string, string]> = [
  ['phone', 'Phone: +49 6051 916 44 10'],
  ['phone (US)', 'Tel. (870) 931-0505'],
  ['fax', 'Fax 0201 123456'],
  ['date ISO', 'Invoice no.: 2025-04-03'],
  ['date European', 'PO: 03.04.2025'],
  ['date US', 'Purchase order: 04/15/2025'],
  ['postal code', 'PLZ 63571 Gelnhausen'],
  ['zip', 'Seattle, WA 98109-5210, US'],
  ['amount', 'Invoice: 1,234.56'],
  ['amount with currency', 'Order: 1234 EUR'],
  ['IBAN', 'IBAN DE30507500940000048567'],
  ['IBAN with spaces', 'IBAN: FR76 1010 7002 4500 6170 5231 739'],
  ['BIC', 'BIC INGBNL2A'],
  ['VAT id', 'VAT: DE232446240'],
  ['VAT id (NL)', 'BTW NL810433941B01'],
  ['tracking number', 'Tracking number 1Z999AA10123456784'],
  ['tracking (DE)', 'Sendungsnummer: 00340434161094042557'],
  ['quantity', 'Qty 12'],
  ['quantity (DE)', 'Menge: 1200'],
  ['page number', 'Page 1 of 3'],
  ['page (DE)', 'Seite 2 von 4'],
  ['customer number', 'Customer No: 47114711'],
  ['customer number (NL)', 'Klantnummer: 6669263'],
  ['PO box', 'PO Box 1234'],
  ['percent', 'PO 15%'],
  ['time', 'Invoice 10:30'],
];

describe('false-positive kinds', () => {
  it.each(NOT_NUMBERS)('%s: %s', (_what, text) => {
    expect(summary(inText(`Hello,\n${text}\nRegards`))).toEqual([]);
  });

  it('reports the real number and none of the look-alikes in one footer-heavy text', () => {
    const text = NOT_NUMBERS.map(([, t]) => t).join('\n');
    expect(summary(inText(`Rechnungsnummer: RE-2025-0042\n${text}`))).toEqual(['invoice:RE-2025-0042']);
  });

  it('does not read a customer number printed in the column beside an invoice number', () => {
    const layout = 'Rechnungsnr.     30064443        Kundennr.   47774\n';
    expect(summary(inText(layout, {}, { layout: true }))).toEqual(['invoice:30064443']);
  });
});
