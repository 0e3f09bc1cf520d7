/**
 * The ledger service: every write the extension makes goes through here, each in one Dexie
 * read-write transaction that merges, re-runs matching for the affected PO group only, and stores
 * the exceptions — so an error or a stopped worker leaves the ledger as it was before the call.
 */
import Dexie from 'dexie';
import { z } from 'zod';
import {
  affectedPoKeys,
  creditNotePoKeys,
  type GroupQuery,
  groupQuery,
  importFlipped,
  importMayHaveFlipped,
  isImportedPo,
  type MatchOutput,
  type PoBalance,
  type PoFile,
  poBalance,
  poFileQuestions,
  rematch,
  reopenException as reopenException_,
  resolveException,
  vendorFileFlipped,
  vendorsOfChangedPos,
} from '@/lib/match';
import { isEstablishedPo } from '@/lib/match/established';
import type { StatusCode } from '@/lib/match/status';
import type { Detection } from '@/lib/model/detection';
import { DOC_KINDS, type DocKind, type Document, IsoDateSchema, type Sighting, type Via } from '@/lib/model/document';
import type { ExceptionType, MatchException, Resolution, Severity } from '@/lib/model/exception';
import { looseKey, numberKey, vendorKey as toVendorKey } from '@/lib/model/keys';
import { type Money, MoneySchema } from '@/lib/model/money';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, MatchSettingsSchema } from '@/lib/model/settings';
import { whereAnyOf } from './any-of';
import { type CsvInput, type CsvMapping, type ParsedCsv, parseCsvFile, type RowError } from './csv';
import type { TieoutDB } from './db';
import { LedgerError } from './errors';
import { type LookupHit, lookupDocuments, sightingsForUrl } from './lookup';
import { findSameDocument, type Incoming, mergeIncoming, withoutUndefined } from './merge';
import { type RecordView, readRecord } from './reads';
import { readStatuses } from './statuses';
import { applyTeamBatch, rematchAll, type TeamBatch, type TeamBatchOptions } from './team';
import { backupJson, exportDocumentsCsv, exportExceptionsCsv, restoreJson } from './transfer';

/** A printed value that disagrees with an exact reading (a PDF's embedded XML), as values to keep beside it. */
function printedConflicts(d: Detection): Incoming['conflicts'] {
  const out: NonNullable<Incoming['conflicts']> = [];
  if (d.printed?.number && d.printed.number !== d.number) out.push({ field: 'number', value: d.printed.number });
  if (d.printed?.total) out.push({ field: 'total', value: d.printed.total });
  return out.length > 0 ? out : undefined;
}

export interface LedgerDeps {
  now: () => Date;
  newId: () => string;
  /**
   * The clerk working in this browser (the team ledger's user name), stamped on sightings, edits and
   * resolutions; absent with no team configured.
   */
  clerk?: () => Promise<string | undefined>;
}

export interface SightingSource {
  url: string;
  title: string;
  via?: Via;
  /** The file a `pdf`/`xml` reading came from (its name). */
  file?: string;
}

export type NumberState = 'tied' | 'exception' | 'unknown' | 'ignored';

export interface ExceptionSummary {
  id: string;
  type: ExceptionType;
  severity: Severity;
  message: string;
}

/** What the overlay and popup show for one number. */
export interface NumberStatus {
  kind: DocKind;
  key: string;
  number: string;
  /** The page mark. */
  status: NumberState;
  /** The status in AP words (lib/match/status.ts); absent for a number the ledger does not hold or ignores. */
  code?: StatusCode;
  label?: string;
  /** What the hover card leads with ("Over-billed by £768.00", "PO 4500019123 not on file"). */
  headline?: string;
  docId?: string;
  vendor?: string;
  total?: Money;
  exceptions: ExceptionSummary[];
  /** The open exception messages, for the hover card. */
  messages: string[];
}

export type { LookupHit, LookupMatch } from './lookup';
export type { RecordView } from './reads';

export interface ImportProgress {
  phase: 'reading' | 'writing' | 'matching' | 'done';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Write the valid rows when some rows have errors (otherwise nothing is written). */
  allowPartial?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Aborting cancels the import; nothing is written. */
  signal?: AbortSignal;
  /** The file's name, kept as the documents' provenance. */
  fileName?: string;
  localeHint?: string;
  delimiter?: string;
}

export interface ImportResult {
  rows: number;
  importedRows: number;
  documents: number;
  created: number;
  updated: number;
  skipped: RowError[];
}

/** An import refused because of row errors; `errors` lists every one with its line. */
export class ImportRowsError extends LedgerError {
  constructor(
    message: string,
    readonly errors: RowError[],
  ) {
    super(message);
  }
}

export const EDITABLE_FIELDS = {
  number: z.string().trim().min(1).max(200),
  vendor: z.string().trim().min(1).max(300),
  date: IsoDateSchema,
  dueDate: IsoDateSchema,
  total: MoneySchema,
  poKeys: z.array(z.string().min(1).max(200)).max(50),
  correctsKey: z.string().min(1).max(200),
  status: z.enum(['open', 'closed']),
  matchMode: z.enum(['2way', '3way']),
} as const;
export type EditableField = keyof typeof EDITABLE_FIELDS;

/** Past this many changed documents a write re-matches the whole ledger instead of PO groups. */
const FULL_REMATCH_AT = 2000;
const WRITE_CHUNK = 5000;
const TRASH_DAYS = 7;
const SETTINGS_ID = 'match';

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function kindKey(kind: string, key: string): string {
  return `${kind}\u0000${key}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function byUpdatedDesc(a: Document, b: Document): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

function summary(e: MatchException): ExceptionSummary {
  return { id: e.id, type: e.type, severity: e.severity, message: e.message };
}

function aborted(): LedgerError {
  return new LedgerError('The import was cancelled. Nothing was imported.');
}

export function createLedger(db: TieoutDB, deps: LedgerDeps) {
  const nowIso = () => deps.now().toISOString();
  const clerkName = async (): Promise<string | undefined> => (await deps.clerk?.())?.slice(0, 200) || undefined;
  const allTables = [db.documents, db.exceptions, db.settings, db.ignored, db.trash];

  async function readSettings(): Promise<MatchSettings> {
    const row = await db.settings.get(SETTINGS_ID);
    const parsed = MatchSettingsSchema.safeParse(row?.value);
    return parsed.success ? parsed.data : DEFAULT_MATCH_SETTINGS;
  }

  /** The documents and stored exceptions a group query names (lib/match/index.ts explains the query). */
  async function loadGroup(q: GroupQuery): Promise<{ docs: Document[]; existing: MatchException[] }> {
    const none: Promise<Document[]> = Promise.resolve([]);
    // Every read is queued at once: IndexedDB answers them in one round instead of one after another.
    const lists = await Promise.all([
      q.poKeys.length > 0
        ? whereAnyOf(
            db.documents,
            '[kind+key]',
            q.poKeys.map((k) => ['po', k]),
          )
        : none,
      q.poKeys.length > 0 ? whereAnyOf(db.documents, 'poKeys', q.poKeys) : none,
      q.docKeys.length > 0
        ? whereAnyOf(
            db.documents,
            '[kind+key]',
            q.docKeys.map((d) => [d.kind, d.key]),
          )
        : none,
      q.vendorKeys.length > 0 ? whereAnyOf(db.documents, 'vendorKey', q.vendorKeys) : none,
      // Invoices of the same amount within a week, from any vendor (possible duplicates across vendors).
      ...q.totals.map((t) =>
        db.documents
          .where('total.minor')
          .equals(t.minor)
          .filter(
            (d) =>
              d.kind === 'invoice' &&
              d.total?.currency === t.currency &&
              !!d.date &&
              d.date >= t.from &&
              d.date <= t.to,
          )
          .toArray(),
      ),
    ]);
    const docs = new Map<string, Document>();
    for (const list of lists) for (const d of list) docs.set(d.id, d);
    const ids = [...new Set([...docs.keys(), ...q.docIds])];
    // Exceptions are few beside documents: reading them all in one request beats a request per
    // loaded document, and a superset is what rematch asks for.
    if ((await db.exceptions.count()) <= Math.max(2000, ids.length * 4)) {
      const wanted = new Set(ids);
      const poKeys = new Set(q.poKeys);
      const existing = (await db.exceptions.toArray()).filter(
        (e) => (e.poKey !== undefined && poKeys.has(e.poKey)) || e.docIds.some((id) => wanted.has(id)),
      );
      return { docs: [...docs.values()], existing };
    }
    const [byPo, byDoc] = await Promise.all([
      q.poKeys.length > 0 ? whereAnyOf(db.exceptions, 'poKey', q.poKeys) : Promise.resolve([]),
      ids.length > 0 ? whereAnyOf(db.exceptions, 'docIds', ids) : Promise.resolve([]),
    ]);
    const existing = new Map<string, MatchException>();
    for (const e of [...byPo, ...byDoc]) existing.set(e.id, e);
    return { docs: [...docs.values()], existing: [...existing.values()] };
  }

  /** Whether the vendor has an established PO stored, other than the documents `except` names. */
  async function vendorHasPoOnFile(vendorKey: string, except?: ReadonlySet<string>): Promise<boolean> {
    const found = await db.documents
      .where('[vendorKey+kind]')
      .equals([vendorKey, 'po'])
      .filter((d) => !except?.has(d.id) && isEstablishedPo(d))
      .first();
    return found !== undefined;
  }

  /** Whether an imported PO is stored, other than the documents `except` names (imports sight `import:` URLs). */
  async function anyImportedPo(except?: ReadonlySet<string>): Promise<boolean> {
    const found = await db.documents
      .where('urls')
      .startsWith('import:')
      .filter((d) => !except?.has(d.id) && isImportedPo(d))
      .first();
    return found !== undefined;
  }

  /** What the whole ledger says is on file, for the vendors a scoped run over `docs` asks about (lib/match/po-file.ts). */
  async function poFileFor(docs: Document[]): Promise<PoFile> {
    const asked = poFileQuestions(docs);
    const found = await Promise.all(asked.vendorKeys.map((v) => vendorHasPoOnFile(v)));
    const vendors = new Set(asked.vendorKeys.filter((_, i) => found[i]));
    // Only a reference with no vendor, or from a vendor with no PO on file, depends on an import.
    const imported = asked.vendorless || found.some((f) => !f) ? await anyImportedPo() : false;
    return { imported, vendors };
  }

  /**
   * What a change to POs does to the expectations of other documents: the first imported PO (or
   * the last one gone) re-decides the whole ledger; a vendor's first PO on file (or its last) the
   * PO keys that vendor's documents reference.
   */
  async function fileChange(changed: Document[], before: Document[]): Promise<{ all: boolean; poKeys: string[] }> {
    const changedIds = new Set(changed.map((d) => d.id));
    if (importMayHaveFlipped(changed, before) && importFlipped(await anyImportedPo(changedIds), changed, before)) {
      return { all: true, poKeys: [] };
    }
    const poKeys: string[] = [];
    for (const v of vendorsOfChangedPos(changed, before)) {
      if (!vendorFileFlipped(v, await vendorHasPoOnFile(v, changedIds), changed, before)) continue;
      const theirs = await db.documents
        .where('vendorKey')
        .equals(v)
        .filter((d) => d.kind !== 'po')
        .toArray();
      for (const d of theirs) poKeys.push(...d.poKeys);
    }
    return { all: false, poKeys };
  }

  /**
   * Re-runs matching for the PO groups the change touches and stores what changed. `before` holds
   * the previous versions of changed documents (their old PO keys may lose an invoice).
   */
  async function rematchAfter(
    changed: Document[],
    before: Document[],
    opts: { ledgerWasEmpty?: boolean; settings?: MatchSettings; pendingWrites?: Promise<unknown> } = {},
  ): Promise<MatchOutput> {
    const settings = opts.settings ?? (await readSettings());
    const now = nowIso();
    let out: MatchOutput;
    const bulk = changed.length + before.length >= FULL_REMATCH_AT;
    let file: { all: boolean; poKeys: string[] } = { all: false, poKeys: [] };
    if (!bulk) {
      await opts.pendingWrites;
      file = await fileChange(changed, before);
    }
    if (bulk || file.all) {
      // A bulk change touches most groups: one pass over the whole ledger is cheaper than thousands of
      // queries. Into an empty ledger the changed documents are the whole ledger, so matching runs
      // while IndexedDB is still writing them.
      if (opts.ledgerWasEmpty) {
        const existing = db.exceptions.toArray();
        out = rematch({ docs: changed, existing: await existing, settings, now, returns: 'exceptions' });
      } else {
        await opts.pendingWrites;
        const docs = await db.documents.toArray();
        const adopted = adoptCreditNotesIn(docs);
        if (adopted.length > 0) await db.documents.bulkPut(adopted);
        const byId = new Map(adopted.map((d) => [d.id, d]));
        out = rematch({
          docs: docs.map((d) => byId.get(d.id) ?? d),
          existing: await db.exceptions.toArray(),
          settings,
          now,
          returns: 'exceptions',
        });
      }
    } else {
      const poKeys = unique([...changed, ...before].flatMap(affectedPoKeys).concat(file.poKeys));
      const q = groupQuery(poKeys, changed);
      const adopted = await adoptCreditNotes(q.correctsKeys, changed);
      const docIds = unique([...q.docIds, ...adopted.map((d) => d.id)]);
      const { docs, existing } = await loadGroup({ ...q, docIds });
      out = rematch({
        docs,
        existing,
        settings,
        now,
        scope: { poKeys: q.poKeys, docIds },
        returns: 'exceptions',
        poFile: await poFileFor(docs),
      });
    }
    await opts.pendingWrites;
    if (out.upserts.length > 0) await db.exceptions.bulkPut(out.upserts);
    return out;
  }

  /**
   * Credit notes that name only the invoice they correct take that invoice's PO keys, so the PO
   * group loads them from then on (lib/match: `creditNotePoKeys`). Returns the ones updated.
   */
  function adoptCreditNotesIn(docs: Document[]): Document[] {
    const invoicesByKey = new Map<string, Document[]>();
    for (const d of docs) {
      if (d.kind !== 'invoice') continue;
      const list = invoicesByKey.get(d.key);
      if (list) list.push(d);
      else invoicesByKey.set(d.key, [d]);
    }
    const adopted: Document[] = [];
    for (const d of docs) {
      if (d.kind !== 'credit_note' || !d.correctsKey || d.poKeys.length > 0) continue;
      const poKeys = creditNotePoKeys(d, invoicesByKey.get(d.correctsKey) ?? []);
      if (poKeys.length > 0) adopted.push({ ...d, poKeys });
    }
    return adopted;
  }

  async function adoptCreditNotes(invoiceKeys: string[], changed: Document[]): Promise<Document[]> {
    if (invoiceKeys.length === 0) return [];
    const credits = (await whereAnyOf(db.documents, 'correctsKey', invoiceKeys)).filter(
      (d) => d.kind === 'credit_note' && d.poKeys.length === 0,
    );
    if (credits.length === 0) return [];
    const invoices = await whereAnyOf(
      db.documents,
      '[kind+key]',
      invoiceKeys.map((k) => ['invoice', k]),
    );
    // The newest version of each document: what is stored, overridden by what this write changed.
    const latest = new Map<string, Document>();
    for (const d of [...invoices, ...credits, ...changed]) latest.set(d.id, d);
    const creditIds = new Set(credits.map((c) => c.id));
    const adopted = adoptCreditNotesIn([...latest.values()]).filter((d) => creditIds.has(d.id));
    if (adopted.length > 0) await db.documents.bulkPut(adopted);
    return adopted;
  }

  interface Applied {
    /** The stored version of the document each incoming ended in, in order. */
    results: Document[];
    changed: Document[];
    before: Document[];
    created: number;
    updated: number;
    /** Settles when every document is written (already settled unless `deferWrites`). */
    written: Promise<unknown>;
  }

  /** Merges incoming documents with what is stored and writes them; the caller holds the transaction. */
  async function applyIncoming(
    incomings: Incoming[],
    opts: {
      ledgerEmpty: boolean;
      oneSightingPerDoc?: boolean;
      /** Return before the writes complete (the caller awaits `written`), to overlap them with matching. */
      deferWrites?: boolean;
      onProgress?: (p: ImportProgress) => void;
    },
  ): Promise<Applied> {
    const now = nowIso();
    const byKindKey = new Map<string, Document[]>();
    const wanted = unique(incomings.map((i) => kindKey(i.kind, i.key)));
    if (!opts.ledgerEmpty && wanted.length > 0) {
      const stored =
        wanted.length >= FULL_REMATCH_AT
          ? await db.documents.toArray()
          : await whereAnyOf(
              db.documents,
              '[kind+key]',
              unique(incomings.map((i) => kindKey(i.kind, i.key))).map((k) => k.split('\u0000')),
            );
      for (const d of stored) {
        const k = kindKey(d.kind, d.key);
        const list = byKindKey.get(k);
        if (list) list.push(d);
        else byKindKey.set(k, [d]);
      }
    }
    const before = new Map<string, Document>();
    const finals = new Map<string, Document>();
    const createdIds = new Set<string>();
    const results: Document[] = [];
    for (const inc of incomings) {
      const k = kindKey(inc.kind, inc.key);
      const list = byKindKey.get(k) ?? [];
      const same = findSameDocument(list, inc);
      if (same && !finals.has(same.id)) before.set(same.id, same);
      const { doc, created } = mergeIncoming(same, inc, now, deps.newId, {
        withSighting: !(opts.oneSightingPerDoc && same && finals.has(same.id)),
      });
      if (created) createdIds.add(doc.id);
      byKindKey.set(k, same ? list.map((d) => (d.id === doc.id ? doc : d)) : [...list, doc]);
      finals.set(doc.id, doc);
      results.push(doc);
    }

    // A credit note that names only the invoice it corrects joins that invoice's PO groups.
    const orphanCredits = [...finals.values()].filter(
      (d) => d.kind === 'credit_note' && d.correctsKey && d.poKeys.length === 0,
    );
    if (orphanCredits.length > 0) {
      const keys = unique(orphanCredits.map((c) => c.correctsKey as string));
      const invoices = new Map<string, Document>();
      for (const k of keys) for (const d of byKindKey.get(kindKey('invoice', k)) ?? []) invoices.set(d.id, d);
      if (!opts.ledgerEmpty) {
        for (const d of await whereAnyOf(
          db.documents,
          '[kind+key]',
          keys.map((k) => ['invoice', k]),
        )) {
          if (!invoices.has(d.id)) invoices.set(d.id, d);
        }
      }
      for (const credit of orphanCredits) {
        const poKeys = creditNotePoKeys(credit, [...invoices.values()]);
        if (poKeys.length > 0) finals.set(credit.id, { ...credit, poKeys });
      }
    }

    const changed = [...finals.values()];
    // Every chunk is queued at once, so IndexedDB never waits for JavaScript between chunks; progress
    // is reported as chunks land. Cancelling aborts the transaction itself (see importCsv).
    let done = 0;
    const chunks: Promise<unknown>[] = [];
    for (let i = 0; i < changed.length; i += WRITE_CHUNK) {
      const chunk = changed.slice(i, i + WRITE_CHUNK);
      chunks.push(
        db.documents.bulkPut(chunk).then(() => {
          done += chunk.length;
          opts.onProgress?.({ phase: 'writing', done, total: changed.length });
        }),
      );
    }
    const written = Promise.all(chunks);
    // Failures surface where `written` is awaited; this only keeps them from being reported as unhandled meanwhile.
    written.catch(() => undefined);
    if (!opts.deferWrites) await written;
    return {
      results: results.map((d) => finals.get(d.id) ?? d),
      changed,
      before: [...before.values()],
      created: createdIds.size,
      updated: changed.length - createdIds.size,
      written,
    };
  }

  /**
   * The ledger's word on each document, from lib/match/status.ts (the one status function every
   * view shows): `status` is the page mark (tied, exception, unknown), `code` and `label` the
   * status in AP words.
   */
  async function statusesOf(docs: Document[]): Promise<Map<string, NumberStatus>> {
    const out = new Map<string, NumberStatus>();
    for (const { doc, open, status } of await readStatuses(db, docs, { poBalance: () => poBalance })) {
      out.set(
        doc.id,
        withoutUndefined({
          kind: doc.kind,
          key: doc.key,
          number: doc.number,
          status: status.mark,
          code: status.code,
          label: status.label,
          headline: status.headline,
          docId: doc.id,
          vendor: doc.vendor,
          total: doc.total,
          exceptions: open.map(summary),
          messages: open.map((e) => e.message),
        }),
      );
    }
    return out;
  }

  function detectionToIncoming(d: Detection, sighting: Sighting): Incoming {
    const total = d.total ?? undefined;
    return withoutUndefined({
      kind: d.kind,
      number: d.number,
      key: d.key || numberKey(d.number),
      vendor: d.vendor?.trim() || undefined,
      date: d.issueDate,
      dueDate: d.dueDate,
      total,
      poKeys: d.poKeys?.map((k) => numberKey(k)).filter((k) => k.length > 0),
      lines: d.lines,
      correctsKey: d.correctsKey ? numberKey(d.correctsKey) || undefined : undefined,
      conflicts: printedConflicts(d),
      origin: sighting.via === 'manual' ? 'manual' : 'detected',
      sighting,
    } satisfies Incoming);
  }

  async function ignoredKeys(origin: string, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await db.ignored.bulkGet(unique(keys).map((k) => `${origin} ${k}`));
    return new Set(rows.filter((r) => r !== undefined).map((r) => r.key));
  }

  async function recordSightings(detections: Detection[], source: SightingSource): Promise<NumberStatus[]> {
    const seenAt = nowIso();
    const via = source.via ?? 'scan';
    const clerk = await clerkName();
    const origin = originOf(source.url);
    return db.transaction('rw', allTables, async () => {
      const [ignored, stored] = await Promise.all([
        ignoredKeys(
          origin,
          detections.map((d) => d.key),
        ),
        db.documents.count(),
      ]);
      const kept = detections.filter((d) => !ignored.has(d.key));
      const incomings = kept.map((d) =>
        detectionToIncoming(d, {
          url: source.url.slice(0, 4096),
          title: source.title.slice(0, 1024),
          seenAt,
          snippet: d.evidence.slice(0, 512),
          confidence: d.confidence,
          via,
          ...(source.file ? { file: source.file.slice(0, 300) } : {}),
          ...(clerk ? { clerk } : {}),
        }),
      );
      const ledgerEmpty = stored === 0;
      const applied = await applyIncoming(incomings, { ledgerEmpty, oneSightingPerDoc: true });
      if (applied.changed.length > 0)
        await rematchAfter(applied.changed, applied.before, { ledgerWasEmpty: ledgerEmpty });
      const statuses = await statusesOf(applied.changed);
      let next = 0;
      return detections.map((d): NumberStatus => {
        if (ignored.has(d.key)) {
          return { kind: d.kind, key: d.key, number: d.number, status: 'ignored', exceptions: [], messages: [] };
        }
        const doc = applied.results[next++];
        const status = doc ? statuses.get(doc.id) : undefined;
        return (
          status ?? { kind: d.kind, key: d.key, number: d.number, status: 'unknown', exceptions: [], messages: [] }
        );
      });
    });
  }

  /**
   * Status per number; with the page's URL, numbers the clerk marked "not a number" on that site
   * answer `ignored`, as they do when a page reports them.
   */
  async function statusesFor(keys: { kind?: DocKind; key: string }[], pageUrl?: string): Promise<NumberStatus[]> {
    return db.transaction('r', [db.documents, db.exceptions, db.ignored], async () => {
      const wantedKeys = unique(keys.map((k) => k.key));
      const ignored = pageUrl ? await ignoredKeys(originOf(pageUrl), wantedKeys) : new Set<string>();
      const docs = wantedKeys.length === 0 ? [] : await whereAnyOf(db.documents, 'key', wantedKeys);
      const statuses = await statusesOf(docs);
      const byKey = new Map<string, Document[]>();
      for (const d of docs) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
      return keys.map((k): NumberStatus => {
        if (ignored.has(k.key)) {
          return { kind: k.kind ?? 'po', key: k.key, number: k.key, status: 'ignored', exceptions: [], messages: [] };
        }
        const mine = (byKey.get(k.key) ?? []).filter((d) => !k.kind || d.kind === k.kind).sort(byUpdatedDesc);
        // Several documents share the key (other vendors, other kinds): the worst status speaks for the number.
        const all = mine.map((d) => statuses.get(d.id)).filter((s): s is NumberStatus => !!s);
        const worst = all.find((s) => s.status === 'exception') ?? all.find((s) => s.status === 'unknown') ?? all[0];
        return (
          worst ?? { kind: k.kind ?? 'po', key: k.key, number: k.key, status: 'unknown', exceptions: [], messages: [] }
        );
      });
    });
  }

  function lookup(query: string, limit = 20): Promise<LookupHit[]> {
    return lookupDocuments(db, query, limit);
  }

  function getRecord(docId: string): Promise<RecordView | undefined> {
    return readRecord(db, docId, nowIso());
  }

  async function documentsForPo(
    poKey: string,
  ): Promise<{ pos: Document[]; related: Document[]; balances: PoBalance[] }> {
    const key = numberKey(poKey);
    return db.transaction('r', db.documents, async () => {
      const pos = await db.documents.where('[kind+key]').equals(['po', key]).toArray();
      const related = await db.documents.where('poKeys').equals(key).toArray();
      return { pos, related, balances: pos.map((po) => poBalance(po, related)) };
    });
  }

  function recentSightingsForUrl(url: string, limit = 200): Promise<{ doc: Document; sighting: Sighting }[]> {
    return sightingsForUrl(db, url, limit);
  }

  async function byVendor(vendor: string, limit = 500): Promise<Document[]> {
    const key = toVendorKey(vendor);
    if (!key) return [];
    const docs = await db.documents.where('vendorKey').equals(key).limit(limit).toArray();
    return docs.sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : 0));
  }

  async function resolve(id: string, resolution: Resolution, allowed?: ExceptionType[]): Promise<MatchException> {
    const by = resolution.by ?? (await clerkName());
    if (by) resolution = { ...resolution, by };
    return db.transaction('rw', db.exceptions, async () => {
      const ex = await db.exceptions.get(id);
      if (!ex) throw new LedgerError('That exception is no longer in the ledger; nothing was changed.');
      if (allowed && !allowed.includes(ex.type)) {
        throw new LedgerError(
          `Only a possible duplicate can be marked "not a duplicate"; this is ${ex.type.replace(/_/g, ' ')}. Nothing was changed.`,
        );
      }
      const resolved = resolveException(ex, resolution, nowIso());
      await db.exceptions.put(resolved);
      return resolved;
    });
  }

  const noteOf = (note?: string) => (note?.trim() ? note.trim().slice(0, 2000) : undefined);

  function acceptException(id: string, note?: string): Promise<MatchException> {
    return resolve(id, withoutUndefined({ kind: 'accepted' as const, note: noteOf(note) }));
  }

  function markNotDuplicate(id: string, note?: string): Promise<MatchException> {
    return resolve(id, withoutUndefined({ kind: 'not_duplicate' as const, note: noteOf(note) }), [
      'possible_duplicate',
      'duplicate_invoice',
    ]);
  }

  async function linkSuggestion(docId: string, poKey: string, note?: string): Promise<Document> {
    const key = numberKey(poKey);
    const by = await clerkName();
    return db.transaction('rw', allTables, async () => {
      const doc = await db.documents.get(docId);
      if (!doc) throw new LedgerError('That document is no longer in the ledger; nothing was linked.');
      if (doc.kind === 'po') throw new LedgerError('A PO cannot be linked to another PO; nothing was linked.');
      const po = await db.documents.where('[kind+key]').equals(['po', key]).first();
      if (!po) throw new LedgerError(`PO ${poKey} is not in the ledger; nothing was linked.`);
      const known = new Set(
        (
          await whereAnyOf(
            db.documents,
            '[kind+key]',
            doc.poKeys.map((k) => ['po', k]),
          )
        ).map((d) => d.key),
      );
      // The unknown reference this PO stands for (an OCR misread) is replaced; known references stay.
      const replaced = doc.poKeys.filter((k) => !known.has(k) && looseKey(k) === looseKey(key));
      const replacedOrUnknown = replaced.length > 0 ? replaced : doc.poKeys.filter((k) => !known.has(k));
      const poKeys = unique([...doc.poKeys.filter((k) => !replacedOrUnknown.includes(k)), key]);
      const updated: Document = {
        ...doc,
        poKeys,
        confirmed: unique([...doc.confirmed, 'poKeys']),
        sources: { ...doc.sources, poKeys: 'manual' },
        ...(by ? { editedBy: { ...doc.editedBy, poKeys: { by, at: nowIso() } } } : {}),
        updatedAt: nowIso(),
      };
      const resolution: Resolution = withoutUndefined({ kind: 'linked' as const, note: noteOf(note), by });
      const unknownPo = (await db.exceptions.where('docIds').equals(doc.id).toArray()).filter(
        (e) => e.state === 'open' && (e.type === 'unknown_po' || e.type === 'no_po_reference'),
      );
      for (const e of unknownPo) await db.exceptions.put(resolveException(e, resolution, nowIso()));
      await db.documents.put(updated);
      await rematchAfter([updated], [doc]);
      return updated;
    });
  }

  /**
   * Undoes a clerk's decision on an exception (the popup's Undo after Accept or Not a duplicate):
   * open again, and the next re-match judges it afresh.
   */
  async function reopenException(id: string): Promise<MatchException> {
    return db.transaction('rw', db.exceptions, async () => {
      const ex = await db.exceptions.get(id);
      if (!ex) throw new LedgerError('That exception is no longer in the ledger; nothing was changed.');
      if (ex.state === 'open') return ex;
      if (ex.resolution?.kind === 'resolved_by_data') {
        throw new LedgerError('Later data resolved this exception, not a person; there is nothing to undo.');
      }
      const reopened = reopenException_(ex, nowIso());
      await db.exceptions.put(reopened);
      return reopened;
    });
  }

  /**
   * Undoes `linkSuggestion`: the document's PO references (and who vouched for them) as they were
   * before, `exceptionIds` (what the link resolved) open again, and the PO groups re-matched.
   */
  async function undoLink(
    docId: string,
    previous: Pick<Document, 'poKeys' | 'confirmed' | 'sources'>,
    exceptionIds: string[],
  ): Promise<Document> {
    return db.transaction('rw', allTables, async () => {
      const doc = await db.documents.get(docId);
      if (!doc) throw new LedgerError('That document is no longer in the ledger; nothing was changed.');
      const restored: Document = withoutUndefined({
        ...doc,
        poKeys: previous.poKeys,
        confirmed: previous.confirmed,
        sources: previous.sources,
        updatedAt: nowIso(),
      });
      for (const id of exceptionIds) {
        const ex = await db.exceptions.get(id);
        if (ex && ex.state === 'resolved' && ex.resolution?.kind === 'linked') {
          await db.exceptions.put(reopenException_(ex, nowIso()));
        }
      }
      await db.documents.put(restored);
      await rematchAfter([restored], [doc]);
      return restored;
    });
  }

  async function editField<F extends EditableField>(docId: string, field: F, value: unknown): Promise<Document> {
    const schema = EDITABLE_FIELDS[field];
    if (!schema) throw new LedgerError(`"${String(field)}" cannot be edited; nothing was changed.`);
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new LedgerError(
        `That is not a valid ${String(field)}: ${parsed.error.issues[0]?.message ?? 'wrong value'}. Nothing was changed.`,
      );
    }
    const by = await clerkName();
    return db.transaction('rw', allTables, async () => {
      const doc = await db.documents.get(docId);
      if (!doc) throw new LedgerError('That document is no longer in the ledger; nothing was changed.');
      const updated: Document = { ...doc, updatedAt: nowIso() };
      if (by) updated.editedBy = { ...doc.editedBy, [field]: { by, at: updated.updatedAt } };
      const v = parsed.data;
      if (field === 'number') {
        const key = numberKey(v as string);
        if (!key) throw new LedgerError('A number needs at least one letter or digit. Nothing was changed.');
        updated.number = v as string;
        updated.key = key;
        updated.looseKey = looseKey(v as string);
      } else if (field === 'vendor') {
        updated.vendor = v as string;
        updated.vendorKey = toVendorKey(v as string);
      } else if (field === 'poKeys') {
        updated.poKeys = unique((v as string[]).map(numberKey).filter((k) => k.length > 0));
      } else if (field === 'correctsKey') {
        updated.correctsKey = numberKey(v as string);
      } else {
        (updated as Record<string, unknown>)[field] = v;
      }
      updated.confirmed = unique([...doc.confirmed, field]);
      updated.sources = { ...doc.sources, [field]: 'manual' };
      // The clerk decided: what disagreed about this field is settled.
      updated.conflicts = doc.conflicts.filter((c) => c.field !== field);
      await db.documents.put(updated);
      await rematchAfter([updated], [doc]);
      return updated;
    });
  }

  async function deleteDocument(docId: string): Promise<string> {
    return db.transaction('rw', allTables, async () => {
      const doc = await db.documents.get(docId);
      if (!doc) throw new LedgerError('That document is no longer in the ledger; nothing was deleted.');
      const exceptions = await db.exceptions.where('docIds').equals(docId).toArray();
      const token = deps.newId();
      const deletedAt = nowIso();
      const cutoff = new Date(deps.now().getTime() - TRASH_DAYS * 86_400_000).toISOString();
      await db.trash.where('deletedAt').below(cutoff).delete();
      await db.trash.add({ token, deletedAt, document: doc, exceptions });
      await db.exceptions.bulkDelete(exceptions.map((e) => e.id));
      await db.documents.delete(docId);
      await rematchAfter([], [doc]);
      return token;
    });
  }

  async function undoDelete(token: string): Promise<Document> {
    return db.transaction('rw', allTables, async () => {
      const row = await db.trash.get(token);
      if (!row)
        throw new LedgerError('There is nothing to undo: the deletion is older than a week or was undone already.');
      let doc = row.document;
      // Seen again since the deletion: the two become one document again, every sighting kept.
      const same = findSameDocument(
        await db.documents.where('[kind+key]').equals([doc.kind, doc.key]).toArray(),
        withoutUndefined({
          kind: doc.kind,
          number: doc.number,
          key: doc.key,
          vendor: doc.vendor,
          date: doc.date,
          origin: 'detected' as const,
          sighting: doc.sightings[0] ?? {
            url: '',
            title: '',
            seenAt: row.deletedAt,
            snippet: '',
            confidence: 1,
            via: 'manual',
          },
        }),
      );
      const before: Document[] = [];
      if (same) {
        before.push(same);
        const sightings = [...doc.sightings, ...same.sightings];
        doc = { ...doc, sightings, urls: unique(sightings.map((s) => s.url)), updatedAt: nowIso() };
        await db.documents.delete(same.id);
      }
      await db.documents.put(doc);
      await db.exceptions.bulkPut(row.exceptions);
      await db.trash.delete(token);
      await rematchAfter([doc], before);
      return doc;
    });
  }

  async function track(number: string, kind: DocKind, source: SightingSource): Promise<NumberStatus> {
    const key = numberKey(number);
    if (!key) throw new LedgerError(`"${number.slice(0, 60)}" has no letters or digits to track. Nothing was stored.`);
    await db.ignored.delete(`${originOf(source.url)} ${key}`);
    const detection: Detection = {
      kind,
      number: number.trim().slice(0, 200),
      key,
      confidence: 1,
      evidence: 'tracked by hand',
      span: { block: 0, start: 0, end: 0 },
    };
    const [status] = await recordSightings([detection], { ...source, via: source.via ?? 'manual' });
    return status as NumberStatus;
  }

  async function ignore(key: string, origin: string): Promise<void> {
    const k = numberKey(key) || key;
    const o = originOf(origin);
    await db.ignored.put({ id: `${o} ${k}`, key: k, origin: o, createdAt: nowIso() });
  }

  async function unignore(key: string, origin: string): Promise<void> {
    await db.ignored.delete(`${originOf(origin)} ${numberKey(key) || key}`);
  }

  async function counts(): Promise<{
    documents: number;
    byKind: Record<DocKind, number>;
    exceptions: { open: number; resolved: number };
  }> {
    return db.transaction('r', [db.documents, db.exceptions], async () => {
      const byKind = {} as Record<DocKind, number>;
      for (const kind of DOC_KINDS) {
        byKind[kind] = await db.documents
          .where('[kind+key]')
          .between([kind, Dexie.minKey], [kind, Dexie.maxKey])
          .count();
      }
      const open = await db.exceptions.where('state').equals('open').count();
      const total = await db.exceptions.count();
      return { documents: await db.documents.count(), byKind, exceptions: { open, resolved: total - open } };
    });
  }

  async function wipe(): Promise<void> {
    await db.transaction('rw', allTables, async () => {
      for (const t of allTables) await t.clear();
    });
  }

  async function getSettingsFn(): Promise<MatchSettings> {
    return getSettings(db);
  }

  async function saveSettingsFn(settings: unknown): Promise<MatchSettings> {
    return saveSettings(db, settings, deps);
  }

  function previewCsv(input: CsvInput, opts: { localeHint?: string; delimiter?: string; mapping?: CsvMapping } = {}) {
    const { incoming: _incoming, ...preview } = parseCsvFile(input, opts);
    return preview;
  }

  async function importCsv(
    file: CsvInput | Blob,
    mapping?: CsvMapping,
    opts: ImportOptions = {},
  ): Promise<ImportResult> {
    if (opts.signal?.aborted) throw aborted();
    opts.onProgress?.({ phase: 'reading', done: 0, total: 0 });
    const input: CsvInput =
      typeof Blob !== 'undefined' && file instanceof Blob ? await file.arrayBuffer() : (file as CsvInput);
    const seenAt = nowIso();
    const parsed: ParsedCsv = parseCsvFile(input, {
      mapping,
      localeHint: opts.localeHint,
      delimiter: opts.delimiter,
      source: { name: (opts.fileName ?? 'CSV import').slice(0, 200), seenAt },
    });
    const clerk = await clerkName();
    if (clerk) for (const inc of parsed.incoming) inc.sighting = { ...inc.sighting, clerk };
    const fatal = parsed.mapping.columns.number === undefined;
    if (fatal || (parsed.errors.length > 0 && !opts.allowPartial) || parsed.incoming.length === 0) {
      throw new ImportRowsError(describeRowErrors(parsed, fatal), parsed.errors);
    }
    opts.onProgress?.({ phase: 'reading', done: parsed.rowCount, total: parsed.rowCount });
    if (opts.signal?.aborted) throw aborted();
    let result: Applied;
    try {
      result = await db.transaction('rw', allTables, async (tx) => {
        // Cancelling aborts the IndexedDB transaction itself: whatever was queued is rolled back.
        const cancel = () => tx.abort();
        opts.signal?.addEventListener('abort', cancel, { once: true });
        try {
          const settings = await readSettings();
          const ledgerEmpty = (await db.documents.count()) === 0;
          const applied = await applyIncoming(parsed.incoming, {
            ledgerEmpty,
            deferWrites: true,
            onProgress: opts.onProgress,
          });
          opts.onProgress?.({ phase: 'matching', done: 0, total: applied.changed.length });
          await rematchAfter(applied.changed, applied.before, {
            ledgerWasEmpty: ledgerEmpty,
            settings,
            pendingWrites: applied.written,
          });
          if (opts.signal?.aborted) throw aborted();
          return applied;
        } finally {
          opts.signal?.removeEventListener('abort', cancel);
        }
      });
    } catch (error) {
      if (opts.signal?.aborted) throw aborted();
      throw error;
    }
    opts.onProgress?.({ phase: 'done', done: result.changed.length, total: result.changed.length });
    return {
      rows: parsed.rowCount,
      importedRows: parsed.validRows,
      documents: result.changed.length,
      created: result.created,
      updated: result.updated,
      skipped: parsed.errors,
    };
  }

  return {
    db,
    recordSightings,
    statusesFor,
    lookup,
    getRecord,
    documentsForPo,
    recentSightingsForUrl,
    byVendor,
    acceptException,
    markNotDuplicate,
    linkSuggestion,
    reopenException,
    undoLink,
    editField,
    deleteDocument,
    undoDelete,
    track,
    ignore,
    unignore,
    counts,
    wipe,
    getSettings: getSettingsFn,
    saveSettings: saveSettingsFn,
    previewCsv,
    importCsv,
    exportDocumentsCsv: () => exportDocumentsCsv(db),
    exportExceptionsCsv: () => exportExceptionsCsv(db),
    backupJson: () => backupJson(db, deps.now()),
    restoreJson: (text: string) => restoreJson(db, text),
    // Team ledger (lib/sync): the team's changes in, and the whole-ledger re-match a first sync defers.
    applyTeamBatch: (batch: TeamBatch, opts: TeamBatchOptions) =>
      applyTeamBatch(db, nowIso, (changed, before) => rematchAfter(changed, before), batch, opts),
    rematchAll: async () => rematchAll(db, nowIso, await readSettings()),
  };
}

export type Ledger = ReturnType<typeof createLedger>;

function describeRowErrors(parsed: ParsedCsv, fatal: boolean): string {
  const first = parsed.errors[0];
  if (fatal && first) return `${first.reason} Nothing was imported.`;
  if (parsed.errors.length === 0) return 'The file has no rows to import. Nothing was imported.';
  const shown = parsed.errors
    .slice(0, 3)
    .map((e) => `line ${e.line} ${e.reason}`)
    .join('; ');
  const more = parsed.errors.length > 3 ? ` and ${parsed.errors.length - 3} more` : '';
  const n = parsed.errors.length;
  return `${n} row${n === 1 ? ' has an error' : 's have errors'} (${shown}${more}). Fix the file, or choose to import only the valid rows. Nothing was imported.`;
}

/** The match tolerances the options page edits; the defaults when none were saved or they no longer parse. */
export async function getSettings(db: TieoutDB): Promise<MatchSettings> {
  const row = await db.settings.get(SETTINGS_ID);
  const parsed = MatchSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_MATCH_SETTINGS;
}

/**
 * Validates and stores the tolerances, then re-matches the whole ledger under them in the same
 * transaction (a changed tolerance can open or close exceptions anywhere).
 */
export async function saveSettings(
  db: TieoutDB,
  settings: unknown,
  deps: LedgerDeps = { now: () => new Date(), newId: () => crypto.randomUUID() },
): Promise<MatchSettings> {
  const parsed = MatchSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new LedgerError(`The settings were not saved${where}: ${issue?.message ?? 'invalid value'}.`);
  }
  await db.transaction('rw', [db.documents, db.exceptions, db.settings], async () => {
    await db.settings.put({ id: SETTINGS_ID, value: parsed.data });
    const out = rematch({
      docs: await db.documents.toArray(),
      existing: await db.exceptions.toArray(),
      settings: parsed.data,
      now: deps.now().toISOString(),
      returns: 'exceptions',
    });
    if (out.upserts.length > 0) await db.exceptions.bulkPut(out.upserts);
  });
  return parsed.data;
}
