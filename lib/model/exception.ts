import { z } from 'zod';
import { NumberKeySchema, RecordIdSchema, TimestampSchema } from './document';

export const EXCEPTION_TYPES = [
  'unknown_po',
  'no_po_reference',
  'over_billed',
  'price_variance',
  'quantity_variance',
  'missing_receipt',
  'duplicate_invoice',
  'possible_duplicate',
  'vendor_mismatch',
  'currency_mismatch',
  'invoice_before_po',
  'closed_po',
  'conflicting_values',
  /** Team ledger: two clerks changed one record before seeing each other's change (lib/sync). */
  'sync_conflict',
] as const;
export const ExceptionTypeSchema = z.enum(EXCEPTION_TYPES);
export type ExceptionType = z.infer<typeof ExceptionTypeSchema>;

export const SeveritySchema = z.enum(['high', 'medium', 'low']);
export type Severity = z.infer<typeof SeveritySchema>;

export const ResolutionSchema = z.object({
  kind: z.enum(['accepted', 'not_duplicate', 'linked', 'resolved_by_data']),
  note: z.string().max(2000).optional(),
  by: z.string().max(200).optional(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

export const MatchExceptionSchema = z.object({
  id: RecordIdSchema,
  type: ExceptionTypeSchema,
  severity: SeveritySchema,
  docIds: z.array(RecordIdSchema),
  poKey: NumberKeySchema.optional(),
  message: z.string(),
  openedAt: TimestampSchema,
  resolvedAt: TimestampSchema.nullable(),
  resolution: ResolutionSchema.nullable(),
  /** `open` or `resolved`: indexable, unlike a null `resolvedAt`. */
  state: z.enum(['open', 'resolved']),
});
export type MatchException = z.infer<typeof MatchExceptionSchema>;
