import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { Document } from '../model/document';
import type { MatchException } from '../model/exception';

/** The database name is part of the ledger contract (DESIGN.md): outside checks open it. */
export const DB_NAME = 'tieout';

export type TieoutDB = Dexie & {
  documents: EntityTable<Document, 'id'>;
  exceptions: EntityTable<MatchException, 'id'>;
};

/**
 * Every schema version ever shipped, oldest first. Never edit a shipped version: add a new one
 * with an upgrade function and a test that opens a database written by the previous version.
 */
export function declareVersions(db: Dexie): void {
  db.version(1).stores({
    documents: 'id, [kind+key], key, vendorKey, *poKeys, updatedAt',
    exceptions: 'id, type, poKey, *docIds, state',
  });
}

export function openLedgerDb(options?: DexieOptions & { name?: string }): TieoutDB {
  const db = new Dexie(options?.name ?? DB_NAME, options) as TieoutDB;
  declareVersions(db);
  return db;
}
