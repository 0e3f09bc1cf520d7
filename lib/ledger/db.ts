import Dexie, { type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { looseKey } from '@/lib/model/keys';
import { changeFeed, declareTeamVersion, type OutboxRow, type SyncBaseRow, type SyncStateRow } from './team-tables';

/** The database name is part of the ledger contract (DESIGN.md): outside checks open it. */
export const DB_NAME = 'tieout';

/** The newest schema version; backups carry it and a restore refuses anything newer. */
export const SCHEMA_VERSION = 4;

/** One key/value row of the `settings` table (match tolerances live under id `match`). */
export interface SettingRow {
  id: string;
  value: unknown;
}

/** "Not a number on this site": the clerk's word that a key seen on an origin is noise. */
export interface IgnoredRow {
  /** `${origin} ${key}` */
  id: string;
  key: string;
  origin: string;
  createdAt: string;
}

/** A deleted document and the exceptions that went with it, kept so that "Undo" survives a worker stop. */
export interface TrashRow {
  token: string;
  deletedAt: string;
  document: Document;
  exceptions: MatchException[];
}

export type TieoutDB = Dexie & {
  documents: EntityTable<Document, 'id'>;
  exceptions: EntityTable<MatchException, 'id'>;
  settings: EntityTable<SettingRow, 'id'>;
  ignored: EntityTable<IgnoredRow, 'id'>;
  trash: EntityTable<TrashRow, 'token'>;
  outbox: EntityTable<OutboxRow, 'key'>;
  syncBase: EntityTable<SyncBaseRow, 'key'>;
  syncState: EntityTable<SyncStateRow, 'id'>;
};

/** Version 2 indexes, exported so that the benchmark's raw IndexedDB reference builds the same store. */
export const V2_STORES = {
  documents: 'id, [kind+key], key, looseKey, vendorKey, *poKeys, correctsKey, updatedAt, *urls, total.minor',
  exceptions: 'id, type, poKey, *docIds, state, openedAt',
  settings: 'id',
  ignored: 'id, key, origin',
  trash: 'token, deletedAt',
} as const;

/**
 * Version 3: open exceptions newest first, all types or one, straight from an index (the popup's
 * "Needs attention"), instead of walking every exception by date and skipping the resolved ones;
 * the state comes first so that one key range holds exactly the open ones. And a vendor's POs
 * without its invoices (PO suggestions in the record view).
 */
export const V3_STORES = {
  ...V2_STORES,
  documents: `${V2_STORES.documents}, [vendorKey+kind]`,
  exceptions: 'id, type, poKey, *docIds, state, openedAt, [state+openedAt], [state+type+openedAt]',
} as const;

/** The distinct sighting URLs of a document, oldest first. */
export function sightingUrls(doc: Pick<Document, 'sightings'>): string[] {
  return [...new Set(doc.sightings.map((s) => s.url))];
}

/**
 * v1 → v2: documents gain `urls` (indexed for "numbers on this page") and, for rows written
 * before `looseKey` was computed everywhere, their loose key. Nothing is removed.
 */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('documents')
    .toCollection()
    .modify((doc: Document) => {
      doc.urls = sightingUrls(doc);
      if (!doc.looseKey) doc.looseKey = looseKey(doc.number);
      doc.lines ??= [];
      doc.poKeys ??= [];
      doc.sightings ??= [];
      doc.confirmed ??= [];
      doc.conflicts ??= [];
    });
}

/**
 * Every schema version ever shipped, oldest first. Never edit a shipped version: add a new one
 * with an upgrade function and a test that opens a database written by the previous version.
 */
export function declareVersions(db: Dexie): void {
  db.version(1).stores({
    documents: 'id, [kind+key], key, vendorKey, *poKeys, updatedAt',
    exceptions: 'id, type, poKey, *docIds, state',
  });
  db.version(2).stores(V2_STORES).upgrade(upgradeToV2);
  // Indexes only: IndexedDB builds them from the stored rows, so there is nothing to rewrite.
  db.version(3).stores(V3_STORES);
  // The team ledger's outbox, revision bases and state (lib/ledger/team-tables.ts).
  declareTeamVersion(db, 4, V3_STORES);
}

export function openLedgerDb(options?: DexieOptions & { name?: string }): TieoutDB {
  const db = new Dexie(options?.name ?? DB_NAME, options) as TieoutDB;
  declareVersions(db);
  db.use(changeFeed);
  return db;
}
