/**
 * The shape every real application of `npm run realapps` plugs in with: started on loopback,
 * seeded, driven in Chromium with the e2e build loaded as a clerk would use it, stopped by PID, and
 * the truth its seed implies, to check the ledger against.
 */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '@/tests/e2e/harness';

/** One document the ledger should hold once the app has been read. */
export interface TruthDoc {
  kind: 'po' | 'invoice';
  number: string;
  vendor: string;
  /** Minor units. */
  total: number;
  currency: string;
  /** Invoices: the key of the PO they quote. */
  poKey?: string;
  /** How many records of the app carry it (2 for an invoice entered twice). */
  records: number;
}

/** An exception the seed explains: `required` ones must be raised, the others may be. */
export interface TruthException {
  type: string;
  /** The invoice (or PO) number it is about. */
  number: string;
  required: boolean;
}

export interface Truth {
  docs: TruthDoc[];
  exceptions: TruthException[];
}

/** What a form on screen showed: the record the app had open and what Tieout marked on it. */
export interface FormReading {
  view: string;
  /** The app's own number of the record on screen. */
  record: string;
  /** The numbers this record should be marked with. */
  expected: string[];
  /** Marked numbers (marker data-number) with their accessible labels. */
  markers: { number: string; label: string; inView: boolean; clickable: boolean }[];
  /** What the card opened from the record's main marker says (its text), if one opened. */
  card?: string;
  /** Words the card must show to describe this record (its vendor). */
  cardMustSay: string[];
}

export interface DriveResult {
  forms: FormReading[];
}

export interface RealApp {
  name: string;
  /** Installs what is missing, starts the app on 127.0.0.1; answers its origin. */
  start(log: (line: string) => void): Promise<{ origin: string }>;
  /** Gives the app the plan's records (from a cached seeded copy when there is one). */
  seed(log: (line: string) => void): Promise<void>;
  /** Drives the app in the extension's browser as a clerk would. */
  drive(ext: ExtensionSession, page: Page, log: (line: string) => void): Promise<DriveResult>;
  truth(): Truth;
  stop(): Promise<void>;
}
