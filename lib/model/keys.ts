/**
 * The one owner of number keys (DESIGN.md "Number keys").
 *
 * `numberKey` is what matching compares: upper-case letters and digits only, a leading kind word
 * removed when digits follow, leading zeros removed — `PO-0012345`, `po 12345` and `#12345` all
 * give `12345`. `looseKey` also folds OCR look-alikes and is only ever used to *suggest*.
 */

/** Kind words a number may be printed with. Longest first so `INVOICE` wins over `INV`. */
const KIND_PREFIXES = [
  'PURCHASEORDER',
  'INVOICE',
  'FACTURA',
  'FACTURE',
  'FATTURA',
  'RECHNUNG',
  'CREDIT',
  'BILL',
  'INV',
  'REF',
  'PO',
  'RE',
  'CN',
  'GRN',
  'DN',
].sort((a, b) => b.length - a.length);

/** Letters and digits in upper case, with accents folded (`é` → `E`). */
export function alnumUpper(printed: string): string {
  return printed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

export function numberKey(printed: string): string {
  let key = alnumUpper(printed);
  for (const prefix of KIND_PREFIXES) {
    // Only strip a kind word when digits follow it: `PO12345` → `12345`, but `POLAND7` stays.
    if (key.length > prefix.length && key.startsWith(prefix) && /[0-9]/.test(key[prefix.length] ?? '')) {
      key = key.slice(prefix.length);
      break;
    }
  }
  const stripped = key.replace(/^0+(?=.)/, '');
  return stripped;
}

const LOOK_ALIKES: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', S: '5', B: '8', Z: '2' };

/** The looser key: look-alike letters mapped to the digit they are misread as, then zeros stripped. */
export function looseKey(printed: string): string {
  const folded = numberKey(printed).replace(/[OQDILSBZ]/g, (c) => LOOK_ALIKES[c] ?? c);
  return folded.replace(/^0+(?=.)/, '');
}

/** Vendor names compared loosely: case, punctuation and legal-form suffixes do not matter. */
const LEGAL_FORMS =
  /\b(INC|INCORPORATED|LLC|LTD|LIMITED|GMBH|AG|SA|SAS|SARL|SRL|SPA|BV|NV|PLC|CORP|CORPORATION|CO|COMPANY|KG|OY|AB|AS|PVT|PTY|SL|LDA)\b/g;

export function vendorKey(vendor: string): string {
  return vendor
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
