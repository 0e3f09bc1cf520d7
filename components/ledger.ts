/**
 * The ledger as the popup and options page use it: the same Dexie database as the worker (extension
 * pages share its IndexedDB), so reads go straight to Dexie through `liveQuery` and writes through
 * the ledger service, with no message round trip.
 */
import { createLedger, type Ledger, openLedgerDb } from '@/lib/ledger';

export type {
  CsvMapping,
  CsvPreview,
  ImportProgress,
  ImportResult,
  LookupHit,
  NumberStatus,
  RecordView,
} from '@/lib/ledger';
export { ImportRowsError } from '@/lib/ledger';
export { errorText, LedgerContext, useLedger } from './ledger/context';
export type { Ledger };

export function openLedger(): Ledger {
  return createLedger(openLedgerDb(), { now: () => new Date(), newId: () => crypto.randomUUID() });
}
