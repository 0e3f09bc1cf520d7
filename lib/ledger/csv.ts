/**
 * CSV import of POs, invoices, credit notes and receipts as ERPs export them (QuickBooks, Xero,
 * NetSuite, SAP ME2N/ME80FN, Odoo, plain spreadsheets). Parsing and validation only — no database:
 * `parseCsvFile` turns bytes into `Incoming` documents plus row errors; the ledger writes them.
 */
import Papa from 'papaparse';
import type { DocKind, Line } from '@/lib/model/document';
import { alnumUpper, numberKey, vendorKey } from '@/lib/model/keys';
import type { Money } from '@/lib/model/money';
import { type DecimalSeparator, guessDecimalSeparator, parseAmount } from '@/lib/model/parse-amount';
import { type DateOrder, guessDateOrder, parseDate } from '@/lib/model/parse-date';
import { LedgerError } from './errors';
import type { Incoming } from './merge';

/** Larger files are refused before parsing: one import is one transaction held in memory. */
export const MAX_CSV_BYTES = 32 * 1024 * 1024;
export const PREVIEW_ROWS = 20;

export const IMPORT_FIELDS = [
  'kind',
  'number',
  'vendor',
  'date',
  'dueDate',
  'total',
  'currency',
  'poRef',
  'correctsRef',
  'status',
  'sku',
  'description',
  'quantity',
  'unitPrice',
  'lineAmount',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column index per field (0-based), plus how to read the cells. */
export interface CsvMapping {
  columns: Partial<Record<ImportField, number>>;
  /** The kind of rows that have no kind column (or an empty one). */
  kind: DocKind;
  decimal: DecimalSeparator;
  dateOrder: DateOrder;
  /** Currency of amounts that name none and have no currency column. */
  currency: string;
  /** Which export this looks like, for the preview ("SAP ME2N", "Xero", "plain spreadsheet"). */
  format: string;
}

export interface RowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  reason: string;
}

export interface CsvPreview {
  headers: string[];
  /** The first data rows, as cells. */
  rows: string[][];
  rowCount: number;
  delimiter: string;
  mapping: CsvMapping;
  kind: DocKind;
  errors: RowError[];
  /** Documents the valid rows make (rows of one document are grouped). */
  documents: number;
}

export interface ParsedCsv extends CsvPreview {
  incoming: Incoming[];
  /** Lines of the rows that went into documents. */
  validRows: number;
}

export type CsvInput = string | Uint8Array | ArrayBuffer;

function normalizeHeader(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Header synonyms per field, best first; all normalised (lower case, letters and digits only). */
const PO_NUMBER = [
  'ponumber',
  'pono',
  'ponum',
  'po',
  'purchaseordernumber',
  'purchaseorderno',
  'purchaseorder',
  'purchasingdocument',
  'purchasingdoc',
  'purchdoc',
  'einkaufsbeleg',
  'bestellnummer',
  'bestellnr',
  'bestellung',
  'orderreference',
  'ordernumber',
  'orderno',
  'orderref',
  'numerocommande',
  'numerodecommande',
  'ndecommande',
  'bondecommande',
  'commande',
  'numerodepedido',
  'numeropedido',
  'pedido',
  'ordendecompra',
  'numeroordine',
  'ordinediacquisto',
  'ordine',
  'bestelnummer',
  'inkooporder',
  'numeroencomenda',
  'encomenda',
  'pedidodecompra',
  'poreference',
  'poref',
];
const PO_REF = [...PO_NUMBER, 'createdfrom', 'sourcedocument', 'source', 'reference', 'ref', 'bestellbezug'];
const INVOICE_NUMBER = [
  'invoicenumber',
  'invoiceno',
  'invoicenum',
  'invoiceid',
  'invnumber',
  'invno',
  'supplierinvoicenumber',
  'vendorinvoicenumber',
  'vendorreference',
  'billreference',
  'billnumber',
  'billno',
  'invoice',
  'bill',
  'rechnungsnummer',
  'rechnungsnr',
  'rechnung',
  'numerofacture',
  'numerodefacture',
  'nfacture',
  'facture',
  'numerodefactura',
  'numerofactura',
  'factura',
  'numerofattura',
  'fattura',
  'factuurnummer',
  'factuur',
  'numerofatura',
  'numerodafatura',
  'fatura',
];
const CREDIT_NUMBER = [
  'creditnotenumber',
  'creditnoteno',
  'creditnote',
  'creditmemonumber',
  'creditmemo',
  'creditnumber',
  'creditno',
  'gutschriftsnummer',
  'gutschrift',
  'numeroavoir',
  'avoir',
  'notadecredito',
  'notadicredito',
  'creditnota',
  'creditnotanummer',
];
const RECEIPT_NUMBER = [
  'receiptnumber',
  'receiptno',
  'goodsreceiptnumber',
  'goodsreceipt',
  'grnnumber',
  'grnno',
  'grn',
  'materialdocument',
  'matdoc',
  'itemreceipt',
  'wareneingang',
  'deliverynotenumber',
  'deliverynote',
  'lieferscheinnummer',
  'lieferschein',
  'packingslip',
  'bondelivraison',
  'albaran',
  'receipt',
];
const GENERIC_NUMBER = [
  'documentnumber',
  'documentno',
  'docnumber',
  'docno',
  'number',
  'num',
  'no',
  'nr',
  'belegnummer',
  'nummer',
  'numero',
  'transactionnumber',
  'transno',
  'reference',
  'ref',
];

const SYNONYMS: Record<Exclude<ImportField, 'number' | 'poRef'>, string[]> = {
  kind: ['type', 'transactiontype', 'documenttype', 'doctype', 'kind', 'txntype', 'belegart', 'typedepiece', 'tipo'],
  vendor: [
    'vendor',
    'vendorname',
    'supplier',
    'suppliername',
    'contactname',
    'contact',
    'partner',
    'payee',
    'name',
    'vendorsupplier',
    'lieferant',
    'lieferantenname',
    'kreditor',
    'kreditorname',
    'fournisseur',
    'nomfournisseur',
    'proveedor',
    'nombreproveedor',
    'fornitore',
    'leverancier',
    'fornecedor',
    'creditor',
  ],
  date: [
    'date',
    'orderdate',
    'podate',
    'documentdate',
    'docdate',
    'invoicedate',
    'billdate',
    'issuedate',
    'transactiondate',
    'txndate',
    'receiptdate',
    'postingdate',
    'creationdate',
    'createddate',
    'belegdatum',
    'bestelldatum',
    'rechnungsdatum',
    'buchungsdatum',
    'datum',
    'datedefacture',
    'datefacture',
    'datedecommande',
    'fecha',
    'fechadefactura',
    'fechadepedido',
    'data',
    'datafattura',
    'dataordine',
    'factuurdatum',
    'orderdatum',
    'datadafatura',
    'datadopedido',
  ],
  dueDate: [
    'duedate',
    'paymentduedate',
    'netduedate',
    'faelligkeitsdatum',
    'falligkeitsdatum',
    'faellig',
    'falligam',
    'dateecheance',
    'echeance',
    'fechadevencimiento',
    'vencimiento',
    'datascadenza',
    'scadenza',
    'vervaldatum',
    'datadevencimento',
    'vencimento',
  ],
  total: [
    'total',
    'amount',
    'totalamount',
    'grandtotal',
    'invoicetotal',
    'ordertotal',
    'pototal',
    'amounttotal',
    'totalincltax',
    'amountincltax',
    'grossamount',
    'gross',
    'netamount',
    'value',
    'betrag',
    'gesamtbetrag',
    'bruttobetrag',
    'nettobetrag',
    'montant',
    'montantttc',
    'montantht',
    'totalttc',
    'importe',
    'importetotal',
    'importo',
    'importototale',
    'bedrag',
    'totaalbedrag',
    'valor',
    'valortotal',
  ],
  currency: [
    'currency',
    'currencycode',
    'curr',
    'ccy',
    'crcy',
    'waehrung',
    'wahrung',
    'devise',
    'monnaie',
    'moneda',
    'divisa',
    'valuta',
    'munt',
    'moeda',
  ],
  correctsRef: [
    'originalinvoice',
    'originalinvoicenumber',
    'correctsinvoice',
    'appliedtoinvoice',
    'appliedto',
    'relatedinvoice',
    'referenceinvoice',
    'invoicereference',
    'bezugsrechnung',
    'facturedorigine',
    'facturaoriginal',
  ],
  status: ['status', 'state', 'postatus', 'orderstatus', 'statut', 'estado', 'stato', 'estatus'],
  sku: [
    'sku',
    'itemcode',
    'inventoryitemcode',
    'material',
    'materialnumber',
    'productcode',
    'partnumber',
    'partno',
    'articlenumber',
    'artikelnummer',
    'artikel',
    'codigo',
    'codice',
    'artikelcode',
    'orderlinesproductinternalreference',
    'productservice',
    'orderlinesproduct',
    'product',
    'itemnumber',
    'itemid',
    'item',
  ],
  description: [
    'description',
    'itemdescription',
    'linedescription',
    'productdescription',
    'shorttext',
    'kurztext',
    'bezeichnung',
    'designation',
    'libelle',
    'descripcion',
    'descrizione',
    'omschrijving',
    'descricao',
    'orderlinesdescription',
  ],
  quantity: [
    'quantity',
    'qty',
    'orderquantity',
    'orderqty',
    'poquantity',
    'quantityordered',
    'qtyordered',
    'receivedquantity',
    'quantityreceived',
    'qtyreceived',
    'invoicedquantity',
    'menge',
    'bestellmenge',
    'quantite',
    'cantidad',
    'quantita',
    'aantal',
    'quantidade',
    'orderlinesquantity',
  ],
  unitPrice: [
    'unitprice',
    'unitamount',
    'rate',
    'price',
    'netprice',
    'unitcost',
    'nettopreis',
    'preis',
    'einzelpreis',
    'prixunitaire',
    'prix',
    'preciounitario',
    'precio',
    'prezzounitario',
    'prezzo',
    'stukprijs',
    'prijs',
    'precounitario',
    'preco',
    'orderlinesunitprice',
  ],
  lineAmount: [
    'lineamount',
    'linetotal',
    'lineamt',
    'extendedamount',
    'extendedprice',
    'netordervalue',
    'netvalue',
    'nettobestellwert',
    'positionswert',
    'subtotal',
    'orderlinessubtotal',
  ],
};

/** Row kind values (normalised) of ERP type columns. */
const KIND_VALUES: Record<string, DocKind> = {};
const KIND_WORDS: [DocKind, string[]][] = [
  [
    'po',
    [
      'po',
      'purchaseorder',
      'purchaseorders',
      'order',
      'bestellung',
      'commande',
      'pedido',
      'ordine',
      'bestelling',
      'encomenda',
      'nb',
      'einkaufsbestellung',
    ],
  ],
  [
    'invoice',
    [
      'invoice',
      'bill',
      'vendorbill',
      'supplierinvoice',
      'accpay',
      'purchaseinvoice',
      'rechnung',
      'eingangsrechnung',
      'facture',
      'factura',
      'fattura',
      'factuur',
      'fatura',
      'inv',
    ],
  ],
  [
    'credit_note',
    [
      'creditnote',
      'creditmemo',
      'billcredit',
      'vendorcredit',
      'suppliercredit',
      'accpaycredit',
      'credit',
      'gutschrift',
      'avoir',
      'notadecredito',
      'notadicredito',
      'creditnota',
      'refund',
    ],
  ],
  [
    'receipt',
    [
      'receipt',
      'itemreceipt',
      'goodsreceipt',
      'grn',
      'wareneingang',
      'reception',
      'recepcion',
      'ricevimento',
      'ontvangst',
      'recebimento',
      'deliverynote',
    ],
  ],
];
for (const [kind, words] of KIND_WORDS) for (const w of words) KIND_VALUES[w] = kind;

const CLOSED_STATUS =
  /^(closed|fullybilled|billed|receivedbilled|fullyreceived|done|locked|cancel+ed|geschlossen|erledigt|ferme|cerrado|chiuso|gesloten|fechado)$/;
const OPEN_STATUS =
  /^(open|pending|pendingreceipt|pendingbilling|partiallyreceived|pendingbillingpartiallyreceived|approved|purchase|sent|draft|offen|ouvert|abierto|aperto|aberto)$/;

function firstColumn(normalized: string[], synonyms: string[], taken: Set<number>): number | undefined {
  for (const synonym of synonyms) {
    const at = normalized.findIndex((h, i) => h === synonym && !taken.has(i));
    if (at !== -1) return at;
  }
  return undefined;
}

function kindOfValue(value: string): DocKind | undefined {
  const v = normalizeHeader(value);
  return v ? KIND_VALUES[v] : undefined;
}

/** The document kind the headers speak of, when the file has no per-row kind column. */
function kindFromHeaders(normalized: string[]): DocKind {
  const has = (list: string[]) => normalized.some((h) => list.includes(h));
  if (has(CREDIT_NUMBER)) return 'credit_note';
  if (has(RECEIPT_NUMBER.filter((w) => w !== 'receipt'))) return 'receipt';
  if (has(INVOICE_NUMBER)) return 'invoice';
  return 'po';
}

function formatName(normalized: string[]): string {
  const has = (h: string) => normalized.includes(h);
  if (has('purchasingdocument') || has('einkaufsbeleg') || has('purchasingdoc')) return 'SAP ME2N/ME80FN';
  if (has('contactname') && (has('invoicenumber') || has('purchaseordernumber') || has('inventoryitemcode')))
    return 'Xero';
  if (has('createdfrom') || (has('documentnumber') && has('type') && has('name'))) return 'NetSuite';
  if (normalized.some((h) => h.startsWith('orderlines')) || has('sourcedocument') || has('vendorreference'))
    return 'Odoo';
  if (has('num') && (has('productservice') || has('transactiontype') || has('openbalance'))) return 'QuickBooks';
  return 'plain spreadsheet';
}

/** Guesses the column mapping from the header row and sample data rows. */
export function autoMapping(headers: string[], samples: string[][], localeHint?: string): CsvMapping {
  const normalized = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const columns: Partial<Record<ImportField, number>> = {};
  const take = (field: ImportField, synonyms: string[]) => {
    const at = firstColumn(normalized, synonyms, taken);
    if (at !== undefined) {
      columns[field] = at;
      taken.add(at);
    }
  };
  take('kind', SYNONYMS.kind);
  let kind: DocKind = kindFromHeaders(normalized);
  if (columns.kind !== undefined) {
    const counts = new Map<DocKind, number>();
    let filled = 0;
    for (const row of samples) {
      const value = row[columns.kind] ?? '';
      if (value.trim()) filled++;
      const k = kindOfValue(value);
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const recognised = [...counts.values()].reduce((a, b) => a + b, 0);
    if (recognised * 2 < filled) {
      // A "Type" column of something else (an order type such as "Standard"): not the document kind.
      taken.delete(columns.kind);
      delete columns.kind;
    } else {
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      if (best) kind = best[0];
    }
  }
  const ownNumber =
    kind === 'po'
      ? PO_NUMBER
      : kind === 'invoice'
        ? INVOICE_NUMBER
        : kind === 'credit_note'
          ? CREDIT_NUMBER
          : RECEIPT_NUMBER;
  take('number', ownNumber);
  if (columns.number === undefined && columns.kind !== undefined) {
    // A mixed export (NetSuite, QuickBooks): one number column for every kind.
    take('number', [...GENERIC_NUMBER, ...INVOICE_NUMBER, ...PO_NUMBER]);
  }
  if (columns.number === undefined) take('number', GENERIC_NUMBER);
  // A mixed export (NetSuite "Created From") carries the PO reference of its bills and receipts.
  if (kind !== 'po' || columns.kind !== undefined) take('poRef', PO_REF);
  if (kind === 'credit_note') take('correctsRef', [...SYNONYMS.correctsRef, ...INVOICE_NUMBER]);
  for (const field of ['vendor', 'dueDate', 'date', 'currency', 'status', 'sku', 'description', 'quantity'] as const) {
    take(field, SYNONYMS[field]);
  }
  take('unitPrice', SYNONYMS.unitPrice);
  take('lineAmount', SYNONYMS.lineAmount);
  take('total', SYNONYMS.total);
  if (columns.total === undefined && columns.lineAmount === undefined) take('total', SYNONYMS.lineAmount);

  const cells = (field: ImportField) => {
    const at = columns[field];
    return at === undefined ? [] : samples.map((r) => r[at] ?? '').filter((c) => c.trim() !== '');
  };
  const amountCells = [...cells('total'), ...cells('unitPrice'), ...cells('lineAmount')];
  const currencies = new Map<string, number>();
  for (const c of [
    ...cells('currency').map((c) => c.trim().toUpperCase()),
    ...amountCells.map((a) => parseAmount(a)?.currency ?? ''),
  ]) {
    if (/^[A-Z]{3}$/.test(c)) currencies.set(c, (currencies.get(c) ?? 0) + 1);
  }
  const topCurrency = [...currencies.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const europe = localeHint ? /^(de|fr|es|it|nl|pt)/i.test(localeHint) : false;
  return {
    columns,
    kind,
    decimal: guessDecimalSeparator(amountCells, localeHint),
    dateOrder: guessDateOrder([...cells('date'), ...cells('dueDate')], localeHint),
    currency: topCurrency ?? (europe ? 'EUR' : 'USD'),
    format: formatName(normalized),
  };
}

/**
 * Bytes to text: UTF-8, or UTF-16 when the file starts with its byte-order mark (Excel's "Unicode
 * Text" export); anything else is refused with a sentence, because guessing a legacy code page could
 * import wrong vendor names without anyone noticing.
 */
export function decodeCsv(input: CsvInput): string {
  if (typeof input === 'string') {
    if (input.length > MAX_CSV_BYTES) throw tooLarge(input.length);
    return input.replace(/^\uFEFF/, '');
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength > MAX_CSV_BYTES) throw tooLarge(bytes.byteLength);
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new LedgerError(
        'The file starts as UTF-16 text but is not valid UTF-16 (it may be cut short). Save it as "CSV UTF-8" and import it again. Nothing was imported.',
      );
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new LedgerError(
      'The file is not UTF-8 text (it may be saved as Windows-1252 or Latin-1). Save it as "CSV UTF-8" and import it again. Nothing was imported.',
    );
  }
}

function tooLarge(bytes: number): LedgerError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return new LedgerError(
    `The file is ${mb(bytes)} MB; Tieout imports CSV files of up to ${mb(MAX_CSV_BYTES)} MB at a time. Split it into smaller files and import them one by one. Nothing was imported.`,
  );
}

interface Table {
  headers: string[];
  rows: string[][];
  /** 1-based file line of each row. */
  lines: number[];
  delimiter: string;
  errors: RowError[];
}

function readTable(text: string, delimiter?: string): Table {
  if (text.trim() === '') throw new LedgerError('The file is empty. Nothing was imported.');
  const result = Papa.parse<string[]>(text, {
    delimiter: delimiter ?? '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
  });
  const data = result.data;
  const headers = (data[0] ?? []).map((h) => h.trim());
  const width = headers.length;
  if (width < 2) {
    throw new LedgerError(
      'Every line holds a single column, so the file is not separated by commas, semicolons, tabs or pipes. Export it again as CSV (or choose its separator) and import it again. Nothing was imported.',
    );
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  // Lines are counted with the line breaks inside quoted cells, so a reported line is the file's line.
  let line = 1 + countBreaks(data[0] ?? []);
  for (let i = 1; i < data.length; i++) {
    const row = data[i] ?? [];
    line += 1;
    const at = line;
    line += countBreaks(row);
    if (row.length !== width) {
      errors.push({ line: at, reason: `has ${row.length} columns where the header has ${width}` });
      continue;
    }
    rows.push(row);
    lines.push(at);
  }
  for (const e of result.errors) {
    if (e.code === 'MissingQuotes') errors.push({ line: (e.row ?? 0) + 1, reason: 'has a quote that is never closed' });
  }
  return { headers, rows, lines, delimiter: result.meta.delimiter, errors };
}

function countBreaks(row: string[]): number {
  let n = 0;
  for (const cell of row) if (cell.includes('\n')) n += cell.split('\n').length - 1;
  return n;
}

/** A header row is text: a first line of numbers, amounts or dates is data. */
function looksLikeData(headers: string[]): boolean {
  const dataLike = headers.filter(
    (h) => h.trim() !== '' && (/^[\d\s.,'$€£¥()-]+$/.test(h.trim()) || parseDate(h) !== undefined),
  ).length;
  return dataLike >= Math.max(1, Math.ceil(headers.length / 3));
}

const FIELD_LABEL: Record<ImportField, string> = {
  kind: 'Type',
  number: 'Number',
  vendor: 'Vendor',
  date: 'Date',
  dueDate: 'Due date',
  total: 'Amount',
  currency: 'Currency',
  poRef: 'PO reference',
  correctsRef: 'Corrected invoice',
  status: 'Status',
  sku: 'SKU',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  lineAmount: 'Line amount',
};

const KIND_LABEL: Record<DocKind, string> = {
  po: 'PO',
  invoice: 'invoice',
  credit_note: 'credit note',
  receipt: 'receipt',
};

interface Group {
  incoming: Incoming;
  firstLine: number;
  rowTotals: { minor: number; line: number }[];
  lineAmountsSum: number;
  hasLineAmounts: boolean;
}

/**
 * Parses a whole file with a mapping (the auto mapping when omitted). File-level problems throw a
 * `LedgerError`; row-level problems are returned as `errors` with their line.
 */
export function parseCsvFile(
  input: CsvInput,
  options: {
    mapping?: CsvMapping;
    localeHint?: string;
    delimiter?: string;
    source?: { name: string; seenAt: string };
  } = {},
): ParsedCsv {
  const text = decodeCsv(input);
  const table = readTable(text, options.delimiter);
  const samples = table.rows.slice(0, 500);
  const mapping = options.mapping ?? autoMapping(table.headers, samples, options.localeHint);
  const errors = [...table.errors];
  const { columns } = mapping;
  const preview = {
    headers: table.headers,
    rows: table.rows.slice(0, PREVIEW_ROWS),
    rowCount: table.rows.length,
    delimiter: table.delimiter,
    mapping,
    kind: mapping.kind,
  };
  if (columns.number === undefined) {
    const reason = looksLikeData(table.headers)
      ? 'The first line looks like data, not column names. Add a header line (for example: PO Number, Vendor, Order Date, Amount, Currency) and import again.'
      : `No column holds the ${KIND_LABEL[mapping.kind]} number (a header such as "PO Number", "Invoice Number" or "Document Number"). Choose it in the mapping.`;
    return { ...preview, errors: [{ line: 1, reason }, ...errors], documents: 0, incoming: [], validRows: 0 };
  }
  for (const [field, at] of Object.entries(columns)) {
    if (at !== undefined && (at < 0 || at >= table.headers.length)) {
      throw new LedgerError(
        `The mapping points ${FIELD_LABEL[field as ImportField]} to column ${at + 1}, but the file has ${table.headers.length} columns. Nothing was imported.`,
      );
    }
  }

  const hasLineFields = columns.quantity !== undefined || columns.unitPrice !== undefined || columns.sku !== undefined;
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  const seenAt = options.source?.seenAt ?? new Date(0).toISOString();
  const sourceName = options.source?.name ?? 'CSV import';
  let validRows = 0;
  /** Documents (kind + key) with an error on any of their rows. */
  const broken = new Set<string>();
  let rowDoc: string | undefined;
  let currentLine = 0;
  const fail = (reason: string) => {
    errors.push({ line: currentLine, reason });
    if (rowDoc) broken.add(rowDoc);
  };
  const vendorKeys = new Map<string, string>();
  const vendorKeyOf = (vendor: string): string => {
    let k = vendorKeys.get(vendor);
    if (k === undefined) {
      k = vendorKey(vendor);
      vendorKeys.set(vendor, k);
    }
    return k;
  };
  /** Reads one amount cell; null after reporting the row's error. */
  const amountIn = (
    row: string[],
    field: 'total' | 'unitPrice' | 'lineAmount',
    rowCurrency: string | undefined,
  ): Money | undefined | null => {
    const text = cell(row, field);
    if (!text) return undefined;
    const parsed = parseAmount(text, { decimal: mapping.decimal, currency: rowCurrency ?? mapping.currency });
    if (!parsed) {
      fail(`${FIELD_LABEL[field]} "${text.slice(0, 40)}" is not an amount`);
      return null;
    }
    if (parsed.currency && rowCurrency && parsed.currency !== rowCurrency) {
      fail(`${FIELD_LABEL[field]} "${text}" is in ${parsed.currency} but the row's currency is ${rowCurrency}`);
      return null;
    }
    return { minor: parsed.minor, currency: parsed.currency ?? rowCurrency ?? mapping.currency };
  };
  const dateIn = (row: string[], field: 'date' | 'dueDate'): string | undefined | null => {
    const text = cell(row, field);
    if (!text) return undefined;
    const iso = parseDate(text, { order: mapping.dateOrder });
    if (!iso) {
      fail(`${FIELD_LABEL[field]} "${text.slice(0, 40)}" is not a date`);
      return null;
    }
    return iso;
  };

  const cell = (row: string[], field: ImportField): string => {
    const at = columns[field];
    return at === undefined ? '' : (row[at] ?? '').trim();
  };

  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r] ?? [];
    const line = table.lines[r] ?? r + 2;
    rowDoc = undefined;
    currentLine = line;

    let kind = mapping.kind;
    const kindText = cell(row, 'kind');
    if (kindText) {
      const k = kindOfValue(kindText);
      if (!k) {
        fail(`${FIELD_LABEL.kind} "${kindText}" is not a PO, invoice, credit note or receipt`);
        continue;
      }
      kind = k;
    }
    const number = cell(row, 'number');
    if (!number) {
      fail(`has no ${KIND_LABEL[kind]} number`);
      continue;
    }
    if (number.length > 200 || !alnumUpper(number)) {
      fail(`${KIND_LABEL[kind]} number "${number.slice(0, 40)}" has no letters or digits`);
      continue;
    }
    const key = numberKey(number);
    rowDoc = `${kind}\u0000${key}`;

    const currencyText = cell(row, 'currency').toUpperCase();
    if (currencyText && !/^[A-Z]{3}$/.test(currencyText)) {
      fail(`${FIELD_LABEL.currency} "${currencyText}" is not a three-letter ISO code such as EUR or USD`);
      continue;
    }
    let rowCurrency = currencyText || undefined;
    const total = amountIn(row, 'total', rowCurrency);
    if (total === null) continue;
    // An amount that names its currency (`€ 12,00`) sets the row's currency for the other amounts.
    rowCurrency ??=
      total && cell(row, 'total') && /[^\d\s.,'()-]/.test(cell(row, 'total')) ? total.currency : undefined;
    const unitPrice = amountIn(row, 'unitPrice', rowCurrency);
    const lineAmount = amountIn(row, 'lineAmount', rowCurrency);
    if (unitPrice === null || lineAmount === null) continue;
    const date = dateIn(row, 'date');
    const dueDate = dateIn(row, 'dueDate');
    if (date === null || dueDate === null) continue;

    const quantityText = cell(row, 'quantity');
    let quantity: number | undefined;
    if (quantityText) {
      // Read with four decimals (the exponent of CLF) so `1.5` or `2,25` units parse like amounts do.
      const q = parseAmount(quantityText, { decimal: mapping.decimal, currency: 'CLF' });
      if (!q) {
        fail(`${FIELD_LABEL.quantity} "${quantityText.slice(0, 40)}" is not a number`);
        continue;
      }
      quantity = q.minor / 10_000;
    }

    const vendor = cell(row, 'vendor').slice(0, 300) || undefined;
    const poRefText = kind === 'po' ? '' : cell(row, 'poRef');
    const poKeys = poRefText
      ? poRefText
          .split(/[,;|\n]+|\s+(?=(?:PO|#))/i)
          .map((p) => numberKey(p))
          .filter((k) => k.length > 0 && /\d/.test(k))
      : [];
    const correctsText = cell(row, 'correctsRef');
    const statusText = normalizeHeader(cell(row, 'status'));
    const status =
      kind === 'po'
        ? CLOSED_STATUS.test(statusText)
          ? 'closed'
          : OPEN_STATUS.test(statusText)
            ? 'open'
            : undefined
        : undefined;

    const groupKey = `${kind}\u0000${key}\u0000${vendor ? vendorKeyOf(vendor) : ''}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        incoming: {
          kind,
          number,
          key,
          origin: 'import',
          lines: [],
          sighting: {
            url: `import:${sourceName}`,
            title: sourceName,
            seenAt,
            snippet: `line ${line}`,
            confidence: 1,
            via: 'import',
          },
        },
        firstLine: line,
        rowTotals: [],
        lineAmountsSum: 0,
        hasLineAmounts: false,
      };
      groups.set(groupKey, group);
      order.push(group);
    }
    const inc = group.incoming;
    const clash = (field: ImportField, was: string, now: string) =>
      fail(
        `${KIND_LABEL[kind]} ${number} has ${FIELD_LABEL[field]} "${now}" here but "${was}" on line ${group?.firstLine}`,
      );
    if (vendor) inc.vendor ??= vendor;
    if (date) {
      if (inc.date && inc.date !== date) {
        clash('date', inc.date, date);
        continue;
      }
      inc.date = date;
    }
    if (dueDate) inc.dueDate ??= dueDate;
    if (status) inc.status ??= status;
    if (correctsText) inc.correctsKey ??= numberKey(correctsText);
    if (poKeys.length) inc.poKeys = [...new Set([...(inc.poKeys ?? []), ...poKeys])];
    if (total) group.rowTotals.push({ minor: total.minor, line });
    if (total && inc.total && inc.total.currency !== total.currency) {
      clash('currency', inc.total.currency, total.currency);
      continue;
    }
    if (total) inc.total ??= total;

    if (hasLineFields || lineAmount) {
      const amount =
        lineAmount ??
        (unitPrice && quantity !== undefined
          ? { minor: Math.round(unitPrice.minor * quantity), currency: unitPrice.currency }
          : undefined);
      const l: Line = {};
      const sku = cell(row, 'sku');
      const description = cell(row, 'description');
      if (sku) l.sku = sku.slice(0, 200);
      if (description) l.description = description.slice(0, 500);
      if (quantity !== undefined) l.quantity = quantity;
      if (unitPrice) l.unitPrice = unitPrice;
      if (amount) {
        l.amount = amount;
        group.lineAmountsSum += amount.minor;
        group.hasLineAmounts = true;
      }
      if (Object.keys(l).length > 0) inc.lines = [...(inc.lines ?? []), l];
    }
    validRows++;
  }

  for (const group of order) {
    const inc = group.incoming;
    const distinct = new Set(group.rowTotals.map((t) => t.minor));
    const lines = inc.lines ?? [];
    const currency = inc.total?.currency ?? lines.find((l) => l.amount)?.amount?.currency ?? mapping.currency;
    // One amount column on line rows: per-line amounts (QuickBooks "Amount", SAP "Net Order Value"),
    // recognised when they differ within a document or equal quantity × price.
    const amountsAreLines =
      group.rowTotals.length > 1 &&
      lines.length === group.rowTotals.length &&
      (distinct.size > 1 ||
        lines.every(
          (l, i) =>
            l.quantity !== undefined &&
            l.unitPrice &&
            Math.abs(l.unitPrice.minor * l.quantity - (group.rowTotals[i]?.minor ?? 0)) <= 1,
        ));
    if (amountsAreLines) {
      inc.lines = lines.map((l, i) => ({ ...l, amount: { minor: group.rowTotals[i]?.minor ?? 0, currency } }));
      inc.total = { minor: group.rowTotals.reduce((s, t) => s + t.minor, 0), currency };
    } else if (distinct.size > 1) {
      const first = group.rowTotals[0];
      const other = group.rowTotals.find((t) => t.minor !== first?.minor);
      errors.push({
        line: other?.line ?? group.firstLine,
        reason: `${KIND_LABEL[inc.kind]} ${inc.number} has a different amount here than on line ${first?.line}`,
      });
      broken.add(`${inc.kind}\u0000${inc.key}`);
    } else if (!inc.total && group.hasLineAmounts) {
      inc.total = { minor: group.lineAmountsSum, currency };
    }
    if (inc.lines && inc.lines.length === 0) delete inc.lines;
  }

  // A document with an error on any of its lines is left out whole: half a PO is worse than none.
  const incoming = order.filter((g) => !broken.has(`${g.incoming.kind}\u0000${g.incoming.key}`)).map((g) => g.incoming);
  errors.sort((a, b) => a.line - b.line);
  return { ...preview, errors, documents: incoming.length, incoming, validRows };
}
