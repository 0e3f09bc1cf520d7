/**
 * The multilingual label lexicon (EN, DE, FR, ES, IT, NL, PT, plus a few PL/DA/SV words seen on
 * European invoices). Labels are matched word by word on folded text (lower case, no accents), so
 * `N° de commande`, `Nº de commande` and `n. de commande` all hit the same entry, and the longest
 * label wins: `Invoice date` is a date label, never the invoice label `Invoice` plus a value.
 */
import type { DocKind } from '@/lib/model/document';
import { fold, isLetter } from './text';

export type LabelClass =
  /** A document number. `numbered` labels say "number" (`Invoice No.`); `bare` ones do not (`Invoice`). */
  | { type: 'number'; kind: DocKind; strength: 'numbered' | 'bare'; seller?: boolean; ownerless?: boolean }
  /** "No.", "Number", "Nummer": a number whose kind comes from the page heading or title. */
  | { type: 'generic' }
  /** Total labels ranked: 3 = amount due / gross, 2 = invoice total, 1 = a bare "Total". */
  | { type: 'total'; rank: 1 | 2 | 3 }
  /** Net amounts and subtotals: never the amount due (with the tax, they add up to it). */
  | { type: 'net' }
  /** The tax amount of the totals block. */
  | { type: 'tax' }
  /** Paid, prepaid and deducted amounts: the total only when nothing else is printed (a receipt). */
  | { type: 'paid' }
  | { type: 'date'; role: 'issue' | 'due' | 'other'; rank: 1 | 2 }
  /**
   * rank 2: the seller named as such; rank 1: the payee of the bank details (usually the seller).
   * `weak`: a word that names the seller only where it opens a line or column (`From`, `Von`).
   */
  | { type: 'vendor'; rank: 1 | 2; weak?: boolean }
  /** The buyer's block ("Bill to", "Käufer"): what follows is never the vendor. `weak` as above. */
  | { type: 'buyer'; weak?: boolean }
  | { type: 'currency' }
  /** Numbers that are not documents: customer, VAT, phone, IBAN, tracking, page… */
  | { type: 'other'; what: string }
  /**
   * Words that say what kind of page this is without labelling a value: `shop` for a retail order
   * (`Thank you for your order`, `Kostenloser Versand ab 50 €`), where an order number is the shop's.
   */
  | { type: 'cue'; cue: 'shop' }
  /**
   * A reference whose owner decides what it is: the buyer's (`Your reference`, `Ihr Zeichen`,
   * `Buyer reference`) may be a PO and is kept as low-confidence evidence; the seller's own
   * (`Our reference`, `Unser Zeichen`) never is.
   */
  | { type: 'reference'; owner: 'buyer' | 'seller' | 'unknown' };

/** Words that turn a kind word into a numbered label: `Invoice No.`, `Rechnung Nr.`, `Facture n°`. */
export const NUMBER_WORDS = [
  'no',
  'nr',
  'n',
  'number',
  'num',
  'nummer',
  'numero',
  'nro',
  'nbr',
  'id',
  'nos',
  'numbers',
  'nummern',
  'numeros',
  'ref',
  'reference',
  'numer',
  'cislo',
  // Czech `č.` (číslo)
  'c',
];

interface KindHeads {
  kind: DocKind;
  seller?: boolean;
  /**
   * An order label that names no owner (`Bestellnummer`, `Número de pedido`, `Commande n°`): the
   * buyer's PO on a business invoice, the shop's own order number on a retail order (see `cue`).
   */
  ownerless?: boolean;
  /** Kind words that take a number word after them, and may stand alone before a number. */
  bare: string[];
  /** Labels that already say "number". */
  numbered: string[];
}

const KINDS: KindHeads[] = [
  {
    kind: 'po',
    bare: [
      'PO',
      'P.O.',
      'Purchase order',
      'Customer PO',
      'Customer purchase order',
      'Your PO',
      'Your order',
      'Your purchase order',
      'Customer order',
      'Buyer order',
      'Client order',
      'Ihre Bestellung',
      'Einkaufsbestellung',
      'Kundenbestellung',
      'Bon de commande',
      'Votre commande',
      'Commande client',
      'Su pedido',
      'Orden de compra',
      'Pedido de compra',
      'Seu pedido',
      'Ordem de compra',
      "Ordine d'acquisto",
      'Ordine di acquisto',
      'Vostro ordine',
      'Inkooporder',
      'Uw bestelling',
      'Uw order',
      'Ihr Auftrag',
      'Nota de encomenda',
      'Sua encomenda',
      'Client PO',
      'Buyer PO',
      'Your P.O.',
      'Vs ordine',
      'Vs. ordine',
      'Ordine cliente',
      'Uw inkooporder',
      "Riferimento ordine d'acquisto",
      "Rif ordine d'acquisto",
      "Vostro ordine d'acquisto",
      'Votre bon de commande',
      'Su orden de compra',
      'Vaše objednávka',
      'Zamówienie klienta',
      'Państwa zamówienie',
    ],
    numbered: [
      'PONo',
      'PO Nr',
      'Purchase order number',
      'Ihre Bestellnummer',
      'Kundenbestellnummer',
      'Numéro de bon de commande',
      'Número de orden de compra',
      'Número da ordem de compra',
      'Numero ordine di acquisto',
      'Inkoopordernummer',
      'Inkoopnummer',
      'Uw ordernummer',
      'Uw bestelnummer',
      'Your order number',
      'Customer order number',
      'Ihre Auftragsnummer',
      'Ihre Bestell-Nr',
      'Uw inkoopnummer',
      'Uw inkoopordernummer',
      'Kunden-Bestellnummer',
      'Purchase order no',
    ],
  },
  {
    kind: 'po',
    ownerless: true,
    bare: [
      'Bestellung',
      'Bestell',
      'Commande',
      'Pedido',
      'Ordine',
      'Bestelling',
      'Zamówienie',
      'Encomenda',
      'Rif ordine',
      'Riferimento ordine',
      'Objednávka',
    ],
    numbered: [
      'Bestellnummer',
      'Bestellnr',
      'Numéro de commande',
      'N° de commande',
      'Número de pedido',
      'N° de pedido',
      'Número do pedido',
      'N° do pedido',
      "Numero d'ordine",
      'Numero ordine',
      "N° d'ordine",
      'Bestelnummer',
      'Numer zamówienia',
      'Número de encomenda',
      'N° de encomenda',
      'Číslo objednávky',
      'Nr zamówienia',
      'N° commande',
      'N° pedido',
    ],
  },
  {
    kind: 'po',
    seller: true,
    bare: [
      'Order',
      'Sales order',
      'Auftrag',
      'Kundenauftrag',
      'Verkaufsauftrag',
      'Booking',
      'Reservation',
      'Order confirmation',
      'Auftragsbestätigung',
      'Confirmation de commande',
      'Orden de venta',
      'Ordine di vendita',
      'Verkooporder',
    ],
    numbered: [
      'Order number',
      'Order ID',
      'Order No',
      'Ordernummer',
      'Ordernr',
      'Order nr',
      'Booking ID',
      'Booking reference',
      'Booking number',
      'Reservation number',
      'Confirmation number',
      'Auftragsnummer',
      'Auftragsnr',
      'Auftrags-Nr',
      'Sales order number',
      'Our order number',
      'Our order no',
      'Our order',
      'Unsere Auftragsnummer',
      'Unsere Auftrags-Nr',
      'Unser Auftrag',
      'Notre commande',
      'Nuestro pedido',
      'Onze order',
      'Ons ordernummer',
      'Nostro ordine',
      'Order reference',
      'Order ref',
    ],
  },
  {
    kind: 'invoice',
    bare: [
      'Invoice',
      'Tax invoice',
      'Inv',
      'Bill',
      'Rechnung',
      'Facture',
      'Factura',
      'Fattura',
      'Factuur',
      'Fatura',
      'Nota fiscal',
      'Faktura',
      'Faktura VAT',
      'Commercial invoice',
      'Vendor invoice',
      'Supplier invoice',
      'Sales invoice',
      'Proforma invoice',
      'Pro forma invoice',
      'Final invoice',
      'Interim invoice',
      'Partial invoice',
      'Daňový doklad',
      'Faktura daňový doklad',
      'Factura simplificada',
      'Fattura elettronica',
    ],
    numbered: [
      'Invoice number',
      'Bill number',
      'Rechnungsnummer',
      'Rechnungsnr',
      'Rechnungs-Nr',
      'Rechnungs-Nummer',
      'Rg Nr',
      'Re Nr',
      'Numéro de facture',
      'N° de facture',
      'Número de factura',
      'N° de factura',
      'Numero fattura',
      'Numero di fattura',
      'Numero della fattura',
      'Factuurnummer',
      'Factuurnr',
      'Número da fatura',
      'Número da nota fiscal',
      'Numer faktury',
      'Nr faktury',
      'N° facture',
      'N° factura',
      'Nº fattura',
      'Číslo faktury',
    ],
  },
  {
    kind: 'credit_note',
    bare: [
      'Credit note',
      'Credit memo',
      'Gutschrift',
      'Rechnungskorrektur',
      'Avoir',
      'Facture d’avoir',
      'Nota de crédito',
      'Nota di credito',
      'Creditnota',
      'Creditfactuur',
      'Faktura korygująca',
      'Korekta',
      'Nota korygująca',
      'Dobropis',
      'Opravný daňový doklad',
      'Credit invoice',
      'Stornorechnung',
      'Korrekturrechnung',
      'Gutschriftsanzeige',
      'Nota de abono',
      'Factura rectificativa',
      'Creditfactuur',
    ],
    numbered: ['Gutschriftsnummer', 'Gutschriftnummer', 'Numéro d’avoir', 'Creditnotanummer', 'Credit note number'],
  },
  {
    kind: 'receipt',
    bare: [
      'Delivery note',
      'Packing slip',
      'GRN',
      'Goods receipt',
      'Goods received note',
      'Lieferschein',
      'Wareneingang',
      'Bon de livraison',
      'Bordereau de livraison',
      'Albarán',
      'Nota de entrega',
      'Documento di trasporto',
      'DDT',
      'Pakbon',
      'Leveringsbon',
      'Guia de remessa',
      'Dispatch note',
      'Despatch note',
      'Despatch advice',
    ],
    numbered: ['Lieferscheinnummer', 'Lieferscheinnr', 'Número de albarán', 'Pakbonnummer'],
  },
];

const TOTALS: Array<[string[], 1 | 2 | 3]> = [
  [
    [
      'Amount due',
      'Total due',
      'Balance due',
      'Total amount due',
      'Amount payable',
      'Total payable',
      'Grand total',
      'Total to pay',
      'Please pay',
      'Amount to pay',
      'Total incl. VAT',
      'Total including VAT',
      'Total inc VAT',
      'Total gross',
      'Gross total',
      'Zu zahlen',
      'Zahlbetrag',
      'Endbetrag',
      'Gesamtbetrag brutto',
      'Rechnungsbetrag brutto',
      'Gesamt brutto',
      'Bruttobetrag',
      'Offener Betrag',
      'Montant TTC',
      'Total TTC',
      'Net à payer',
      'Somme à payer',
      'Montant à payer',
      'Reste à payer',
      'Montant dû',
      'Total a pagar',
      'Importe a pagar',
      'Total factura',
      'Importe total',
      'Totale da pagare',
      'Totale documento',
      'Importo da pagare',
      'Netto a pagare',
      'Te betalen',
      'Totaal te betalen',
      'Totaal incl. BTW',
      'Total incl',
      'Valor a pagar',
      'Total a pagar',
      'Valor total da nota',
      'Należność ogółem',
      'Do zapłaty',
      'At betale',
      'Att betala',
      'Total à payer',
      'Montant total TTC',
      'Endsumme',
      'Summe brutto',
      'Gesamtsumme brutto',
      'Total amount payable',
      'Fälliger Betrag',
      'Rechnungsendbetrag',
      'Bruttosumme',
      'Gutschriftsbetrag',
      'Erstattungsbetrag',
      'Restbetrag',
      'Noch zu zahlen',
      'Openstaand bedrag',
      'Pendiente de pago',
      'Kwota do zapłaty',
      'Razem do zapłaty',
      'Do zwrotu',
      'Celkem k úhradě',
      'K úhradě',
      'Celkem s DPH',
      'Zbývá uhradit',
      'Amount charged',
      'Total charged',
      'Total TVAC',
      'Montant net à payer',
      'Totale a pagare',
      'Totaal bedrag incl',
    ],
    3,
  ],
  [
    [
      'Invoice total',
      'Total amount',
      'Total invoice',
      'Total for this invoice',
      'Total facture',
      'Factuur totaal',
      'Factuurtotaal',
      'Gesamtbetrag',
      'Rechnungsbetrag',
      'Gesamtsumme',
      'Rechnungssumme',
      'Montant total',
      'Total general',
      'Totale fattura',
      'Importo totale',
      'Totaalbedrag',
      'Valor total',
      'Total geral',
      'Wartość brutto',
      'Celková částka',
      'Cena celkem',
      'Order total',
      'Total amount',
      'Totaalbedrag',
    ],
    2,
  ],
  [
    [
      'Total',
      'Totaal',
      'Totale',
      'Gesamt',
      'Summe',
      'Razem',
      'Amount',
      'Betrag',
      'Montant',
      'Importe',
      'Bedrag',
      'Celkem',
      'Suma',
    ],
    1,
  ],
];

const NET = [
  'Subtotal',
  'Sub total',
  'Subtotaal',
  'Sous-total',
  'Subtotale',
  'Zwischensumme',
  'Net',
  'Net total',
  'Net amount',
  'Total net',
  'Total HT',
  'Montant HT',
  'Total excl. VAT',
  'Total excluding VAT',
  'Total ex VAT',
  'Exclusief BTW',
  'Totaal excl',
  'Nettobetrag',
  'Netto',
  'Nettosumme',
  'Summe netto',
  'Gesamt netto',
  'Gesamtbetrag netto',
  'Warenwert',
  'Base imponible',
  'Imponibile',
  'Totale imponibile',
  'Total sin IVA',
  'Razem netto',
  'Wartość netto',
  'Celkem bez DPH',
  'Základ DPH',
  'Základ',
  'Discount',
  'Rabatt',
  'Remise',
  'Credits',
];

const TAX = [
  'Tax',
  'Sales tax',
  'VAT amount',
  'MwSt',
  'Mehrwertsteuer',
  'Umsatzsteuer',
  'TVA',
  'BTW',
  'IVA',
  'DPH',
  'GST',
  'Total GST',
  'Total VAT',
  'Total tax',
  'Kwota VAT',
];

const PAID = [
  'Paid',
  'Amount paid',
  'Total paid',
  'Bezahlt',
  'Bereits bezahlt',
  'Payé',
  'Déjà payé',
  'Reeds betaald',
  'Betaald',
  'Already paid',
  'Prepaid',
  'Prepaid amount',
  'Anzahlung',
  'Pagado',
  'Zapłacono',
  'Zaplaceno',
  'Uhrazeno zálohou',
];

const DATES: Array<[string[], 'issue' | 'due' | 'other', 1 | 2]> = [
  [
    [
      'Invoice date',
      'Date of invoice',
      'Issue date',
      'Date of issue',
      'Issued',
      'Billing date',
      'Bill date',
      'Invoice dated',
      'Rechnungsdatum',
      'Ausstellungsdatum',
      'Belegdatum',
      'Date de facture',
      'Date de facturation',
      "Date d'émission",
      'Fecha de factura',
      'Fecha de emisión',
      'Fecha factura',
      'Data fattura',
      'Data della fattura',
      'Data di emissione',
      'Factuurdatum',
      'Factuur datum',
      'Data da fatura',
      'Data de emissão',
      'Data wystawienia',
      'Fakturadato',
      'Fakturadatum',
      'PO date',
      'Order date buyer',
      'Credit note date',
      'Date of credit note',
      'Credit memo date',
      'Credit date',
      'Gutschriftsdatum',
      "Date de l'avoir",
      "Date d'avoir",
      'Fecha de abono',
      'Fecha de la nota de crédito',
      'Data nota di credito',
      'Creditnotadatum',
      'Re Datum',
      'Rg Datum',
      'Datum vystavení',
      'Datum vystavenia',
      'Data wystawienia faktury',
      'Date of invoice issue',
      'Invoice issue date',
      'Document date',
      'Dokumentdatum',
      'Date created',
      'Created',
      'Created on',
      'Issued on',
      'Date issued',
      'Fecha de expedición',
      // the UK VAT invoice's date of supply, printed as its date
      'Tax point',
      'Tax point date',
      'Date and tax point',
    ],
    'issue',
    2,
  ],
  [['Date', 'Datum', 'Fecha', 'Data', 'Dated', 'Date paid', 'Paid on', 'Datum'], 'issue', 1],
  [
    [
      'Due date',
      'Payment due',
      'Due',
      'Pay by',
      'Payment due date',
      'Fälligkeitsdatum',
      'Fällig am',
      'Fälligkeit',
      'Zahlbar bis',
      'Zahlungsziel',
      "Date d'échéance",
      'Échéance',
      'Date limite de paiement',
      'Fecha de vencimiento',
      'Vencimiento',
      'Data di scadenza',
      'Scadenza',
      'Vervaldatum',
      'Vervaldag',
      'Data de vencimento',
      'Vencimento',
      'Termin płatności',
      'Forfaldsdato',
      'Datum splatnosti',
      'Splatnost',
      'Date due',
      'Due on',
    ],
    'due',
    2,
  ],
  [
    [
      'Order date',
      'Orderdatum',
      'Bestelldatum',
      'Lieferdatum',
      'Delivery date',
      'Date de commande',
      'Date de livraison',
      'Fecha de pedido',
      'Data ordine',
      'Besteldatum',
      'Leverdatum',
      'Check in',
      'Check out',
      'Period',
      'Billing period',
      'Leistungsdatum',
      'Leistungszeitraum',
      'Service date',
      'Ship date',
      'Shipping date',
      'Date of birth',
      'Geburtsdatum',
      'Printed',
      'Datum zdanitelného plnění',
      'Datum zdan plnění',
      'DUZP',
      'Data sprzedaży',
      'Data dostawy',
      'Date of supply',
      'Tax point',
      'Date de prélèvement',
      'Payment date',
      'Zahlungsdatum',
      'Bezahlt am',
    ],
    'other',
    1,
  ],
];

const VENDOR = [
  'Vendor',
  'Supplier',
  'Seller',
  'Sold by',
  'Issued by',
  'Service provider',
  'Remit to',
  'Lieferant',
  'Verkäufer',
  'Rechnungssteller',
  'Leistungserbringer',
  'Fournisseur',
  'Vendeur',
  'Émetteur',
  'Proveedor',
  'Vendedor',
  'Emisor',
  'Fornitore',
  'Venditore',
  'Cedente',
  'Leverancier',
  'Verkoper',
  'Fornecedor',
  'Emitente',
  'Sprzedawca',
  'Wystawca',
  'Dodavatel',
  'Prodávající',
  'Auftragnehmer',
  'Prestatore',
  'Cedente prestatore',
  'Billed by',
  'Invoice from',
  'Bill from',
  'Sender',
  'Absender',
  'Expéditeur',
];

/** Words that name the seller only where they open a line or column: `From:`, `Von:`. */
const VENDOR_WEAK = ['From', 'Von', 'De la part de', 'Van', 'Da', 'Od'];

/**
 * The other party of a record in an ERP ("Party" in Tryton, "Partner" in Odoo): on a purchase or a
 * supplier invoice, the vendor. Weak, as a payee is: a page's explicit vendor outranks it.
 */
const COUNTERPARTY = ['Party', 'Partner', 'Counterparty'];

const PAYEE = [
  'Account holder',
  'Account name',
  'Payable to',
  'Make checks payable to',
  'Pay to',
  'Kontoinhaber',
  'Begünstigter',
  'Zahlungsempfänger',
  'Titulaire du compte',
  'Bénéficiaire',
  'Titular de la cuenta',
  'Beneficiario',
  'Intestatario',
  'Intestato a',
  'Ten name van',
  'Titular da conta',
];

const BUYER = [
  'Bill to',
  'Billed to',
  'Invoice to',
  'Ship to',
  'Sold to',
  'Customer',
  'Buyer',
  'Client',
  'Bill to address',
  'Rechnungsempfänger',
  'Rechnungsadresse',
  'Lieferadresse',
  'Käufer',
  'Kunde',
  'Facturé à',
  'Adresse de facturation',
  'Adresse de livraison',
  'Acheteur',
  'Facturar a',
  'Comprador',
  'Cliente',
  'Destinatario',
  'Cessionario',
  'Factuuradres',
  'Afleveradres',
  'Klant',
  'Koper',
  'Nabywca',
  'Odbiorca',
  'Guest name',
  'Invoice address',
  'Billing address',
  'Delivery address',
  'Shipping address',
  'Deliver to',
  'Issued to',
  'Recipient',
  'Rechnungsanschrift',
  'Lieferanschrift',
  'Leistungsempfänger',
  'Auftraggeber',
  'Livré à',
  'Enviar a',
  'Dirección de envío',
  'Dirección de facturación',
  'Indirizzo di fatturazione',
  'Indirizzo di consegna',
  'Leveradres',
  'Odběratel',
  'Kupující',
  'Příjemce',
  'Płatnik',
  'Spettabile',
  'Spett.le',
  'Spett le',
];

/** Words that name the buyer only where they open a line or column: `To:`, `An`, `Aan:`. */
const BUYER_WEAK = ['To', 'An', 'Aan', 'À', 'Dla', 'Attn', 'Attention', 'Z. Hd', 'T.a.v'];

const CURRENCY = ['Currency', 'Währung', 'Devise', 'Monnaie', 'Moneda', 'Divisa', 'Valuta', 'Moeda', 'Waluta'];

/** Numbers that must never be reported as documents; their labels claim the value after them. */
const OTHER: Array<[string, string[]]> = [
  [
    'customer number',
    [
      'Customer no',
      'Customer number',
      'Customer ID',
      'Customer account',
      'Account number',
      'Account no',
      'Account',
      'Account ID',
      'Kundennummer',
      'Kundennr',
      'Kunden-Nr',
      'Kundenkonto',
      'Debitorennummer',
      'Klantnummer',
      'Klantnr',
      'Debiteurnummer',
      'Numéro client',
      'N° client',
      'Id client',
      'Code client',
      'Référence client',
      'Número de cliente',
      'N° de cliente',
      'Código de cliente',
      'Codice cliente',
      'Numero cliente',
      'Número do cliente',
      'Member ID',
      'User ID',
      'Subscriber',
      'Numéro de ligne',
    ],
  ],
  [
    'reference',
    [
      'Payment reference',
      'Communication',
      'Verwendungszweck',
      'Betalingskenmerk',
      'Variabilní symbol',
      'Konstantní symbol',
      'Specifický symbol',
      'Referência',
      'Contract',
      'Contract no',
      'Contract number',
      'Vertrag',
      'Vertragsnummer',
      'Contrat',
      'Contrato',
      'Contratto',
      'Dossier',
      'Numéro de dossier',
      'Project',
      'Projekt',
      'Projet',
      'Proyecto',
      'Progetto',
      'Quote',
      'Quotation',
      'Angebot',
      'Angebotsnummer',
      'Devis',
      'Offerte',
      'Presupuesto',
      'Preventivo',
      'Mandate',
      'Mandatsreferenz',
      'Ticket',
      'Case',
      'Case number',
    ],
  ],
  [
    'tax id',
    [
      'VAT',
      'VAT no',
      'VAT ID',
      'VAT number',
      'VAT reg no',
      'VAT registration number',
      'Tax ID',
      'Tax number',
      'Tax no',
      'TIN',
      'VAT/TIN',
      'EIN',
      'USt-IdNr',
      'USt-ID',
      'UStId',
      'USt',
      'Steuernummer',
      'Steuer-Nr',
      'St-Nr',
      'Steuer',
      'TVA',
      'N° TVA',
      'TVA intracommunautaire',
      'BTW',
      'BTW nummer',
      'BTW-nr',
      'NIF',
      'CIF',
      'NIE',
      'IVA',
      'Partita IVA',
      'P. IVA',
      'Codice fiscale',
      'C.F.',
      'NIPC',
      'CNPJ',
      'CPF',
      'NIP',
      'REGON',
      'GSTIN',
      'GST',
      'GST no',
      'PAN',
      'CIN',
      'SIRET',
      'SIREN',
      'RCS',
      'APE',
      'KvK',
      'KVK-nummer',
      'Handelsregister',
      'HRB',
      'HRA',
      'Registergericht',
      'Amtsgericht',
      'Company number',
      'Company registration',
      'Registration number',
      'ABN',
      'ACN',
      'Service tax',
      'CVR',
      'Org nr',
      'Organisationsnummer',
      'IČ',
      'IČO',
      'DIČ',
      'IČ DPH',
      'Kd-Nr',
      'Kd Nr',
    ],
  ],
  [
    'bank',
    [
      'IBAN',
      'BIC',
      'SWIFT',
      'SWIFT code',
      'Sort code',
      'Routing number',
      'ABA',
      'BLZ',
      'Bankleitzahl',
      'Konto',
      'Kontonummer',
      'Kto-Nr',
      'Kto',
      'IFSC',
      'IFSC code',
      'RIB',
      'Bank account',
      'Rekeningnummer',
      'Rekening',
      'Conto',
      'Cuenta',
      'Creditor ID',
      'Gläubiger-ID',
    ],
  ],
  [
    'phone',
    [
      'Phone',
      'Tel',
      'Telephone',
      'Telefon',
      'Téléphone',
      'Teléfono',
      'Telefono',
      'Telefoon',
      'Telefone',
      'Mobile',
      'Mobil',
      'Cell',
      'Handy',
      'Portable',
      'Móvil',
      'Cellulare',
      'Mobiel',
      'Fax',
      'Telefax',
      'Customer care',
      'Hotline',
      'Call',
    ],
  ],
  [
    'tracking number',
    [
      'Tracking',
      'Tracking number',
      'Tracking no',
      'Tracking ID',
      'Tracking code',
      'Sendungsnummer',
      'Sendungsverfolgung',
      'Paketnummer',
      'AWB',
      'Waybill',
      'Numéro de suivi',
      'Suivi',
      'Número de seguimiento',
      'Seguimiento',
      'Numero di tracciamento',
      'Tracciamento',
      'Track & trace',
      'Track en trace',
      'Trackingnummer',
      'Código de rastreio',
      'Rastreio',
      'Consignment',
      'Shipment',
    ],
  ],
  ['page', ['Page', 'Seite', 'Pagina', 'Página', 'Blad', 'Pag', 'Pg', 'Strona']],
  [
    'postal code',
    ['ZIP', 'ZIP code', 'Postal code', 'Postcode', 'Post code', 'PLZ', 'Postleitzahl', 'Code postal', 'CAP', 'CP'],
  ],
  [
    'item',
    [
      'Serial',
      'Serial number',
      'Serial no',
      'Serienummer',
      'Seriennummer',
      'Article',
      'Artikel',
      'Art-Nr',
      'Artikelnummer',
      'Artikelnr',
      'Item',
      'Item no',
      'SKU',
      'EAN',
      'GTIN',
      'UPC',
      'ISBN',
      'Part number',
      'Part no',
      'Material',
      'Materialnummer',
      'Référence article',
      'Product',
      'Product code',
      'Produkt',
      'Model',
      'FSN',
      'WID',
      'IMEI',
      'Licence',
      'License',
      'License key',
      'Lizenz',
    ],
  ],
  [
    'quantity',
    [
      'Qty',
      'Quantity',
      'Menge',
      'Anzahl',
      'Stück',
      'Aantal',
      'Hoeveelheid',
      'Quantité',
      'Qté',
      'Cantidad',
      'Cant',
      'Quantità',
      'Qtà',
      'Quantidade',
      'Qtd',
      'Ilość',
      'Units',
      'Pos',
      'Position',
      'Line',
      'Lp',
    ],
  ],
  [
    'other number',
    [
      'PO Box',
      'P.O. Box',
      'Postfach',
      'Boîte postale',
      'Apartado',
      'Casella postale',
      'Postbus',
      'Caixa postal',
      'Room',
      'Suite',
      'Flight',
      'Seat',
      'Version',
      'Dok fisk nr',
      'Dok wydania',
      'Stacja paliw nr',
      'Receipt number',
      'Receipt no',
      'Transaction ID',
      'Transaction',
      'Authorization code',
      'Auth code',
      'Card',
      'Card number',
      'Karte',
      'Carte',
      'Check no',
      'Cheque no',
      'Vorgang',
      'Vorgangsnummer',
    ],
  ],
];

/**
 * Words that name the buyer as the owner of an order label printed before them (`Nº Pedido
 * cliente`, `Bestell-Nr. des Kunden`, `N° commande client`, `Nr zamówienia klienta`): the order is
 * the customer's, so the label is a PO whatever the label alone would say (no owner, or the seller's).
 */
const BUYER_OWNER_AFTER = [
  'client',
  'du client',
  'cliente',
  'del cliente',
  'do cliente',
  'klient',
  'klienta',
  'klant',
  'van de klant',
  'des Kunden',
  'Kunde',
  'customer',
  "customer's",
  'of the customer',
  'buyer',
  "buyer's",
  'acheteur',
  "de l'acheteur",
  'comprador',
  'del comprador',
  'acquirente',
  "dell'acquirente",
  'koper',
  'kupującego',
  'nabywcy',
  'zákazníka',
  'odběratele',
];

/** The same owners printed before the order label: `Customer PO`, `Client order no.`, `Klant ordernummer`. */
const BUYER_OWNER_BEFORE = ['Customer', "Customer's", 'Client', 'Klant', 'Buyer', "Buyer's", 'Cliente'];

/** References whose owner decides what they are (see the `reference` label class). */
const REFERENCES: Array<['buyer' | 'seller' | 'unknown', string[]]> = [
  [
    'buyer',
    [
      'Your ref',
      'Your reference',
      'Buyer reference',
      'Buyer ref',
      'Customer reference',
      'Customer ref',
      'Ihr Zeichen',
      'Ihre Zeichen',
      'Ihre Referenz',
      'Ihre Ref',
      'Käuferreferenz',
      'Kundenreferenz',
      'Leitweg-ID',
      'Votre référence',
      'Votre réf',
      'Référence acheteur',
      'Référence client',
      'Su referencia',
      'Referencia del cliente',
      'Vostro riferimento',
      'Vs rif',
      'Vs. rif',
      'Riferimento cliente',
      'Uw referentie',
      'Uw kenmerk',
      'Uw ref',
      'Referentie klant',
      'Vaše značka',
      'Vaše reference',
      'Referencja klienta',
      'Wasz znak',
    ],
  ],
  [
    'seller',
    [
      'Our ref',
      'Our reference',
      'Unser Zeichen',
      'Unsere Referenz',
      'Notre référence',
      'Notre réf',
      'Nuestra referencia',
      'Nostro riferimento',
      'Ns rif',
      'Ons kenmerk',
      'Onze referentie',
      'Naše značka',
      'Nasz znak',
    ],
  ],
  [
    'unknown',
    ['Reference', 'Ref', 'Referenz', 'Référence', 'Referencia', 'Riferimento', 'Referentie', 'Kenmerk', 'Rif'],
  ],
];

/** Plural and heading forms that set the kind of a page: "Purchase Orders", "Rechnungen", "Bills". */
const HEADING_KINDS: Array<[DocKind, string[]]> = [
  [
    'po',
    [
      'Purchase order',
      'Purchase orders',
      'PO',
      'POs',
      'Bestellung',
      'Bestellungen',
      'Einkaufsbestellung',
      'Bon de commande',
      'Bons de commande',
      'Orden de compra',
      'Órdenes de compra',
      'Pedido de compra',
      'Pedidos de compra',
      'Ordem de compra',
      'Ordine di acquisto',
      'Ordini di acquisto',
      'Inkooporder',
      'Inkooporders',
      // A list or menu entry of purchase orders (Tryton, Dolibarr); "Purchase invoices" is below.
      'Purchases',
    ],
  ],
  [
    'invoice',
    [
      'Invoice',
      'Invoices',
      'Tax invoice',
      'Supplier invoice',
      'Supplier invoices',
      'Purchase invoice',
      'Purchase invoices',
      'Vendor bill',
      'Vendor bills',
      'Bill',
      'Bills',
      'Rechnung',
      'Rechnungen',
      'Eingangsrechnung',
      'Eingangsrechnungen',
      'Facture',
      'Factures',
      'Factura',
      'Facturas',
      'Fattura',
      'Fatture',
      'Factuur',
      'Facturen',
      'Fatura',
      'Faturas',
      'Nota fiscal',
      'Faktura',
      'Payment receipt',
      'Receipt',
      'Quittung',
      'Reçu',
      'Recibo',
      'Ricevuta',
      'Kwitantie',
    ],
  ],
  [
    'credit_note',
    ['Credit note', 'Credit notes', 'Credit memo', 'Credit memos', 'Gutschrift', 'Gutschriften', 'Avoir', 'Avoirs'],
  ],
  [
    'receipt',
    [
      'Delivery note',
      'Delivery notes',
      'Goods receipt',
      'Goods receipts',
      'Lieferschein',
      'Lieferscheine',
      'Packing slip',
    ],
  ],
];

/**
 * What a shop prints on a retail order, invoice or receipt: thanks for the order placed with it, a
 * free-shipping offer. On such a page an order number that names no owner is the shop's own.
 */
const SHOP_CUES = [
  'Thank you for your order',
  'Thanks for your order',
  'Thank you for your purchase',
  'Thanks for your purchase',
  'Thank you for shopping with us',
  'Free shipping',
  'Free delivery',
  'Ships free',
  'Ship free',
  'Vielen Dank für Ihre Bestellung',
  'Vielen Dank für deine Bestellung',
  'Danke für Ihre Bestellung',
  'Danke für deine Bestellung',
  'Vielen Dank für Ihren Einkauf',
  'Vielen Dank für deinen Einkauf',
  'Kostenloser Versand',
  'Versandkostenfrei',
  'Gratis Versand',
  'Merci pour votre commande',
  'Merci de votre commande',
  'Merci pour ta commande',
  'Merci pour votre achat',
  'Livraison offerte',
  'Livraison gratuite',
  'Gracias por tu pedido',
  'Gracias por su pedido',
  'Gracias por tu compra',
  'Gracias por su compra',
  'Envío gratuito',
  'Envío gratis',
  'Grazie per il tuo ordine',
  'Grazie per il suo ordine',
  'Grazie per il tuo acquisto',
  "Grazie per l'ordine",
  'Spedizione gratuita',
  'Spedizione gratis',
  'Bedankt voor je bestelling',
  'Bedankt voor uw bestelling',
  'Dank voor je bestelling',
  'Hartelijk dank voor uw bestelling',
  'Gratis verzending',
  'Gratis bezorging',
  'Dziękujemy za zamówienie',
  'Dziękujemy za złożenie zamówienia',
  'Dziękujemy za zakupy',
  'Darmowa dostawa',
  'Darmowa wysyłka',
  'Děkujeme za objednávku',
  'Děkujeme za nákup',
  'Doprava zdarma',
  'Obrigado pela sua encomenda',
  'Obrigado pela sua compra',
  'Portes grátis',
  'Frete grátis',
];

/**
 * Total labels that name what is still to be paid (a payment status), not what the document bills:
 * in an ERP's record or list, "Amount to Pay (Today)", "Amount Due", "Balance" fall to zero once paid
 * or before the due date, while "Total" stays the invoice's total. Read only where the page labels
 * its values (a field, a column), and only when no other total is printed.
 */
const STILL_DUE =
  /^\s*(?:(?:amount|balance|sum)\s+(?:due|to\s+pay|payable|outstanding|remaining|open)|open\s+(?:amount|balance)|balance|residual(?:\s+amount)?|amount\s+residual|offener\s+betrag|restbetrag|reste\s+[àa]\s+payer|montant\s+d[ûu]|importe\s+pendiente|importo\s+residuo|openstaand(?:\s+bedrag)?)\b/i;

export function isStillDueLabel(label: string): boolean {
  return STILL_DUE.test(label);
}

/** The words of a phrase as the matcher sees them: letter runs, folded. */
export function phraseWords(phrase: string): string[] {
  const words: string[] = [];
  let cur = '';
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase.charCodeAt(i);
    if (isLetter(c)) cur += phrase[i];
    else if (cur) {
      words.push(fold(cur));
      cur = '';
    }
  }
  if (cur) words.push(fold(cur));
  return words;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  cls?: LabelClass;
  /** How the label is printed in the lexicon, for evidence. */
  name?: string;
}

function insert(root: TrieNode, phrase: string, cls: LabelClass): void {
  const words = phraseWords(phrase);
  if (words.length === 0) return;
  let node = root;
  for (const w of words) {
    let child = node.next.get(w);
    if (!child) {
      child = { next: new Map() };
      node.next.set(w, child);
    }
    node = child;
  }
  // First definition wins: the lists above are ordered from specific to general.
  if (!node.cls) {
    node.cls = cls;
    node.name = phrase;
  }
}

/** Every document-number label, for tests and the property test: phrase, kind, seller-side or not. */
export interface KnownLabel {
  phrase: string;
  kind: DocKind;
  strength: 'numbered' | 'bare';
  seller: boolean;
}

export const KNOWN_LABELS: KnownLabel[] = [];

function build(): { labels: TrieNode; headings: TrieNode } {
  const root: TrieNode = { next: new Map() };
  // Specific non-document labels first so "PO Box", "Customer No" and "Invoice date" win.
  for (const [names, role, rank] of DATES) for (const n of names) insert(root, n, { type: 'date', role, rank });
  for (const [what, names] of OTHER) for (const n of names) insert(root, n, { type: 'other', what });
  for (const [owner, names] of REFERENCES) for (const n of names) insert(root, n, { type: 'reference', owner });
  for (const h of KINDS) {
    for (const n of h.numbered) {
      const cls: LabelClass = {
        type: 'number',
        kind: h.kind,
        strength: 'numbered',
        seller: h.seller,
        ownerless: h.ownerless,
      };
      insert(root, n, cls);
      KNOWN_LABELS.push({ phrase: n, kind: h.kind, strength: 'numbered', seller: !!h.seller });
    }
    for (const n of h.bare) {
      for (const w of NUMBER_WORDS) {
        insert(root, `${n} ${w}`, {
          type: 'number',
          kind: h.kind,
          strength: 'numbered',
          seller: h.seller,
          ownerless: h.ownerless,
        });
      }
      insert(root, n, { type: 'number', kind: h.kind, strength: 'bare', seller: h.seller, ownerless: h.ownerless });
      KNOWN_LABELS.push({ phrase: n, kind: h.kind, strength: 'bare', seller: !!h.seller });
    }
  }
  insertOwnedOrders(root);
  for (const [names, rank] of TOTALS) for (const n of names) insert(root, n, { type: 'total', rank });
  for (const n of NET) insert(root, n, { type: 'net' });
  for (const n of TAX) insert(root, n, { type: 'tax' });
  for (const n of PAID) insert(root, n, { type: 'paid' });
  for (const n of VENDOR) insert(root, n, { type: 'vendor', rank: 2 });
  for (const n of PAYEE) insert(root, n, { type: 'vendor', rank: 1 });
  for (const n of COUNTERPARTY) insert(root, n, { type: 'vendor', rank: 1 });
  for (const n of BUYER) insert(root, n, { type: 'buyer' });
  for (const n of VENDOR_WEAK) insert(root, n, { type: 'vendor', rank: 2, weak: true });
  for (const n of BUYER_WEAK) insert(root, n, { type: 'buyer', weak: true });
  for (const n of CURRENCY) insert(root, n, { type: 'currency' });
  for (const n of SHOP_CUES) insert(root, n, { type: 'cue', cue: 'shop' });
  // (`c`, Czech `č.`, only after a kind word: alone it is any letter c)
  for (const w of NUMBER_WORDS) if (w.length > 1) insert(root, w, { type: 'generic' });
  for (const n of ['Document number', 'Document no', 'Doc no', 'Belegnummer', 'Belegnr', 'Numéro', 'Número'])
    insert(root, n, { type: 'generic' });
  // `Beleg-Nr.`, `Document No.`, `Číslo dokladu`: a document's number whose kind the title gives
  for (const head of ['Beleg', 'Dokument', 'Document', 'Doc', 'Documento', 'Doklad', 'Dokument', 'Číslo dokladu'])
    for (const w of NUMBER_WORDS) if (w.length > 1) insert(root, `${head} ${w}`, { type: 'generic' });
  insert(root, 'Číslo dokladu', { type: 'generic' });

  const headings: TrieNode = { next: new Map() };
  for (const [kind, names] of HEADING_KINDS)
    for (const n of names) insert(headings, n, { type: 'number', kind, strength: 'bare' });
  return { labels: root, headings };
}

/**
 * Order labels whose owner is printed as a separate word before or after them (see
 * `BUYER_OWNER_AFTER`): the buyer's PO, even when the label alone names no owner (`Pedido`) or reads
 * as the seller's (`Ordernummer`, `Auftrags-Nr.`). German compounds are left alone: a
 * `Kundenauftrag` is the seller's sales order for a customer.
 */
function insertOwnedOrders(root: TrieNode): void {
  const buyer = (strength: 'numbered' | 'bare'): LabelClass => ({ type: 'number', kind: 'po', strength });
  for (const h of KINDS) {
    if (h.kind !== 'po' || (!h.ownerless && !h.seller)) continue;
    const before = h.ownerless ? [...BUYER_OWNER_BEFORE, 'Kunden'] : BUYER_OWNER_BEFORE;
    for (const n of h.numbered) {
      for (const o of BUYER_OWNER_AFTER) insert(root, `${n} ${o}`, buyer('numbered'));
      for (const o of before) insert(root, `${o} ${n}`, buyer('numbered'));
    }
    for (const n of h.bare) {
      for (const o of BUYER_OWNER_AFTER) {
        insert(root, `${n} ${o}`, buyer('bare'));
        for (const w of NUMBER_WORDS) {
          insert(root, `${w} ${n} ${o}`, buyer('numbered'));
          insert(root, `${n} ${o} ${w}`, buyer('numbered'));
          insert(root, `${n} ${w} ${o}`, buyer('numbered'));
        }
      }
      for (const o of before) {
        insert(root, `${o} ${n}`, buyer('bare'));
        for (const w of NUMBER_WORDS) insert(root, `${o} ${n} ${w}`, buyer('numbered'));
      }
    }
  }
}

const BUILT = build();
export const LABEL_TRIE: TrieNode = BUILT.labels;
export const HEADING_TRIE: TrieNode = BUILT.headings;
