/**
 * What a clerk reads about one document, worked out in one place from what matching found: the page
 * marks and the hover card (through the ledger's statuses), the popup's lists, lookup and record view
 * all call `documentStatus`, so no two of them can disagree about a document.
 *
 * Imports nothing but the model, so the popup and the content script can load it up front.
 */
import type { DocKind, Document } from '@/lib/model/document';
import type { ExceptionType, Severity } from '@/lib/model/exception';
import { formatMoney } from '@/lib/model/money';

export type StatusCode =
  /** An open exception; `exception` names the worst. */
  | 'exception'
  /** An invoice, credit note or receipt whose every PO is on file, nothing open. */
  | 'tied'
  /** References a PO that is not on file, and no exception says it should be (lib/match/po-file.ts); or a PO only quoted so far. */
  | 'po_not_on_file'
  /** Names no PO, and nothing open about it (a clerk accepted that). */
  | 'no_po'
  /** POs on file, in AP words. */
  | 'po_open'
  | 'po_partly_invoiced'
  | 'po_fully_invoiced'
  | 'po_closed'
  /** A PO on file whose ordered amount is not known. */
  | 'po_on_file';

export const STATUS_CODES: readonly StatusCode[] = [
  'exception',
  'tied',
  'po_not_on_file',
  'no_po',
  'po_open',
  'po_partly_invoiced',
  'po_fully_invoiced',
  'po_closed',
  'po_on_file',
];

/** The page mark a status draws: ✓ tied, ! exception, ? not tied out (yet). */
export type StatusMark = 'tied' | 'exception' | 'unknown';
/** The colour family a status is shown in: the exception's severity, settled (ok), waiting for data (info), neutral (low). */
export type StatusTone = 'high' | 'medium' | 'low' | 'ok' | 'info';

export const EXCEPTION_LABEL: Record<ExceptionType, string> = {
  unknown_po: 'Unknown PO',
  no_po_reference: 'No PO reference',
  over_billed: 'Over-billed',
  price_variance: 'Price variance',
  quantity_variance: 'Quantity variance',
  missing_receipt: 'Missing goods receipt',
  duplicate_invoice: 'Duplicate invoice',
  possible_duplicate: 'Possible duplicate',
  vendor_mismatch: 'Vendor mismatch',
  currency_mismatch: 'Currency mismatch',
  invoice_before_po: 'Invoice before PO',
  closed_po: 'Closed PO',
  conflicting_values: 'Conflicting values',
  sync_conflict: 'Changed by two clerks',
};

export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** A PO's balance as matching works it out, in minor units of `currency`. */
export interface BalanceFigures {
  poKey: string;
  currency: string;
  ordered: number;
  invoiced: number;
  credited: number;
  /** ordered − invoiced + credited: negative when over-billed. */
  remaining: number;
}

export interface StatusFacts {
  /** Open exceptions about the document; for a PO, also those under its key. */
  open: readonly { type: ExceptionType; severity: Severity; poKey?: string | undefined }[];
  /** For an invoice, credit note or receipt: which of its PO keys have a PO on file (established). */
  onFile: ReadonlySet<string>;
  /** For a PO, its own balance; for another document, those of its POs (for "over-billed by"). */
  balances?: readonly BalanceFigures[];
  /** For a PO: whether it is on file (`isEstablishedPo`). */
  poOnFile?: boolean;
}

export interface DocStatus {
  code: StatusCode;
  mark: StatusMark;
  tone: StatusTone;
  /** A badge's words: "Over-billed", "Tied out", "PO not on file", "Partly invoiced". */
  label: string;
  /** What a card leads with: "Over-billed by £768.00", "Tied out to PO 4500012349", "PO not on file". */
  headline: string;
  /** The worst open exception, when `code` is 'exception'. */
  exception?: ExceptionType;
  /** Open exceptions in all. */
  openCount: number;
}

const money = (minor: number, currency: string) => formatMoney({ minor, currency });

function keyList(keys: readonly string[]): string {
  if (keys.length <= 1) return keys.join('');
  return `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
}

function poWord(keys: readonly string[]): string {
  return keys.length > 1 ? 'POs' : 'PO';
}

/** The exception words a card leads with, with the amount or number that says what is wrong. */
function exceptionHeadline(
  type: ExceptionType,
  poKey: string | undefined,
  balances: readonly BalanceFigures[] | undefined,
): string {
  if (type === 'over_billed') {
    const b = balances?.find((x) => x.poKey === poKey && x.remaining < 0) ?? balances?.find((x) => x.remaining < 0);
    if (b) return `Over-billed by ${money(-b.remaining, b.currency)}`;
  }
  if (type === 'unknown_po' && poKey) return `Unknown PO ${poKey}`;
  return EXCEPTION_LABEL[type];
}

function poStatus(balance: BalanceFigures | undefined): Pick<DocStatus, 'code' | 'label' | 'headline' | 'tone'> {
  if (!balance || balance.ordered <= 0) {
    return { code: 'po_on_file', label: 'On file', headline: 'PO on file', tone: 'ok' };
  }
  const { ordered, currency, remaining } = balance;
  const net = ordered - remaining;
  if (net <= 0) {
    return {
      code: 'po_open',
      label: 'Open',
      headline: `Open: nothing invoiced yet (${money(ordered, currency)} ordered)`,
      tone: 'ok',
    };
  }
  if (remaining > 0) {
    return {
      code: 'po_partly_invoiced',
      label: 'Partly invoiced',
      headline: `Partly invoiced: ${money(net, currency)} of ${money(ordered, currency)}, ${money(remaining, currency)} left`,
      tone: 'ok',
    };
  }
  // Over by less than the tolerance, or by more that a clerk accepted: no open exception says otherwise.
  const over = remaining < 0 ? ` (over by ${money(-remaining, currency)}, no open exception)` : '';
  return {
    code: 'po_fully_invoiced',
    label: 'Fully invoiced',
    headline: `Fully invoiced: ${money(ordered, currency)}${over}`,
    tone: 'ok',
  };
}

/**
 * Where a PO on file stands, in AP words, whatever else is open about it: closed, over-billed (an
 * open over-billing), else what its balance says (open, partly or fully invoiced). A record's "PO
 * status" field shows it; the badge beside it shows the worst open exception.
 */
export function poStage(
  doc: Pick<Document, 'status'>,
  balance: BalanceFigures | undefined,
  open: StatusFacts['open'],
): string {
  if (doc.status === 'closed') return 'Closed';
  if (open.some((e) => e.type === 'over_billed')) return 'Over-billed';
  return poStatus(balance).label;
}

/** A document's status from what matching found about it (see `StatusFacts`). */
export function documentStatus(
  doc: Pick<Document, 'kind' | 'poKeys' | 'status'> & { kind: DocKind },
  facts: StatusFacts,
): DocStatus {
  const openCount = facts.open.length;
  if (openCount > 0) {
    let worst = facts.open[0]!;
    for (const e of facts.open) if (SEVERITY_RANK[e.severity] < SEVERITY_RANK[worst.severity]) worst = e;
    const more = openCount > 1 ? ` +${openCount - 1}` : '';
    return {
      code: 'exception',
      mark: 'exception',
      tone: worst.severity,
      label: `${EXCEPTION_LABEL[worst.type]}${more}`,
      headline: exceptionHeadline(worst.type, worst.poKey, facts.balances),
      exception: worst.type,
      openCount,
    };
  }
  if (doc.kind === 'po') {
    if (!facts.poOnFile) {
      return {
        code: 'po_not_on_file',
        mark: 'unknown',
        tone: 'info',
        label: 'PO not on file',
        headline: 'PO not on file: only quoted so far',
        openCount,
      };
    }
    if (doc.status === 'closed') {
      return { code: 'po_closed', mark: 'tied', tone: 'low', label: 'Closed', headline: 'Closed PO', openCount };
    }
    return { ...poStatus(facts.balances?.[0]), mark: 'tied', openCount };
  }
  const keys = [...new Set(doc.poKeys)];
  if (keys.length === 0) {
    return { code: 'no_po', mark: 'unknown', tone: 'low', label: 'No PO', headline: 'Names no PO', openCount };
  }
  const missing = keys.filter((k) => !facts.onFile.has(k));
  if (missing.length > 0) {
    return {
      code: 'po_not_on_file',
      mark: 'unknown',
      tone: 'info',
      label: 'PO not on file',
      headline: `${poWord(missing)} ${keyList(missing)} not on file`,
      openCount,
    };
  }
  return {
    code: 'tied',
    mark: 'tied',
    tone: 'ok',
    label: 'Tied out',
    headline: `Tied out to ${poWord(keys)} ${keyList(keys)}`,
    openCount,
  };
}

/** The figures of a matching balance (PoBalance, or the overlay's flat BalanceLine). */
export function balanceFigures(b: {
  poKey: string;
  currency: string;
  ordered: number | { amount: number };
  invoiced: number | { amount: number };
  credited: number | { amount: number };
  remaining: number | { amount: number };
}): BalanceFigures {
  const n = (v: number | { amount: number }) => (typeof v === 'number' ? v : v.amount);
  return {
    poKey: b.poKey,
    currency: b.currency,
    ordered: n(b.ordered),
    invoiced: n(b.invoiced),
    credited: n(b.credited),
    remaining: n(b.remaining),
  };
}
