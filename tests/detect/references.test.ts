import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import type { TextBlock } from '@/lib/detect/types';
import type { Detection } from '@/lib/model/detection';
import { blocksFromHtml } from '@/lib/page/html-blocks';
import { NOW, reported } from './helpers';

// Class 6 of detection on unseen documents: who issued a reference decides what it is. A label
// that names the buyer (`Ihre Bestellnummer`, `Customer PO`) gives a PO; the seller's own (`Our
// order number`, `Auftragsnummer`) never does; an order label that names no owner (`Bestellnummer`,
// `Número de pedido`) is the buyer's PO on a business invoice and the shop's own order on a retail
// page; a buyer's reference (`Ihr Zeichen`, `Buyer reference`) is kept as low-confidence evidence.
// Made-up pages in German, English, French, Spanish, Italian, Dutch, Polish and Czech.

const html = (body: string, lang: string): TextBlock[] =>
  blocksFromHtml(`<html lang="${lang}"><head><title>Invoice</title></head><body>${body}</body></html>`);

function find(ds: Detection[], number: string): Detection | undefined {
  return ds.find((d) => d.number === number);
}

describe('references by who issued them', () => {
  it.each([
    ['de', 'Vielen Dank für Ihre Bestellung!', 'Rechnungsnummer', 'Bestellnummer', '100234'],
    ['es', 'Envío gratuito en pedidos superiores a 50 €', 'Número de factura', 'Número de pedido', '408-2231-9901'],
    ['pl', 'Darmowa dostawa od 250 zł.', 'Numer faktury', 'Numer zamówienia', 'ZAM-2024-99812'],
    ['fr', 'Merci pour votre commande !', 'Facture n°', 'Commande n°', '4012229'],
    ['it', 'Grazie per il tuo ordine!', 'Numero fattura', 'Numero ordine', '700123'],
    ['nl', 'Bedankt voor je bestelling!', 'Factuurnummer', 'Bestelnummer', '8812345'],
    ['cs', 'Děkujeme za objednávku.', 'Číslo faktury', 'Číslo objednávky', 'OBJ-24-311'],
  ])(
    '%s: on a retail page an order number of no stated owner is the shop’s, kept as evidence; on a business invoice it is the PO',
    (lang, cue, invoiceLabel, orderLabel, order) => {
      const fields = `<table><tr><td>${invoiceLabel}:</td><td>R-2024-118873</td></tr><tr><td>${orderLabel}:</td><td>${order}</td></tr></table>`;
      const shop = detect(html(`<p>${cue}</p>${fields}`, lang), { now: NOW });
      expect(reported(shop).map((d) => `${d.kind}:${d.number}`)).toEqual(['invoice:R-2024-118873']);
      expect(find(shop, order)?.evidence).toMatch(/shop's own order number/);
      const business = reported(detect(html(fields, lang), { now: NOW }));
      expect(find(business, order)?.kind).toBe('po');
    },
  );

  it.each([
    ['de', 'Ihre Bestellnummer', 'Kostenloser Versand ab 300 €'],
    ['en', 'Customer PO', 'Free shipping on orders over $500'],
    ['fr', 'Votre commande', 'Livraison offerte dès 80 €'],
  ])('%s: a label naming the buyer keeps its PO even on a retail page', (lang, label, cue) => {
    const ds = reported(
      detect(
        html(
          `<p>${cue}</p><table><tr><td>Invoice No.:</td><td>INV-7703</td></tr><tr><td>${label}:</td><td>4500771203</td></tr></table>`,
          lang,
        ),
        { now: NOW },
      ),
    );
    expect(find(ds, '4500771203')?.kind).toBe('po');
  });
});

describe('an owner word printed before or after an order label', () => {
  it.each([
    ['es', 'Nº Pedido cliente:', 'PC-2025-0412'],
    ['de', 'Bestell-Nr. des Kunden', '4500998811'],
    ['fr', 'N° de commande du client :', 'CMD-88120'],
    ['nl', 'Ordernummer klant:', 'KL-55012'],
    ['pl', 'Nr zamówienia klienta:', 'ZK/03/2025'],
    ['it', 'Numero ordine cliente:', 'OC-2025-18'],
    ['cs', 'Číslo objednávky zákazníka:', '2025-0077'],
    ['en', "Buyer's Order No.", 'CO-7781'],
  ])('%s: "%s" makes the order the buyer’s, a PO', (_lang, label, po) => {
    const text = ['INVOICE 2025-0310', '', `${label} ${po}`, 'Auftrags-Nr. / Sales order: SO-99120'].join('\n');
    const ds = reported(detect([{ text, role: 'text', layout: true }], { now: NOW }));
    expect(find(ds, po)?.kind).toBe('po');
    expect(ds.filter((d) => d.kind === 'po').map((d) => d.number)).toEqual([po]);
  });

  it('an owner word on the shop’s own order label keeps it a PO even on a retail page (de)', () => {
    const text = [
      'Vielen Dank für Ihre Bestellung!',
      'Rechnung Nr. R-2025-77',
      'Bestellnummer des Kunden: 4711-22',
    ].join('\n');
    const ds = reported(detect([{ text, role: 'text', layout: true }], { now: NOW }));
    expect(find(ds, '4711-22')?.kind).toBe('po');
  });
});
