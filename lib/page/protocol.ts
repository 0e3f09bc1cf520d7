/**
 * What the background answers the overlay's `page.*` messages with (lib/messages.ts holds the
 * requests). These are the shapes the content script relies on; the background maps the ledger's
 * richer types onto them, so the page never depends on the ledger's internals.
 */
import type { DocStatus, StatusCode } from '@/lib/match/status';
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
  /** The status in AP words (lib/match/status.ts), when the ledger holds the number. */
  code?: StatusCode;
  label?: string;
  /** What the hover card leads with ("Over-billed by £768.00", "PO 4500019123 not on file"). */
  headline?: string;
  docId?: string;
  vendor?: string;
  total?: Money;
  exceptions: ExceptionLine[];
}

/** A document's status as the card shows it (lib/match/status.ts). */
export type StatusLine = Pick<DocStatus, 'code' | 'mark' | 'tone' | 'label' | 'headline'>;

export interface DocLine {
  id: string;
  kind: DocKind;
  number: string;
  vendor?: string;
  date?: string;
  total?: Money;
  status?: StatusLine;
}

export interface BalanceLine {
  poKey: string;
  currency: string;
  ordered: number;
  invoiced: number;
  credited: number;
  remaining: number;
  received?: number;
  mode?: '2way' | '3way';
  /** For an invoice's card: its own amount counted on this PO (its share of the bar). */
  share?: number;
}

/** Reply of `page.record`: what the hover card shows for one number. */
export interface OverlayRecord {
  doc: DocLine;
  linked: DocLine[];
  /** POs it references that are only quoted so far (not on file). */
  quoted?: DocLine[];
  balances: BalanceLine[];
  exceptions: (ExceptionLine & { state: 'open' | 'resolved' })[];
}

/** Reply of `page.checkField`: ledger documents with the typed number for that vendor. */
export interface FieldCheck {
  duplicates: DocLine[];
}

/** Content-script side: the background tells the page to re-read statuses (after a menu action). */
export const REFRESH_MESSAGE = 'tieout.overlay.refresh';
