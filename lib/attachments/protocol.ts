/**
 * What crosses between the contexts that read attachments: the background asks the reader page
 * (Chrome's offscreen document, an iframe of the background page in Firefox) to read a file at an
 * address, and gets back the reading, parsed with these schemas on arrival.
 */
import { z } from 'zod';
import { DetectionSchema } from '@/lib/model/detection';

/** Background → reader page. */
export const ReaderRequestSchema = z.object({
  type: z.literal('reader.read'),
  id: z.string().min(1).max(100),
  url: z.string().min(1).max(4096),
  name: z.string().max(300).optional(),
});
export type ReaderRequest = z.infer<typeof ReaderRequestSchema>;

/** A reading as it travels: what the ledger records and what the clerk is told. */
export const ReadingSchema = z.object({
  file: z.string().max(300),
  via: z.enum(['pdf', 'xml']),
  detections: z.array(DetectionSchema).max(5000),
  pages: z.number().int().min(0).optional(),
  notes: z.array(z.string().max(1000)).max(50),
  /** The e-invoice's syntax and the file it came from ("CII (Factur-X …)", "factur-x.xml"). */
  einvoice: z.object({ syntax: z.string().max(200), source: z.string().max(300) }).optional(),
});
export type Reading = z.infer<typeof ReadingSchema>;

export const ReaderReplySchema = z.union([
  z.object({ ok: z.literal(true), reading: ReadingSchema }),
  z.object({ ok: z.literal(false), error: z.string().max(2000) }),
]);
export type ReaderReply = z.infer<typeof ReaderReplySchema>;

/** Reader page → background → the tab that asked: pages read so far. */
export const PROGRESS_MESSAGE = 'tieout.attachment.progress';
