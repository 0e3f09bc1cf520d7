import { z } from 'zod';
import { DocKindSchema, IsoDateSchema, LineSchema } from './document';
import { MoneySchema } from './money';

/** What the detector found; crosses from content script to worker, so it is a zod schema. */
export const DetectionSchema = z.object({
  kind: DocKindSchema,
  number: z.string().min(1).max(200),
  key: z.string().min(1).max(200),
  confidence: z.number().min(0).max(1),
  /** The label, pattern or column header that led to it. */
  evidence: z.string().max(500),
  /** Where in the block it sits, for highlighting. */
  span: z.object({ block: z.number().int().min(0), start: z.number().int().min(0), end: z.number().int().min(0) }),
  vendor: z.string().max(300).optional(),
  total: MoneySchema.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  issueDate: IsoDateSchema.optional(),
  dueDate: IsoDateSchema.optional(),
  poKeys: z.array(z.string().max(200)).max(50).optional(),
  /** Lines, when the source states them exactly (an e-invoice's XML). */
  lines: z.array(LineSchema).max(1000).optional(),
  /** Credit notes: the key of the invoice they correct, when the source states it (BT-25). */
  correctsKey: z.string().max(200).optional(),
  /**
   * What the document's printed text says where it disagrees with this exact reading (a PDF whose
   * embedded XML names another number or total): kept beside the value as a conflicting value.
   */
  printed: z.object({ number: z.string().min(1).max(200).optional(), total: MoneySchema.optional() }).optional(),
});
export type Detection = z.infer<typeof DetectionSchema>;
