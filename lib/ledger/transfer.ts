/**
 * Getting data out and back: CSV of documents (with balance and status) and of exceptions for the
 * ERP or a spreadsheet, and a JSON backup of the whole ledger that a restore brings back exactly.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { poBalance } from '@/lib/match';
import { type Document, DocumentSchema, NumberKeySchema, TimestampSchema } from '@/lib/model/document';
import { type MatchException, MatchExceptionSchema } from '@/lib/model/exception';
import { decimalString } from '@/lib/model/money';
import { DB_NAME, type IgnoredRow, SCHEMA_VERSION, type SettingRow, sightingUrls, type TieoutDB } from './db';
import { LedgerError } from './errors';
import { spreadsheetCell } from './spreadsheet-cell';
import { isTied } from './status';

export const BACKUP_FORMAT = 'tieout-backup';

/** Backups larger than this are refused before parsing. */
export const MAX_BACKUP_CHARS = 512 * 1024 * 1024;

const KIND_LABEL: Record<Document['kind'], string> = {
  po: 'PO',
  invoice: 'Invoice',
  credit_note: 'Credit note',
  receipt: 'Receipt',
};

/** Every cell of every row goes through `spreadsheetCell`, so no column depends on where its data came from. */
function toCsv(rows: (string | undefined)[][]): string {
  return Papa.unparse(
    rows.map((row) => row.map(spreadsheetCell)),
    { newline: '\r\n' },
  );
}

function money(m: { minor: number; currency: string } | undefined): [string, string] {
  return m ? [decimalString(m), m.currency] : ['', ''];
}

function amount(minor: number, currency: string): string {
  return decimalString({ minor, currency });
}

export async function exportDocumentsCsv(db: TieoutDB): Promise<string> {
  const { docs, exceptions } = await db.transaction('r', [db.documents, db.exceptions], async () => ({
    docs: await db.documents.toArray(),
    exceptions: await db.exceptions.where('state').equals('open').toArray(),
  }));
  const byPoKey = new Map<string, Document[]>();
  const poKeys = new Set<string>();
  for (const d of docs) {
    if (d.kind === 'po') poKeys.add(d.key);
    else
      for (const k of d.poKeys) {
        const list = byPoKey.get(k);
        if (list) list.push(d);
        else byPoKey.set(k, [d]);
      }
  }
  const referenced = new Set(byPoKey.keys());
  const openByDoc = new Map<string, MatchException[]>();
  for (const e of exceptions) {
    for (const id of e.docIds) openByDoc.set(id, [...(openByDoc.get(id) ?? []), e]);
  }
  const openByPo = new Map<string, MatchException[]>();
  for (const e of exceptions) if (e.poKey) openByPo.set(e.poKey, [...(openByPo.get(e.poKey) ?? []), e]);

  const header = [
    'Type',
    'Number',
    'Vendor',
    'Date',
    'Due Date',
    'Total',
    'Currency',
    'PO Numbers',
    'PO Status',
    'Ordered',
    'Received',
    'Invoiced',
    'Credited',
    'Remaining',
    'Status',
    'Open Exceptions',
    'Sightings',
    'Key',
    'Id',
  ];
  const rows: (string | undefined)[][] = [header];
  docs.sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : a.kind + a.key > b.kind + b.key ? 1 : 0));
  for (const d of docs) {
    const open = [
      ...new Map(
        [...(openByDoc.get(d.id) ?? []), ...(d.kind === 'po' ? (openByPo.get(d.key) ?? []) : [])].map((e) => [e.id, e]),
      ).values(),
    ];
    let balance: string[] = ['', '', '', '', ''];
    if (d.kind === 'po') {
      const b = poBalance(d, byPoKey.get(d.key) ?? []);
      balance = [b.ordered, b.received, b.invoiced, b.credited, b.remaining].map((x) => amount(x.amount, b.currency));
    }
    const tied = isTied(d, poKeys, referenced);
    const status = open.length > 0 ? 'exception' : tied ? 'tied' : 'unknown';
    rows.push([
      KIND_LABEL[d.kind],
      d.number,
      d.vendor,
      d.date ?? '',
      d.dueDate ?? '',
      ...money(d.total),
      d.poKeys.join(' '),
      d.status ?? '',
      ...balance,
      status,
      open.map((e) => e.message).join(' | '),
      String(d.sightings.length),
      d.key,
      d.id,
    ]);
  }
  return toCsv(rows);
}

export async function exportExceptionsCsv(db: TieoutDB): Promise<string> {
  const { docs, exceptions } = await db.transaction('r', [db.documents, db.exceptions], async () => ({
    docs: await db.documents.toArray(),
    exceptions: await db.exceptions.toArray(),
  }));
  const numbers = new Map(docs.map((d) => [d.id, `${KIND_LABEL[d.kind]} ${d.number}`]));
  exceptions.sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : a.id < b.id ? -1 : 1));
  const rows: (string | undefined)[][] = [
    ['Type', 'Severity', 'State', 'Message', 'PO', 'Documents', 'Opened', 'Resolved', 'Resolution', 'Note', 'By', 'Id'],
  ];
  for (const e of exceptions) {
    rows.push([
      e.type,
      e.severity,
      e.state,
      e.message,
      e.poKey,
      e.docIds.map((id) => numbers.get(id) ?? id).join(' | '),
      e.openedAt,
      e.resolvedAt ?? '',
      e.resolution?.kind ?? '',
      e.resolution?.note,
      e.resolution?.by,
      e.id,
    ]);
  }
  return toCsv(rows);
}

const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.number().int().min(1),
  database: z.string().optional(),
  exportedAt: TimestampSchema,
  documents: z.array(DocumentSchema),
  exceptions: z.array(MatchExceptionSchema),
  settings: z.array(z.object({ id: z.string().min(1), value: z.unknown() })).default([]),
  ignored: z
    .array(
      z
        .object({ id: z.string(), key: NumberKeySchema, origin: z.url(), createdAt: TimestampSchema })
        .refine((row) => row.id === `${row.origin} ${row.key}`, { message: 'an id that is its origin and key' }),
    )
    .default([]),
});
export type Backup = z.infer<typeof BackupSchema>;

export async function backupJson(db: TieoutDB, now: Date): Promise<string> {
  const backup = await db.transaction('r', [db.documents, db.exceptions, db.settings, db.ignored], async () => ({
    format: BACKUP_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    database: DB_NAME,
    exportedAt: now.toISOString(),
    documents: await db.documents.toArray(),
    exceptions: await db.exceptions.toArray(),
    settings: (await db.settings.toArray()) as SettingRow[],
    ignored: (await db.ignored.toArray()) as IgnoredRow[],
  }));
  return JSON.stringify(backup);
}

/** Parses and checks a backup; every problem is a sentence, and nothing is written here. */
export function parseBackup(text: string): Backup {
  if (text.length > MAX_BACKUP_CHARS)
    throw new LedgerError('The backup file is too large to restore. Nothing was changed.');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const why = error instanceof Error ? ` (${error.message})` : '';
    throw new LedgerError(
      `The backup is not valid JSON${why}; the file may be truncated or damaged. Nothing was changed.`,
    );
  }
  const head = z.object({ format: z.string(), schemaVersion: z.number() }).safeParse(raw);
  if (!head.success || head.data.format !== BACKUP_FORMAT) {
    throw new LedgerError(
      'This file is not a Tieout backup (it has no "format": "tieout-backup"). Nothing was changed.',
    );
  }
  if (head.data.schemaVersion > SCHEMA_VERSION) {
    throw new LedgerError(
      `This backup was written by a newer Tieout (ledger schema ${head.data.schemaVersion}); this one reads up to schema ${SCHEMA_VERSION}. Update Tieout, then restore it. Nothing was changed.`,
    );
  }
  const parsed = BackupSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new LedgerError(
      `The backup is damaged${where}: ${issue?.message ?? 'unexpected content'}. Nothing was changed.`,
    );
  }
  const ids = new Set<string>();
  for (const d of parsed.data.documents) {
    if (ids.has(d.id))
      throw new LedgerError(`The backup is damaged: document ${d.id} appears twice. Nothing was changed.`);
    ids.add(d.id);
  }
  return parsed.data;
}

/** Replaces the whole ledger with a backup, in one transaction: all of it or, on any error, none. */
export async function restoreJson(db: TieoutDB, text: string): Promise<{ documents: number; exceptions: number }> {
  const backup = parseBackup(text);
  // Backups of schema 1 lack the indexed `urls`; every version since keeps them beside the sightings.
  const documents = backup.documents.map((d) => (d.urls ? d : { ...d, urls: sightingUrls(d) }));
  await db.transaction('rw', [db.documents, db.exceptions, db.settings, db.ignored, db.trash], async () => {
    for (const t of [db.documents, db.exceptions, db.settings, db.ignored, db.trash]) await t.clear();
    await db.documents.bulkAdd(documents);
    await db.exceptions.bulkAdd(backup.exceptions);
    await db.settings.bulkAdd(backup.settings);
    await db.ignored.bulkAdd(backup.ignored);
  });
  return { documents: documents.length, exceptions: backup.exceptions.length };
}
