/**
 * The ledger's public face for the background, popup, options page and overlay:
 * `openLedgerDb()` then `createLedger(db, { now, newId })`. Every write is one transaction.
 */
export {
  autoMapping,
  type CsvInput,
  type CsvMapping,
  type CsvPreview,
  IMPORT_FIELDS,
  type ImportField,
  MAX_CSV_BYTES,
  type RowError,
} from './csv';
export { DB_NAME, openLedgerDb, SCHEMA_VERSION, type TieoutDB } from './db';
export { LedgerError } from './errors';
export {
  createLedger,
  EDITABLE_FIELDS,
  type EditableField,
  type ExceptionSummary,
  getSettings,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  ImportRowsError,
  type Ledger,
  type LedgerDeps,
  type LookupHit,
  type LookupMatch,
  type NumberState,
  type NumberStatus,
  type RecordView,
  type SightingSource,
  saveSettings,
} from './service';
export { REMATCH_PENDING_ID, type TeamBatch, type TeamBatchOptions } from './team';
export {
  BACKUP_FORMAT,
  backupJson,
  exportDocumentsCsv,
  exportExceptionsCsv,
  parseBackup,
  restoreJson,
} from './transfer';
