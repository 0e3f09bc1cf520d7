/**
 * The 35 e-mails of the seeded mailbox, written as vendors write them: invoices in the body, in
 * the subject only, in an HTML table; German, French, Spanish, Italian, Dutch, Norwegian, Finnish,
 * Japanese and English; quoting POs or not; a reminder, a statement of account, a forward and a
 * reply of our own, and mail that holds no invoice at all (an order confirmation, a delivery notice,
 * a newsletter, a quotation, a payment receipt).
 *
 * `numbers` lists every document number a clerk should see marked in the message (invoices and the
 * POs they quote); nothing else in it is a document number.
 */
import type { SeedMail } from '@/dev/realapps/webmail/maildir';
import { INVOICES, invoiceByNumber, poByNumber, poTotal, VENDORS, type VendorId } from '@/dev/realapps/webmail/plan';

export interface PlanMail extends SeedMail {
  /** Document numbers the message shows (invoices first, then POs). */
  numbers: string[];
}

type Style = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'ch' | 'no' | 'fi' | 'jp';

/** An amount as the vendor prints it: grouping and decimal marks of its country. */
export function fmt(minor: number, style: Style): string {
  const jpy = style === 'jp';
  const whole = jpy ? minor : Math.trunc(minor / 100);
  const cents = jpy ? '' : String(Math.abs(minor % 100)).padStart(2, '0');
  const group = (sep: string) => String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  switch (style) {
    case 'en':
      return `${group(',')}.${cents}`;
    case 'jp':
      return group(',');
    case 'ch':
      return `${group("'")}.${cents}`;
    case 'fr':
    case 'no':
    case 'fi':
      return `${group('\u00a0')},${cents}`;
    default:
      return `${group('.')},${cents}`;
  }
}

const total = (invoice: string, style: Style) => fmt(invoiceByNumber(invoice).total, style);
const poSum = (po: string, style: Style) => fmt(poTotal(poByNumber(po)), style);
const from = (vendor: VendorId, address: string, name: string = VENDORS[vendor].name) => ({ name, address });

const table = (head: string[], rows: string[][], attrs = 'cellpadding="6" border="1"') =>
  `<table ${attrs} style="border-collapse:collapse"><thead><tr>${head.map((h) => `<th align="left">${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

const html = (...parts: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:14px">${parts.join('\n')}</body></html>`;

export const MAILS: PlanMail[] = [
  {
    id: 'lindqvist-1',
    from: from('lindqvist', 'rechnung@lindqvist-verpackung.test'),
    subject: 'Rechnung RE-2026-03114',
    date: 'Mon, 02 Mar 2026 08:14:00 +0100',
    seen: true,
    numbers: ['RE-2026-03114', '4500017701'],
    text: [
      'Sehr geehrte Damen und Herren,',
      '',
      'anbei erhalten Sie unsere Rechnung zu Ihrer Bestellung 4500017701.',
      '',
      'Rechnungsnummer:  RE-2026-03114',
      'Rechnungsdatum:   02.03.2026',
      'Ihre Bestellung:  4500017701',
      `Gesamtbetrag:     ${total('RE-2026-03114', 'de')} EUR`,
      'Zahlbar bis:      01.04.2026 ohne Abzug',
      '',
      'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).',
      '',
      'Mit freundlichen Grüßen',
      'Buchhaltung',
      'Lindqvist Verpackung GmbH · Hafenstraße 12 · 28217 Bremen',
      'USt-IdNr. DE 298 114 560 · HRB 31877 HB',
    ].join('\n'),
  },
  {
    id: 'harbour-1',
    from: from('harbour', 'accounts@harbourfinch.test'),
    subject: 'Invoice HF-88213',
    date: 'Tue, 03 Mar 2026 09:40:00 +0000',
    seen: true,
    numbers: ['HF-88213'],
    text: [
      'Good morning,',
      '',
      'Please find our invoice attached for the paper and toner delivered last week.',
      `Amount due: £${total('HF-88213', 'en')}, payable within 30 days.`,
      '',
      'Many thanks for your custom.',
      '',
      'Harbour & Finch Stationers Ltd',
      'Unit 4, Quayside Trading Estate, Bristol BS1 6XN',
      'Tel. 0117 496 0321 · VAT GB 312 4455 71',
    ].join('\n'),
  },
  {
    id: 'stadtwerke-1',
    from: from('stadtwerke', 'kundenservice@stadtwerke-talheim.test'),
    subject: 'Ihre Rechnung für Februar 2026',
    date: 'Wed, 04 Mar 2026 06:02:00 +0100',
    seen: true,
    numbers: ['2026031588'],
    html: html(
      '<p>Guten Tag,</p>',
      '<p>Ihre Stromrechnung für den Abrechnungszeitraum 01.02.2026 – 28.02.2026 liegt vor.</p>',
      table(
        ['Kundennummer', 'Rechnungsnummer', 'Rechnungsdatum', 'Rechnungsbetrag'],
        [['10 448 210', '2026031588', '04.03.2026', `${total('2026031588', 'de')} €`]],
      ),
      '<p>Der Betrag wird am 18.03.2026 von Ihrem Konto abgebucht.</p>',
      '<p>Ihre Stadtwerke Talheim GmbH<br>Kundenservice 0800 123 4567</p>',
    ),
  },
  {
    id: 'moreau-1',
    from: from('moreau', 'facturation@atelier-moreau.test'),
    subject: 'Facture FA-2026-0457 – votre commande 4500017710',
    date: 'Wed, 04 Mar 2026 15:21:00 +0100',
    seen: true,
    numbers: ['FA-2026-0457', '4500017710'],
    text: [
      'Bonjour,',
      '',
      'Veuillez trouver ci-joint notre facture pour la fabrication et la pose de vos enseignes.',
      '',
      'Facture n° : FA-2026-0457 du 04/03/2026',
      'Votre commande n° : 4500017710',
      `Montant HT : ${total('FA-2026-0457', 'fr')} €`,
      'TVA : autoliquidation',
      `Net à payer : ${total('FA-2026-0457', 'fr')} €`,
      '',
      'Cordialement,',
      'Sophie Moreau',
      'Atelier Moreau SARL – 14 rue des Tanneurs, 69007 Lyon – SIRET 512 884 301 00027',
    ].join('\n'),
  },
  {
    id: 'quintana-1',
    from: from('quintana', 'facturas@quintana-suministros.test'),
    subject: 'Factura F2026/0912',
    date: 'Thu, 05 Mar 2026 11:05:00 +0100',
    seen: true,
    numbers: ['F2026/0912', '4500017715'],
    html: html(
      '<p>Estimados señores:</p>',
      '<p>Les remitimos la factura correspondiente a su pedido.</p>',
      table(
        ['Nº factura', 'Fecha', 'Su pedido', 'Importe total'],
        [['F2026/0912', '05/03/2026', '4500017715', `${total('F2026/0912', 'es')} €`]],
      ),
      '<p>Forma de pago: transferencia a 30 días.</p>',
      '<p>Un saludo,<br>Departamento de Administración<br>Quintana Suministros S.L. · CIF B-41877320 · Sevilla</p>',
    ),
  },
  {
    id: 'bassi-1',
    from: from('bassi', 'amministrazione@ferramentabassi.test'),
    subject: 'Fattura n. 118/2026 del 06/03/2026',
    date: 'Fri, 06 Mar 2026 10:30:00 +0100',
    seen: true,
    numbers: ['118/2026', '4500017720'],
    text: [
      'Spettabile cliente,',
      '',
      'in allegato la fattura n. 118/2026 relativa al Vs. ordine n. 4500017720.',
      '',
      `Totale documento: € ${total('118/2026', 'it')}`,
      'Pagamento: bonifico bancario a 30 gg d.f.',
      '',
      'Cordiali saluti',
      'Ferramenta Bassi S.r.l.',
      'Via Emilia 221, 40026 Imola (BO) – P.IVA 02841760375',
    ].join('\n'),
  },
  {
    id: 'dewit-1',
    from: from('dewit', 'facturen@dewit-transport.test'),
    subject: 'Factuur 2026-0341',
    date: 'Fri, 06 Mar 2026 16:48:00 +0100',
    seen: true,
    numbers: ['2026-0341', '4500017725'],
    text: [
      'Geachte heer/mevrouw,',
      '',
      'Hierbij ontvangt u onze factuur voor de ritten van week 9.',
      '',
      'Factuurnummer: 2026-0341',
      'Factuurdatum: 06-03-2026',
      'Uw ordernummer: 4500017725',
      `Totaal: € ${total('2026-0341', 'nl')}`,
      '',
      'Wij verzoeken u het bedrag binnen 30 dagen over te maken.',
      '',
      'Met vriendelijke groet,',
      'De Wit Transport B.V. · Waalhaven Z.z. 40 · 3089 JH Rotterdam · KvK 24417795',
    ].join('\n'),
  },
  {
    id: 'pinecrest-feb',
    from: from('pinecrest', 'billing@pinecrestfacility.test', 'Pinecrest Billing'),
    subject: 'Invoice PFS-10296 – February janitorial service',
    date: 'Mon, 02 Feb 2026 07:30:00 -0500',
    seen: true,
    numbers: ['PFS-10296', '4500017750'],
    text: [
      'Hello,',
      '',
      'Invoice PFS-10296 dated February 2, 2026 for PO 4500017750.',
      `Janitorial service, plant 2 — February 2026. Total: $${total('PFS-10296', 'en')}.`,
      '',
      'Pinecrest Facility Services Inc.',
      '1200 Industrial Pkwy, Dayton, OH 45404',
    ].join('\n'),
  },
  {
    id: 'pinecrest-mar',
    from: from('pinecrest', 'billing@pinecrestfacility.test', 'Pinecrest Billing'),
    subject: 'Invoice PFS-10331 – March janitorial service',
    date: 'Mon, 02 Mar 2026 07:31:00 -0500',
    seen: true,
    numbers: ['PFS-10331', '4500017750'],
    text: [
      'Hello,',
      '',
      'Invoice PFS-10331 dated March 2, 2026 for PO 4500017750.',
      `Janitorial service, plant 2 — March 2026. Total: $${total('PFS-10331', 'en')}.`,
      '',
      'Pinecrest Facility Services Inc.',
      '1200 Industrial Pkwy, Dayton, OH 45404',
    ].join('\n'),
  },
  {
    id: 'pinecrest-mar-again',
    from: from('pinecrest', 'billing@pinecrestfacility.test', 'Pinecrest Billing'),
    subject: 'Invoice PFS-10338 – March janitorial service',
    date: 'Fri, 06 Mar 2026 07:29:00 -0500',
    seen: false,
    numbers: ['PFS-10338', '4500017750'],
    text: [
      'Hello,',
      '',
      'Invoice PFS-10338 dated March 6, 2026 for PO 4500017750.',
      `Janitorial service, plant 2 — March 2026. Total: $${total('PFS-10338', 'en')}.`,
      '',
      'Pinecrest Facility Services Inc.',
      '1200 Industrial Pkwy, Dayton, OH 45404',
    ].join('\n'),
  },
  {
    id: 'lindqvist-confirmation',
    from: from('lindqvist', 'vertrieb@lindqvist-verpackung.test'),
    subject: 'Auftragsbestätigung AB-2026-1187 zu Ihrer Bestellung 4500017702',
    date: 'Wed, 04 Feb 2026 13:12:00 +0100',
    seen: true,
    numbers: ['4500017702'],
    text: [
      'Sehr geehrte Damen und Herren,',
      '',
      'vielen Dank für Ihre Bestellung 4500017702. Wir bestätigen den Auftrag AB-2026-1187:',
      '',
      '60 Rollen Luftpolsterfolie 1200 mm x 100 m – Liefertermin KW 10',
      '240 Rollen Klebeband PP 50 mm x 66 m – Liefertermin KW 15',
      '',
      `Auftragswert netto: ${poSum('4500017702', 'de')} EUR`,
      '',
      'Mit freundlichen Grüßen',
      'Vertrieb Innendienst, Lindqvist Verpackung GmbH',
    ].join('\n'),
  },
  {
    id: 'lindqvist-2',
    from: from('lindqvist', 'rechnung@lindqvist-verpackung.test'),
    subject: 'Rechnung RE-2026-03187 (Teillieferung)',
    date: 'Mon, 09 Mar 2026 08:20:00 +0100',
    seen: true,
    numbers: ['RE-2026-03187', '4500017702'],
    html: html(
      '<p>Sehr geehrte Damen und Herren,</p>',
      '<p>für die erste Teillieferung zu Ihrer Bestellung 4500017702 berechnen wir Ihnen:</p>',
      table(
        ['Pos.', 'Artikel', 'Menge', 'Einzelpreis', 'Betrag'],
        [['1', 'LP-1200 Luftpolsterfolie 1200 mm x 100 m', '60', '41,50', fmt(60 * 4150, 'de')]],
      ),
      table(
        ['Rechnungsnummer', 'Rechnungsdatum', 'Gesamtbetrag'],
        [['RE-2026-03187', '09.03.2026', `${total('RE-2026-03187', 'de')} EUR`]],
      ),
      '<p>Das Klebeband folgt mit der zweiten Teillieferung in KW 15.</p>',
      '<p>Mit freundlichen Grüßen<br>Lindqvist Verpackung GmbH</p>',
    ),
  },
  {
    id: 'bergfeld-1',
    from: from('bergfeld', 'debitoren@bergfeld-reinraum.test', 'Bergfeld Reinraumtechnik AG – Debitoren'),
    subject: 'Rechnung Nr. 26-10452',
    date: 'Mon, 09 Mar 2026 14:03:00 +0100',
    seen: true,
    numbers: ['26-10452', '4500017735'],
    text: [
      'Grüezi',
      '',
      'Beiliegend erhalten Sie unsere Rechnung für die Filter und die Montage vom 5. März.',
      '',
      'Rechnung Nr.     26-10452',
      'Datum            09.03.2026',
      'Ihre Bestellung  4500017735',
      `Total            CHF ${total('26-10452', 'ch')}`,
      '',
      'Zahlbar innert 30 Tagen.',
      '',
      'Freundliche Grüsse',
      'Bergfeld Reinraumtechnik AG, Industriestrasse 7, 8604 Volketswil',
      'MWST-Nr. CHE-114.587.223',
    ].join('\n'),
  },
  {
    id: 'northgate-1',
    from: from('northgate', 'ar@northgate-supply.test', 'Northgate Industrial Supply'),
    subject: 'Invoice NIS-55102 for PO 4500017740',
    date: 'Tue, 10 Mar 2026 10:15:00 -0600',
    seen: true,
    numbers: ['NIS-55102', '4500017740'],
    html: html(
      '<p>Thank you for your order. Your invoice is below.</p>',
      table(
        ['Item', 'Description', 'Qty', 'Unit price', 'Amount'],
        [
          ['HHA-12', 'Hydraulic hose assembly, 1/2 in., 2 m', '40', '145.00', fmt(40 * 14500, 'en')],
          ['QC-12', 'Quick coupler, 1/2 in.', '200', '35.20', fmt(200 * 3520, 'en')],
        ],
      ),
      `<p><b>Invoice No.:</b> NIS-55102<br><b>Invoice date:</b> 03/10/2026<br><b>PO:</b> 4500017740<br><b>Total due:</b> $${total('NIS-55102', 'en')}<br><b>Terms:</b> Net 30</p>`,
      '<p>Northgate Industrial Supply Inc. · 8800 Commerce Dr, Tulsa, OK 74145</p>',
    ),
  },
  {
    id: 'nakamura-1',
    from: from('nakamura', 'billing@nakamura-seiki.test'),
    subject: '請求書送付のお知らせ / Invoice NS-260318',
    date: 'Tue, 10 Mar 2026 09:00:00 +0900',
    seen: true,
    numbers: ['NS-260318', '4500017730'],
    text: [
      'ご担当者様',
      '',
      'いつもお世話になっております。下記の通り請求書をお送りいたします。',
      '',
      '請求書番号：NS-260318',
      '注文番号：4500017730',
      `ご請求金額：¥${total('NS-260318', 'jp')}`,
      '',
      'Dear Sir or Madam,',
      `Please find our invoice NS-260318 for your PO 4500017730. Total: JPY ${total('NS-260318', 'jp')}.`,
      '',
      'Nakamura Seiki Co., Ltd.',
      '2-14-8 Shimomaruko, Ota-ku, Tokyo 146-0092',
    ].join('\n'),
  },
  {
    id: 'fjordline-1',
    from: from('fjordline', 'faktura@fjordline.test'),
    subject: 'Faktura 70021 fra Fjordline Marine AS',
    date: 'Wed, 11 Mar 2026 12:45:00 +0100',
    seen: true,
    numbers: ['70021', '4500017745'],
    text: [
      'Hei,',
      '',
      'Vedlagt følger faktura for levert fortøyningstau.',
      '',
      'Fakturanr.: 70021',
      'Fakturadato: 11.03.2026',
      'Deres bestilling: 4500017745',
      `Å betale: NOK ${total('70021', 'no')}`,
      'Forfall: 10.04.2026',
      '',
      'Med vennlig hilsen',
      'Fjordline Marine AS, Kaigata 3, 5003 Bergen, org.nr. 915 480 227 MVA',
    ].join('\n'),
  },
  {
    id: 'harbour-2',
    from: from('harbour', 'accounts@harbourfinch.test'),
    subject: 'Your invoice from Harbour & Finch',
    date: 'Thu, 12 Mar 2026 10:02:00 +0000',
    seen: true,
    numbers: ['HF-88240', '4500017706'],
    html: html(
      '<p>Dear customer,</p>',
      '<p>Thank you for your order. Here is your invoice.</p>',
      table(
        ['Invoice number', 'Invoice date', 'Your order', 'Amount due'],
        [['HF-88240', '12/03/2026', '4500017706', `£${total('HF-88240', 'en')}`]],
      ),
      '<p>Payment is due within 30 days of the invoice date.</p>',
      '<p>Harbour &amp; Finch Stationers Ltd · Bristol</p>',
    ),
  },
  {
    id: 'polar-1',
    from: { name: 'Accounts Receivable', address: 'ar@polarfreight.test' },
    subject: 'Lasku 100482',
    date: 'Thu, 12 Mar 2026 08:33:00 +0200',
    seen: true,
    numbers: ['100482', '4500017755'],
    text: [
      'Hyvä asiakas,',
      '',
      'Ohessa laskumme kuljetuksista Helsinki – Tallinna.',
      '',
      'Laskun numero: 100482',
      'Laskun päiväys: 12.03.2026',
      'Tilausnumeronne: 4500017755',
      `Yhteensä: ${total('100482', 'fi')} €`,
      'Eräpäivä: 11.04.2026',
      '',
      'Ystävällisin terveisin',
      'Polar Freight Oy, Satamakatu 5, 00160 Helsinki, Y-tunnus 2874410-6',
    ].join('\n'),
  },
  {
    id: 'northgate-2',
    from: from('northgate', 'ar@northgate-supply.test', 'Northgate Industrial Supply'),
    subject: 'Invoice NIS-55178',
    date: 'Fri, 13 Mar 2026 09:12:00 -0600',
    seen: true,
    numbers: ['NIS-55178', '4500017741'],
    text: [
      'Thank you for your business.',
      '',
      'Invoice #: NIS-55178',
      'Date: 03/13/2026',
      'Customer PO: 4500017741',
      `Amount due: USD ${total('NIS-55178', 'en')}`,
      'Terms: Net 30',
      '',
      'Northgate Industrial Supply Inc.',
    ].join('\n'),
  },
  {
    id: 'internal-reply',
    from: { name: 'Maria Keller', address: 'm.keller@ourcompany.test' },
    subject: 'Re: Invoice NIS-55102 for PO 4500017740',
    date: 'Fri, 13 Mar 2026 15:40:00 +0100',
    seen: true,
    numbers: ['NIS-55102', '4500017740'],
    text: [
      'Hello,',
      '',
      'the couplers are billed at 35.20 each; our PO 4500017740 says 29.00. Please send a credit note',
      'for the difference, we will hold the invoice until then.',
      '',
      'Best regards,',
      'Maria Keller, Purchasing',
      '',
      '> Thank you for your order. Your invoice is below.',
      '> Invoice No.: NIS-55102',
      `> Total due: $${total('NIS-55102', 'en')}`,
    ].join('\n'),
  },
  {
    id: 'dewit-delivery',
    from: from('dewit', 'planning@dewit-transport.test'),
    subject: 'Afleverbevestiging order 4500017725',
    date: 'Fri, 13 Mar 2026 17:05:00 +0100',
    seen: true,
    numbers: ['4500017725'],
    text: [
      'Beste klant,',
      '',
      'Uw zending bij order 4500017725 is afgeleverd in Duisburg.',
      'Zendingnummer: 3SDEWT4471902',
      'Afgeleverd op: 13-03-2026 om 14:20, getekend door: K. Brand',
      '',
      'Met vriendelijke groet,',
      'Planning, De Wit Transport B.V.',
    ].join('\n'),
  },
  {
    id: 'quintana-2',
    from: from('quintana', 'facturas@quintana-suministros.test'),
    subject: 'Factura F2026/0950',
    date: 'Mon, 16 Mar 2026 11:18:00 +0100',
    seen: true,
    numbers: ['F2026/0950'],
    text: [
      'Estimados señores:',
      '',
      'Adjuntamos la factura de las mascarillas entregadas el pasado viernes.',
      `Importe: ${total('F2026/0950', 'es')} €. Vencimiento a 30 días.`,
      '',
      'Un saludo,',
      'Quintana Suministros S.L.',
    ].join('\n'),
  },
  {
    id: 'bassi-2',
    from: from('bassi', 'amministrazione@ferramentabassi.test'),
    subject: 'Invio fattura 131/2026',
    date: 'Tue, 17 Mar 2026 09:50:00 +0100',
    seen: true,
    numbers: ['131/2026', '4500017721'],
    html: html(
      '<p>Spettabile cliente,</p>',
      '<p>trasmettiamo la fattura per il trapano a colonna consegnato.</p>',
      table(
        ['Numero fattura', 'Data', 'Vs. ordine', 'Totale'],
        [['131/2026', '17/03/2026', '4500017721', `€ ${total('131/2026', 'it')}`]],
      ),
      '<p>Cordiali saluti<br>Ferramenta Bassi S.r.l.</p>',
    ),
  },
  {
    id: 'dewit-2',
    from: from('dewit', 'facturen@dewit-transport.test'),
    subject: 'Factuur 2026-0388 wachttijd Duisburg',
    date: 'Wed, 18 Mar 2026 08:10:00 +0100',
    seen: true,
    numbers: ['2026-0388'],
    text: [
      'Geachte heer/mevrouw,',
      '',
      'Bij de levering op 13-03-2026 stond onze chauffeur 3 uur te wachten. Conform onze voorwaarden',
      'brengen wij de wachttijd in rekening.',
      '',
      'Factuurnummer: 2026-0388',
      `Totaal: € ${total('2026-0388', 'nl')}`,
      '',
      'Met vriendelijke groet,',
      'De Wit Transport B.V.',
    ].join('\n'),
  },
  {
    id: 'northgate-3',
    from: from('northgate', 'ar@northgate-supply.test', 'Northgate Industrial Supply'),
    subject: 'Invoice NIS-55190 – pressure gauges',
    date: 'Thu, 19 Mar 2026 09:30:00 -0600',
    seen: false,
    numbers: ['NIS-55190', '4500017799'],
    text: [
      'Thank you for your business.',
      '',
      'Invoice #: NIS-55190',
      'Date: 03/19/2026',
      'Customer PO: 4500017799',
      `Amount due: USD ${total('NIS-55190', 'en')}`,
      '',
      'Northgate Industrial Supply Inc.',
    ].join('\n'),
  },
  {
    id: 'lindqvist-reminder',
    from: from('lindqvist', 'rechnung@lindqvist-verpackung.test'),
    subject: 'Zahlungserinnerung: Rechnung RE-2026-03114',
    date: 'Thu, 02 Apr 2026 08:00:00 +0200',
    seen: false,
    numbers: ['RE-2026-03114'],
    text: [
      'Sehr geehrte Damen und Herren,',
      '',
      `sicher ist es Ihrer Aufmerksamkeit entgangen: unsere Rechnung RE-2026-03114 vom 02.03.2026 über ${total('RE-2026-03114', 'de')} EUR`,
      'ist seit dem 01.04.2026 fällig. Bitte überweisen Sie den Betrag in den nächsten Tagen.',
      '',
      'Mit freundlichen Grüßen',
      'Lindqvist Verpackung GmbH',
    ].join('\n'),
  },
  {
    id: 'northgate-statement',
    from: from('northgate', 'ar@northgate-supply.test', 'Northgate Industrial Supply'),
    subject: 'Statement of account – March 2026',
    date: 'Tue, 31 Mar 2026 18:00:00 -0500',
    seen: false,
    numbers: ['NIS-55102', 'NIS-55178', 'NIS-55190'],
    html: html(
      '<p>Please find your statement of account below. Kindly let us know of any discrepancy.</p>',
      table(
        ['Invoice', 'Date', 'Due', 'Amount', 'Balance'],
        ['NIS-55102', 'NIS-55178', 'NIS-55190'].map((n) => {
          const i = invoiceByNumber(n);
          const [y, m, d] = i.date.split('-');
          return [n, `${m}/${d}/${y}`, '—', fmt(i.total, 'en'), fmt(i.total, 'en')];
        }),
      ),
      `<p>Total outstanding: USD ${fmt(
        ['NIS-55102', 'NIS-55178', 'NIS-55190'].reduce((s, n) => s + invoiceByNumber(n).total, 0),
        'en',
      )}</p>`,
      '<p>Northgate Industrial Supply Inc. · Accounts Receivable</p>',
    ),
  },
  {
    id: 'harbour-newsletter',
    from: from('harbour', 'news@harbourfinch.test', 'Harbour & Finch'),
    subject: 'Spring catalogue 2026: 15% off archive supplies',
    date: 'Wed, 01 Apr 2026 07:00:00 +0100',
    seen: false,
    numbers: [],
    html: html(
      '<h2>Spring catalogue 2026</h2>',
      '<p>Save 15% on archive boxes and lever arch files until 30 April with code SPRING15.</p>',
      table(
        ['Item', 'Description', 'Price'],
        [
          ['AB-390', 'Archive boxes, pack of 10', '£29.90'],
          ['LAF-75', 'Lever arch files 75 mm, pack of 10', '£17.50'],
        ],
      ),
      '<p>Call us on 0117 496 0321. Harbour &amp; Finch Stationers Ltd, Unit 4, Quayside Trading Estate, Bristol BS1 6XN.</p>',
      '<p><a href="#">Unsubscribe</a></p>',
    ),
  },
  {
    id: 'nakamura-2',
    from: from('nakamura', 'billing@nakamura-seiki.test'),
    subject: 'Invoice No. NS-260402 (PO 4500017731)',
    date: 'Tue, 24 Mar 2026 10:00:00 +0900',
    seen: false,
    numbers: ['NS-260402', '4500017731'],
    text: [
      'Dear Sir or Madam,',
      '',
      'Please find attached our invoice for the micrometers shipped on March 20.',
      `Total amount: JPY ${total('NS-260402', 'jp')}`,
      '',
      'Best regards,',
      'Nakamura Seiki Co., Ltd.',
    ].join('\n'),
  },
  {
    id: 'nakamura-quote',
    from: from('nakamura', 'sales@nakamura-seiki.test'),
    subject: 'Quotation Q-26-0117 height gauges',
    date: 'Wed, 25 Mar 2026 11:30:00 +0900',
    seen: false,
    numbers: [],
    text: [
      'Dear Sir or Madam,',
      '',
      'Thank you for your enquiry. We are pleased to quote:',
      '',
      'Quotation No. Q-26-0117, valid until 30 April 2026',
      'HG-300 Digital height gauge 0–300 mm, 2 pcs at JPY 148,000 = JPY 296,000',
      'Delivery 4 weeks after order.',
      '',
      'Nakamura Seiki Co., Ltd., Sales department',
    ].join('\n'),
  },
  {
    id: 'cobalt-invoice',
    from: from('cobalt', 'billing@cobaltcloud.test', 'Cobalt Cloud'),
    subject: 'Your Cobalt Cloud invoice for March 2026',
    date: 'Sun, 01 Mar 2026 03:12:00 +0000',
    seen: true,
    numbers: ['CC-2026-03-0042'],
    html: html(
      '<table width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">',
      '<table width="560" cellpadding="8" cellspacing="0" style="border:1px solid #ddd">',
      '<tr><td colspan="2"><h1 style="font-size:20px">Cobalt Cloud</h1></td></tr>',
      '<tr><td>Invoice number</td><td align="right">CC-2026-03-0042</td></tr>',
      '<tr><td>Invoice date</td><td align="right">March 1, 2026</td></tr>',
      '<tr><td>Plan</td><td align="right">Business, 12 seats</td></tr>',
      `<tr><td><b>Total</b></td><td align="right"><b>$${total('CC-2026-03-0042', 'en')}</b></td></tr>`,
      '</table>',
      '<p style="color:#888">Cobalt Cloud Services LLC · 500 Howard St, San Francisco, CA 94105</p>',
      '</td></tr></table>',
    ),
  },
  {
    id: 'cobalt-receipt',
    from: from('cobalt', 'billing@cobaltcloud.test', 'Cobalt Cloud'),
    subject: 'Payment received – thank you',
    date: 'Tue, 03 Mar 2026 03:20:00 +0000',
    seen: true,
    numbers: ['CC-2026-03-0042'],
    text: [
      `We received your payment of $${total('CC-2026-03-0042', 'en')} for invoice CC-2026-03-0042.`,
      'Payment method: Visa ending in 4242',
      '',
      'Cobalt Cloud Services LLC',
    ].join('\n'),
  },
  {
    id: 'fjordline-forward',
    from: { name: 'Jonas Berg', address: 'j.berg@ourcompany.test' },
    subject: 'Fwd: Faktura 70021 fra Fjordline Marine AS',
    date: 'Fri, 13 Mar 2026 08:05:00 +0100',
    seen: true,
    numbers: ['70021', '4500017745'],
    text: [
      'Hi AP team, this one came to me by mistake — the ropes are received, OK to pay. Jonas',
      '',
      '---------- Forwarded message ----------',
      'From: Fjordline Marine AS <faktura@fjordline.test>',
      'Date: Wed, 11 Mar 2026 12:45',
      'Subject: Faktura 70021 fra Fjordline Marine AS',
      '',
      'Fakturanr.: 70021',
      'Deres bestilling: 4500017745',
      `Å betale: NOK ${total('70021', 'no')}`,
    ].join('\n'),
  },
  {
    id: 'quintana-reminder',
    from: from('quintana', 'cobros@quintana-suministros.test', 'Quintana Suministros – Cobros'),
    subject: 'Recordatorio de pago',
    date: 'Mon, 06 Apr 2026 10:00:00 +0200',
    seen: false,
    numbers: ['F2026/0912', '4500017715'],
    text: [
      'Estimados señores:',
      '',
      `Les recordamos que la factura F2026/0912 (pedido 4500017715) por importe de ${total('F2026/0912', 'es')} €`,
      'venció el 04/04/2026. Si ya han realizado el pago, rogamos ignoren este mensaje.',
      '',
      'Atentamente,',
      'Quintana Suministros S.L. – Departamento de Cobros',
    ].join('\n'),
  },
  {
    id: 'internal-close',
    from: { name: 'Maria Keller', address: 'm.keller@ourcompany.test' },
    subject: 'Q1 close: invoices by 31 March',
    date: 'Mon, 23 Mar 2026 09:00:00 +0100',
    seen: false,
    numbers: [],
    text: [
      'Hi all,',
      '',
      'for the Q1 close please book every supplier invoice received up to 31 March by Thursday 2 April, 12:00.',
      'Room 2.14, extension 4417, if you have questions.',
      '',
      'Maria',
    ].join('\n'),
  },
];

/** Every invoice of the plan arrives in at least one message: a plan with a silent invoice is wrong. */
export function checkMails(): void {
  const seen = new Set(MAILS.flatMap((m) => m.numbers));
  const missing = INVOICES.filter((i) => !seen.has(i.number)).map((i) => i.number);
  if (missing.length) throw new Error(`No e-mail carries invoice ${missing.join(', ')}.`);
  const ids = new Set<string>();
  const subjects = new Set<string>();
  for (const m of MAILS) {
    if (ids.has(m.id)) throw new Error(`Two e-mails are called ${m.id}.`);
    // The drive finds a list row's message by its subject.
    if (subjects.has(m.subject)) throw new Error(`Two e-mails have the subject ${m.subject}.`);
    ids.add(m.id);
    subjects.add(m.subject);
  }
}

/** Mail that arrives on the day of the run, so the list shows a time of day instead of a date. */
const TODAY = new Set(['harbour-newsletter', 'nakamura-quote', 'internal-close', 'quintana-reminder']);

/** The mailbox as seeded at `now`: today's mail an hour apart, the rest on the dates written. */
export function seedMails(now: Date): PlanMail[] {
  let hoursAgo = 0;
  return MAILS.map((m) => {
    if (!TODAY.has(m.id)) return m;
    hoursAgo++;
    return { ...m, date: new Date(now.getTime() - hoursAgo * 3_600_000).toUTCString().replace('GMT', '+0000') };
  });
}
