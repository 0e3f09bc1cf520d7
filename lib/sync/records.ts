/**
 * What a team database holds, one CouchDB document per replicated thing:
 *
 *   doc:<id>          a ledger document, sightings and all       { type: 'document', body: Document }
 *   exception:<id>    a clerk's decision on an exception         { type: 'decision', body: MatchException }
 *   settings:match    the match tolerances                       { type: 'settings', body: MatchSettings }
 *   formats:custom    the custom number formats                  { type: 'formats', body: StoredFormat[] }
 *
 * each with `by` (the clerk who wrote that revision) and `at`. Anything read from the server is
 * parsed here with zod before it can reach the ledger: wrong shapes, oversized fields and markup in
 * names are refused with a reason, and the ledger never sees them.
 */
import { z } from 'zod';
import { CustomFormatSchema, validateCustomFormat } from '@/lib/detect/custom';
import { DocumentSchema, NumberKeySchema, RecordIdSchema, SightingSchema, TimestampSchema } from '@/lib/model/document';
import { MatchExceptionSchema } from '@/lib/model/exception';
import { MatchSettingsSchema } from '@/lib/model/settings';

export const SETTINGS_KEY = 'settings:match';
export const FORMATS_KEY = 'formats:custom';

/** Past this a record is refused whole: no real document comes near (500 sightings are ~300 KB). */
export const MAX_RECORD_CHARS = 1_000_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const MARKUP = /<\s*[a-z!/?]/i;

/** A name shown to clerks (vendor, number, clerk): plain text, no markup, no control characters. */
function plain(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'contains control characters')
    .refine((s) => !MARKUP.test(s), 'contains markup');
}

const TeamSightingSchema = SightingSchema.extend({ clerk: plain(200).optional() });

const TeamDocumentSchema = DocumentSchema.extend({
  number: plain(200).pipe(z.string().min(1)),
  vendor: plain(300).optional(),
  sightings: z.array(TeamSightingSchema).max(500).default([]),
  lines: DocumentSchema.shape.lines.unwrap().max(2000).default([]),
  poKeys: z.array(NumberKeySchema).max(200).default([]),
  confirmed: z.array(z.string().max(50)).max(50).default([]),
  conflicts: DocumentSchema.shape.conflicts.unwrap().max(200).default([]),
  urls: z.array(z.string().max(4096)).max(500).optional(),
  editedBy: z.record(z.string().max(50), z.object({ by: plain(200), at: TimestampSchema })).optional(),
});

const DecisionSchema = MatchExceptionSchema.extend({
  docIds: z.array(RecordIdSchema).max(500),
  message: z.string().max(4000),
}).refine(
  (e) => ['accepted', 'not_duplicate', 'linked'].includes(e.resolution?.kind ?? '') || e.state === 'open',
  'is not a clerk’s decision',
);

const TeamSettingsSchema = MatchSettingsSchema.refine(
  (s) => Object.keys(s.vendorOverrides).length <= 10_000,
  'has more than 10,000 vendor overrides',
);

export const TeamFormatSchema = CustomFormatSchema.extend({
  vendor: plain(300).optional(),
  sample: z.string().max(200).optional(),
});
export type TeamFormat = z.infer<typeof TeamFormatSchema>;
const TeamFormatsSchema = z
  .array(TeamFormatSchema)
  .max(500)
  .superRefine((formats, ctx) => {
    formats.forEach((f, i) => {
      // The same check the options page makes: no pattern that could hang the page's scanner.
      const v = validateCustomFormat(f);
      if (!v.ok) ctx.addIssue({ code: 'custom', path: [i, 'pattern'], message: v.error });
    });
  });

const Meta = { by: plain(200).optional(), at: TimestampSchema.optional() };

export type TeamRecord =
  | { kind: 'document'; key: string; by?: string; at?: string; body: z.infer<typeof TeamDocumentSchema> }
  | { kind: 'decision'; key: string; by?: string; at?: string; body: z.infer<typeof DecisionSchema> }
  | { kind: 'settings'; key: string; by?: string; at?: string; body: z.infer<typeof TeamSettingsSchema> }
  | { kind: 'formats'; key: string; by?: string; at?: string; body: TeamFormat[] };

function issueText(error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return 'unexpected content';
  return `${i.path.length ? `${i.path.join('.')} ` : ''}${i.message}`.slice(0, 300);
}

/** Parses one CouchDB document from the server; a refusal says why, for the Team panel. */
export function parseRecord(raw: unknown): { ok: true; record: TeamRecord } | { ok: false; reason: string } {
  if (!raw || typeof raw !== 'object') return { ok: false, reason: 'not an object' };
  const id = (raw as { _id?: unknown })._id;
  if (typeof id !== 'string' || id.length > 300) return { ok: false, reason: 'no usable _id' };
  let size: number;
  try {
    size = JSON.stringify(raw).length;
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (size > MAX_RECORD_CHARS) return { ok: false, reason: `too large (${size.toLocaleString('en-US')} characters)` };
  const r = raw as { type?: unknown; body?: unknown; by?: unknown; at?: unknown };
  const meta = z.object(Meta).safeParse({ by: r.by, at: r.at });
  if (!meta.success) return { ok: false, reason: issueText(meta.error) };
  const m = { key: id, ...(meta.data.by ? { by: meta.data.by } : {}), ...(meta.data.at ? { at: meta.data.at } : {}) };
  const sep = id.indexOf(':');
  const prefix = sep > 0 ? id.slice(0, sep) : id;
  const rest = id.slice(sep + 1);
  if (prefix === 'doc' && r.type === 'document') {
    const p = TeamDocumentSchema.safeParse(r.body);
    if (!p.success) return { ok: false, reason: issueText(p.error) };
    if (p.data.id !== rest) return { ok: false, reason: 'its id does not match its address' };
    return { ok: true, record: { kind: 'document', ...m, body: p.data } };
  }
  if (prefix === 'exception' && r.type === 'decision') {
    const p = DecisionSchema.safeParse(r.body);
    if (!p.success) return { ok: false, reason: issueText(p.error) };
    if (p.data.id !== rest) return { ok: false, reason: 'its id does not match its address' };
    return { ok: true, record: { kind: 'decision', ...m, body: p.data } };
  }
  if (id === SETTINGS_KEY && r.type === 'settings') {
    const p = TeamSettingsSchema.safeParse(r.body);
    if (!p.success) return { ok: false, reason: issueText(p.error) };
    return { ok: true, record: { kind: 'settings', ...m, body: p.data } };
  }
  if (id === FORMATS_KEY && r.type === 'formats') {
    const p = TeamFormatsSchema.safeParse(r.body);
    if (!p.success) return { ok: false, reason: issueText(p.error) };
    return { ok: true, record: { kind: 'formats', ...m, body: p.data } };
  }
  return { ok: false, reason: 'not a Tieout record' };
}

/** Canonical JSON (sorted keys, no undefined), so equal content always hashes equal. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** 32 hex characters of SHA-256, the length of a CouchDB revision id. */
export async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += (bytes[i] as number).toString(16).padStart(2, '0');
  return hex;
}
