/** The record view's editable fields and how typed text becomes the value the ledger stores. */
import { parseAmount } from '@/lib/model/parse-amount';

export type FieldName =
  | 'number'
  | 'vendor'
  | 'date'
  | 'dueDate'
  | 'total'
  | 'poKeys'
  | 'correctsKey'
  | 'status'
  | 'matchMode';

export const FIELD_LABEL: { [F in FieldName]: string } = {
  number: 'Number',
  vendor: 'Vendor',
  date: 'Date',
  dueDate: 'Due date',
  total: 'Total',
  poKeys: 'PO references',
  correctsKey: 'Corrects invoice',
  status: 'PO status',
  matchMode: 'Match',
};

/** The typed text as the value the ledger stores, or an error sentence. */
export function parseFieldInput(
  field: FieldName,
  text: string,
  currency: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const t = text.trim();
  if (field === 'total') {
    const cur = currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(cur)) return { ok: false, error: 'Give the currency as a three-letter code such as EUR.' };
    const amount = parseAmount(t, { currency: cur });
    if (!amount) return { ok: false, error: `"${t}" is not an amount in ${cur}.` };
    return { ok: true, value: { minor: amount.minor, currency: amount.currency ?? cur } };
  }
  if (field === 'poKeys') {
    const keys = t
      .split(/[,;\s]+/)
      .map((k) => k.trim())
      .filter(Boolean);
    return { ok: true, value: keys };
  }
  if (!t) return { ok: false, error: `${FIELD_LABEL[field]} cannot be empty.` };
  return { ok: true, value: t };
}
