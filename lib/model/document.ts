import { z } from 'zod';
import { MoneySchema } from './money';

export const DOC_KINDS = ['po', 'invoice', 'credit_note', 'receipt'] as const;
export const DocKindSchema = z.enum(DOC_KINDS);
export type DocKind = z.infer<typeof DocKindSchema>;

/** `YYYY-MM-DD`, the only date form stored. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/**
 * A moment as `Date.toISOString()` writes it. Stored and restored timestamps are only ever this, so
 * a backup whose `seenAt` or `openedAt` is anything else (a formula, a sentence) was not written by us.
 */
export const TimestampSchema = z.iso.datetime({ offset: true, message: 'a time as an ISO 8601 timestamp' });

/**
 * A record id: letters or digits first, then letters, digits and `_ . : , -` (UUIDs, import ids and
 * exception ids, which join a type, a PO key and doc ids with `:` and `,`). Nothing a spreadsheet or
 * a page could read as something else.
 */
export const RecordIdSchema = z
  .string()
  .max(1000)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:,-]*$/, 'an id of letters, digits and _ . : , -');

/** A number key as `numberKey` makes it (lib/model/keys.ts): upper-case letters and digits only. */
export const NumberKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Z0-9]+$/, 'a number key of capital letters and digits');

/** How a sighting reached the ledger; `pdf` and `xml` are files the clerk asked Tieout to read. */
export const ViaSchema = z.enum(['scan', 'form', 'selection', 'import', 'manual', 'restore', 'pdf', 'xml']);
export type Via = z.infer<typeof ViaSchema>;

/** Where and when a number was seen. A new sighting never replaces an old one. */
export const SightingSchema = z.object({
  url: z.string().max(4096),
  title: z.string().max(1024),
  seenAt: TimestampSchema,
  snippet: z.string().max(512),
  confidence: z.number().min(0).max(1),
  via: ViaSchema,
  /** The file a `pdf` or `xml` sighting was read from (its name, no path), and the attachment inside it. */
  file: z.string().max(300).optional(),
  /** The clerk who saw it (the team user name), when a team ledger is configured. */
  clerk: z.string().max(200).optional(),
});
export type Sighting = z.infer<typeof SightingSchema>;

export const LineSchema = z.object({
  sku: z.string().optional(),
  description: z.string().optional(),
  quantity: z.number().optional(),
  /** Unit of the quantity (UN/ECE recommendation 20 code, `C62`, `HUR`), when the source states it. */
  unit: z.string().max(20).optional(),
  unitPrice: MoneySchema.optional(),
  amount: MoneySchema.optional(),
  /** The line of the PO this line bills (an e-invoice's BT-132), as the PO numbers its lines. */
  poLine: z.string().max(50).optional(),
});
export type Line = z.infer<typeof LineSchema>;

/** A value that disagreed with the one kept; shown to the clerk, never silently dropped. */
export const ConflictSchema = z.object({
  field: z.string(),
  value: z.unknown(),
  seenAt: TimestampSchema,
  via: ViaSchema,
  url: z.string().optional(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const DocumentSchema = z.object({
  id: RecordIdSchema,
  kind: DocKindSchema,
  number: z.string().min(1).max(200),
  key: NumberKeySchema,
  looseKey: z
    .string()
    .max(200)
    .regex(/^[A-Z0-9]*$/, 'a loose key of capital letters and digits'),
  vendor: z.string().max(300).optional(),
  /** As `vendorKey` makes it: capital letters, digits and single spaces. */
  vendorKey: z
    .string()
    .max(300)
    .regex(/^[A-Z0-9 ]*$/, 'a vendor key of capital letters, digits and spaces')
    .optional(),
  date: IsoDateSchema.optional(),
  dueDate: IsoDateSchema.optional(),
  total: MoneySchema.optional(),
  lines: z.array(LineSchema).default([]),
  /** Invoices, receipts and credit notes: the PO keys they reference. */
  poKeys: z.array(NumberKeySchema).default([]),
  /** Credit notes: the key of the invoice they correct. */
  correctsKey: NumberKeySchema.optional(),
  /** Purchase orders: open or closed. */
  status: z.enum(['open', 'closed']).optional(),
  /** Purchase orders: 2-way or 3-way match; unset means the global default. */
  matchMode: z.enum(['2way', '3way']).optional(),
  sightings: z.array(SightingSchema).default([]),
  /** Fields whose value a person confirmed or an import supplied; detection never overwrites them. */
  confirmed: z.array(z.string()).default([]),
  conflicts: z.array(ConflictSchema).default([]),
  /**
   * Who supplied each confirmed field: a person ('manual') outranks an import, which outranks
   * detection. Absent on documents that only detection has touched.
   */
  sources: z.record(z.string(), z.enum(['manual', 'import'])).optional(),
  /** Per field a clerk set by hand: who and when (team ledger attribution, and the names in a `sync_conflict`). */
  editedBy: z.record(z.string(), z.object({ by: z.string().max(200), at: TimestampSchema })).optional(),
  /** The distinct URLs of the sightings, kept beside them so the ledger can index "seen on this page". */
  urls: z.array(z.string()).optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Document = z.infer<typeof DocumentSchema>;
