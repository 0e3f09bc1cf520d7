/**
 * The ledger as a Preact context, with no ledger code behind it: the popup imports this (and loads
 * the ledger's write side only when a clerk acts); the options page provides a ledger it opened at once.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Ledger } from '@/lib/ledger';

export type { LookupHit, RecordView } from '@/lib/ledger';
export type { Ledger };

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
