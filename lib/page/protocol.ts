/**
 * What the background answers the overlay's `page.*` messages with (lib/messages.ts holds the
 * requests). These are the shapes the content script relies on; the background maps the ledger's
 * richer types onto them, so the page never depends on the ledger's internals.
 */
import type { DocKind } from '@/lib/model/document';
import type { Money } from '@/lib/model/money';

export type NumberState = 'tied' | 'exception' | 'unknown' | 'ignored';
export const NUMBER_STATES: readonly NumberState[] = ['tied', 'exception', 'unknown', 'ignored'];

export interface ExceptionLine {
  id: string;
  type: string;
  severity: 'high' | 'medium' | 'low';
  message: string;
}

/** Reply item of `page.report` and `page.statuses`. */
export interface OverlayStatus {
  kind: DocKind;
  key: string;
  number: string;
  status: NumberState;
  docId?: string;
  vendor?: string;
  total?: Money;
  exceptions: ExceptionLine[];
}

export interface DocLine {
  id: string;
  kind: DocKind;
  number: string;
  vendor?: string;
  date?: string;
  total?: Money;
}

export interface BalanceLine {
  poKey: string;
  currency: string;
  ordered: number;
  invoiced: number;
  credited: number;
  remaining: number;
}

/** Reply of `page.record`: what the hover card shows for one number. */
export interface OverlayRecord {
  doc: DocLine;
  linked: DocLine[];
  balances: BalanceLine[];
  exceptions: (ExceptionLine & { state: 'open' | 'resolved' })[];
}

/** Reply of `page.checkField`: ledger documents with the typed number for that vendor. */
export interface FieldCheck {
  duplicates: DocLine[];
}

/** Content-script side: the background tells the page to re-read statuses (after a menu action). */
export const REFRESH_MESSAGE = 'tieout.overlay.refresh';
