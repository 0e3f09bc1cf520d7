import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import type { TextBlock } from '@/lib/detect/types';
import { NOW, reported } from './helpers';

// Class 3 of detection on unseen documents: the vendor is the seller, chosen by the role of the
// region it is printed in (letterhead, seller block, sender line, legal details in the footer, the
// e-mail's sender), never the buyer block, a field label, a bare legal form or a placeholder.
// Made-up pages in German, French, Polish, Czech, English, Italian, Spanish and Dutch.

function vendorOf(blocks: TextBlock[]): string | undefined {
  return reported(detect(blocks, { now: NOW })).find((d) => d.kind === 'invoice' || d.kind === 'credit_note')?.vendor;
}

const page = (text: string): TextBlock[] => [{ text, role: 'text', layout: true }];

describe('the seller, by the role of its region', () => {
  it.each([
    [
      'de, seller left',
      [
        'Rechnung Nr. RE-10045',
        '',
        'Verkäufer                                         Käufer',
        'Lieferant Technik AG                              Maschinenfabrik Weber GmbH',
        'Hafenstraße 3                                     Werkstraße 20',
        '20457 Hamburg                                     70173 Stuttgart',
        '',
        'Gesamtbetrag                                      2.380,00 EUR',
      ],
      'Lieferant Technik AG',
    ],
    [
      'fr, a name field in the seller block',
      [
        'Vendeur',
        'Nom : Menuiserie Roux',
        'Adresse : 12 rue des Artisans, 69007 Lyon',
        '',
        'Acheteur',
        'Nom : Cabinet Morel',
        '',
        'FACTURE N° FA-2024-0342',
        'Total TTC                                             5 760,00 €',
      ],
      'Menuiserie Roux',
    ],
    [
      'de, a name field in the seller block',
      [
        'Verkäufer',
        'Name:       Medizintechnik Albers GmbH',
        'Anschrift:  Industriestraße 5, 24537 Neumünster',
        '',
        'Käufer',
        'Name:       Kreisklinikum Nordland',
        '',
        'Rechnungsnummer: INV-88-2024',
        'Fälliger Betrag                                  7.140,00 EUR',
      ],
      'Medizintechnik Albers GmbH',
    ],
    [
      'pl',
      [
        'Faktura VAT nr FV/2024/05/117',
        'Data wystawienia: 20.05.2024                     Miejsce wystawienia: Kraków',
        '',
        'Sprzedawca:                                      Nabywca:',
        'Drukarnia Wisła Sp. z o.o.                       Biuro Rachunkowe Nowak Sp. z o.o.',
        'ul. Zabłocie 23                                  ul. Długa 5',
        '',
        'Razem do zapłaty: 4 920,00 PLN',
      ],
      'Drukarnia Wisła Sp. z o.o.',
    ],
    [
      'cs, buyer right',
      [
        'FAKTURA - DAŇOVÝ DOKLAD č. 2024100',
        '',
        'Odběratel:                                    Dodavatel:',
        'Hotel U Zlaté lodi a.s.                       Truhlářství Novák s.r.o.',
        'Náměstí Míru 3                                Průmyslová 12',
        '602 00 Brno                                   612 00 Brno',
        '',
        'Celkem k úhradě                           36 300,00 Kč',
      ],
      'Truhlářství Novák s.r.o.',
    ],
    [
      'es, a person selling, seller left',
      [
        'FACTURA',
        'Emisor:                                         Cliente:',
        'Marta Gil Ortega                                Estudio Creativo Nube S.L.',
        'NIF 12345678Z                                   CIF B87654321',
        '',
        'Nº factura: 2024/037',
        'Total a pagar                                    1.060,00 €',
      ],
      'Marta Gil Ortega',
    ],
  ])('%s', (_case, lines, seller) => {
    expect(vendorOf(page(lines.join('\n')))).toBe(seller);
  });

  it.each([
    [
      'de, the seller only in the footer',
      [
        '                              R E C H N U N G',
        '',
        'Autohaus Lindner GmbH                                Re.-Nr.:   24/0391',
        'Werkstatt / Einkauf                                  Datum:     12.08.2024',
        'Gewerbepark 3',
        '06108 Halle (Saale)',
        '',
        '                                                     Endbetrag   1.428,00 EUR',
        '',
        'Kurt Hesse e.K. · Reifenservice · Merseburger Str. 77 · 06110 Halle · St.-Nr. 110/222/33333',
        'Saalesparkasse · IBAN DE77 8005 3762 0000 1122 33',
      ],
      'Kurt Hesse e.K.',
    ],
    [
      'it, the buyer addressed at the top, the seller in the footer',
      [
        '                                              Spett.le',
        '                                              Condominio Aurora S.r.l.',
        '                                              Via dei Mille 9',
        '                                              40033 Casalecchio di Reno (BO)',
        '',
        'FATTURA N. 118/2024 DEL 18/06/2024',
        'Totale documento                                                  2.562,00 €',
        '',
        'Tecnoimpianti Bianchi S.r.l. - P.IVA 02345678901 - IBAN IT60 X054 2811 1010 0000 0123 456',
      ],
      'Tecnoimpianti Bianchi S.r.l.',
    ],
    [
      'en, bill-to block first, the seller in the registered-office footer',
      [
        'Bill To:',
        'Pinecrest Holdings Ltd',
        '1200 Pinecrest Drive',
        'Leeds LS1 4AP',
        '',
        'Invoice No: SI-004512',
        'Amount Due                                   £1,164.00',
        '',
        'Harbour Print Solutions Ltd · Registered in England and Wales No. 07712345 · VAT Reg. No. GB 123 4567 89',
      ],
      'Harbour Print Solutions Ltd',
    ],
  ])('%s', (_case, lines, seller) => {
    expect(vendorOf(page(lines.join('\n')))).toBe(seller);
  });
});
