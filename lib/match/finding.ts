import type { ExceptionType, Severity } from '@/lib/model/exception';

/** An exception as matching derives it, before identity, timestamps and resolution are attached. */
export interface Finding {
  type: ExceptionType;
  severity: Severity;
  poKey?: string;
  docIds: string[];
  message: string;
}

/** Exception types decided per PO group; the others are decided per document or pair of documents. */
export const PO_TYPES: ReadonlySet<ExceptionType> = new Set<ExceptionType>([
  'unknown_po',
  'over_billed',
  'price_variance',
  'quantity_variance',
  'missing_receipt',
  'vendor_mismatch',
  'currency_mismatch',
  'invoice_before_po',
  'closed_po',
]);
