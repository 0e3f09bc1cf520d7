import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { NOW, reported } from './helpers';

// Class 5 of detection on unseen documents: a page's fields belong to its own document. On an
// invoice, the total, date and vendor are the invoice's, never the PO's it quotes, even when the
// invoice's own number was not found (the PO would otherwise get conflicting values and a false
// over-billing). Made-up pages in English, German, French, Dutch, Italian, Spanish and Polish.

describe('an invoice page keeps its fields for itself', () => {
  it.each([
    ['en', 'INVOICE', 'Your PO: PO-4711', 'Amount due', '$500.00', 'Issue date: 05/06/2025'],
    ['de', 'RECHNUNG', 'Ihre Bestellung: 4500012345', 'Zahlbetrag', '500,00 €', 'Datum: 05.06.2025'],
    ['fr', 'FACTURE', 'Votre commande : BC-7781', 'Net à payer', '500,00 €', 'Date : 05/06/2025'],
    ['nl', 'FACTUUR', 'Uw inkoopordernummer: IO-2024-88', 'Te betalen', '€ 500,00', 'Datum: 05-06-2025'],
    ['it', 'FATTURA', 'Vostro ordine n. OA-2024-331', 'Totale da pagare', '500,00 €', 'Data: 05/06/2025'],
    ['es', 'FACTURA', 'Su pedido nº: PED-88213', 'Total a pagar', '500,00 €', 'Fecha: 05/06/2025'],
    ['pl', 'FAKTURA', 'Państwa zamówienie: ZK-2024-17', 'Do zapłaty', '500,00 zł', 'Data: 05.06.2025'],
  ])(
    '%s: the PO quoted by an invoice whose number was missed gets no total, date or vendor',
    (_lang, title, po, label, amount, date) => {
      const text = [
        'Nordlicht Werkzeuge GmbH · Hafenstraße 3 · 20457 Hamburg',
        '',
        `                              ${title}`,
        '',
        po,
        date,
        '',
        `${label}                  ${amount}`,
      ].join('\n');
      const ds = reported(detect([{ text, role: 'text', layout: true }], { now: NOW }));
      const quoted = ds.find((d) => d.kind === 'po');
      expect(quoted).toBeDefined();
      expect(quoted?.total).toBeUndefined();
      expect(quoted?.issueDate).toBeUndefined();
      expect(quoted?.vendor).toBeUndefined();
    },
  );

  it('a purchase order page keeps its own fields', () => {
    const text = 'PURCHASE ORDER\nPO Number: 4500012345\nOrder date: 05.06.2025\nTotal: 500,00 €';
    const po = reported(detect([{ text, role: 'text', layout: true }], { now: NOW })).find((d) => d.kind === 'po');
    expect(po).toMatchObject({ number: '4500012345', total: { minor: 50000, currency: 'EUR' } });
  });
});
