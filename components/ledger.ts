/**
 * The ledger as the popup and options page use it: the same Dexie database as the worker (extension
 * pages share its IndexedDB), so reads go straight to Dexie through `liveQuery` and writes through
 * the ledger service, with no message round trip.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
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
export type { Ledger };

export function openLedger(): Ledger {
  return createLedger(openLedgerDb(), { now: () => new Date(), newId: () => crypto.randomUUID() });
}

export const LedgerContext = createContext<Ledger | undefined>(undefined);

export function useLedger(): Ledger {
  const ledger = useContext(LedgerContext);
  if (!ledger) throw new Error('useLedger needs a LedgerContext.Provider');
  return ledger;
}

/** An error from a ledger call as the sentence shown to the clerk. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
