/**
 * Polish KSeF structured invoices (`Faktura`, logical structures FA(2) and FA(3) of
 * `http://crd.gov.pl/wzor/…`), read by element name: P_2 number, P_1 issue date, KodWaluty currency,
 * P_15 amount due, Podmiot1 the seller (Nazwa, NIP), WarunkiTransakcji/Zamowienia/NrZamowienia the
 * buyer's order, Platnosc/TerminPlatnosci/Termin the due date, FaWiersz the lines, RodzajFaktury the
 * type (KOR… a correction; one that lowers the amount is a credit note), DaneFaKorygowanej the
 * invoice it corrects.
 */
import { dateOf, type EInvoice, type EInvoiceLine, moneyOf, quantityOf, reference } from './einvoice-model';
import { at, child, children, textAt, type XmlElement } from './xml';

export function isKsef(root: XmlElement): boolean {
  return root.name === 'Faktura' && !!child(root, 'Fa') && !!child(root, 'Podmiot1');
}

function lineOf(el: XmlElement, currency: string | undefined): EInvoiceLine {
  return {
    id: reference(textAt(el, 'NrWierszaFa')),
    sku: reference(textAt(el, 'Indeks')) ?? reference(textAt(el, 'GTIN')),
    description: reference(textAt(el, 'P_7')),
    quantity: quantityOf(textAt(el, 'P_8B')),
    unit: reference(textAt(el, 'P_8A')),
    unitPrice: moneyOf(textAt(el, 'P_9A'), currency, true) ?? moneyOf(textAt(el, 'P_9B'), currency, true),
    amount: moneyOf(textAt(el, 'P_11'), currency) ?? moneyOf(textAt(el, 'P_11A'), currency),
  };
}

export function readKsef(root: XmlElement): EInvoice | undefined {
  const fa = child(root, 'Fa');
  const number = reference(textAt(fa, 'P_2'));
  if (!fa || !number) return undefined;
  const form = at(root, 'Naglowek/KodFormularza')?.attrs.kodSystemowy ?? 'FA';
  const currency = textAt(fa, 'KodWaluty')?.toUpperCase();
  const typeCode = textAt(fa, 'RodzajFaktury');
  const due = moneyOf(textAt(fa, 'P_15'), currency);
  const correction = !!typeCode && typeCode.startsWith('KOR');
  const seller = at(root, 'Podmiot1/DaneIdentyfikacyjne');
  const dueDate = children(at(fa, 'Platnosc'), 'TerminPlatnosci')
    .map((t) => dateOf(textAt(t, 'Termin')))
    .find((d) => d);
  return {
    syntax: `KSeF ${form}`,
    kind: correction && due && due.minor < 0 ? 'credit_note' : 'invoice',
    number,
    typeCode,
    issueDate: dateOf(textAt(fa, 'P_1')),
    dueDate,
    seller: seller ? { name: reference(textAt(seller, 'Nazwa')), vatId: reference(textAt(seller, 'NIP')) } : undefined,
    poNumber: reference(textAt(fa, 'WarunkiTransakcji/Zamowienia/NrZamowienia')),
    contract: reference(textAt(fa, 'WarunkiTransakcji/Umowy/NrUmowy')),
    precedingInvoice: reference(textAt(fa, 'DaneFaKorygowanej/NrFaKorygowanej')),
    currency,
    amountDue: due,
    lines: [...children(fa, 'FaWiersz'), ...children(at(fa, 'FaWiersze'), 'FaWiersz')].map((l) => lineOf(l, currency)),
  };
}
