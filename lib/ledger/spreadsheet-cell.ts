/**
 * CSV cells that a spreadsheet shows as text (CSV injection, OWASP): whatever path a value came in by
 * (a page, an import, a restored backup), an exported cell must never be run as a formula.
 */

/**
 * What Excel, LibreOffice and Google Sheets may read as the start of a formula or a DDE call: `=`,
 * `+`, `-`, `@`, a tab or a carriage return, their full-width and small forms, and any of these
 * after leading spaces or line breaks (some importers trim before they evaluate).
 */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66]|^[\t\r]/;

/** A plain decimal number (an amount, a count): a spreadsheet reads it as that number, harmlessly. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The cell as a spreadsheet should show it: formula-like text gets a leading `'`; numbers stay numbers. */
export function spreadsheetCell(value: string | undefined): string {
  if (!value) return '';
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
