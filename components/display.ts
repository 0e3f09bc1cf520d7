/**
 * Words and small pure helpers the popup, the options page and their tests share: labels in an AP
 * clerk's vocabulary, money and date display, grouping of exceptions, a document's status.
 */
import type { DocKind, Document } from '@/lib/model/document';
import type { ExceptionType, MatchException, Severity } from '@/lib/model/exception';
import { formatMoney, type Money } from '@/lib/model/money';

export const KIND_LABEL: Record<DocKind, string> = {
  po: 'PO',
  invoice: 'Invoice',
  credit_note: 'Credit note',
  receipt: 'Receipt',
};

export const KIND_PLURAL: Record<DocKind, string> = {
  po: 'Purchase orders',
  invoice: 'Invoices',
  credit_note: 'Credit notes',
  receipt: 'Goods receipts',
};

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

export const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Exceptions a clerk settles with "Not a duplicate" rather than "Accept". */
export const DUPLICATE_TYPES: ReadonlySet<ExceptionType> = new Set(['duplicate_invoice', 'possible_duplicate']);

/** Longest query passed on to the ledger: no number, vendor or amount is longer, and a pasted page is not a query. */
export const MAX_QUERY_CHARS = 200;

export function clampQuery(raw: string): string {
  return raw.trim().slice(0, MAX_QUERY_CHARS);
}

export function moneyText(m: Money | undefined): string {
  return m ? formatMoney(m) : '—';
}

/** Building an Intl.DateTimeFormat costs far more than formatting with one (a list shows fifty dates). */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let fmt = dateTimeFormats.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone,
    });
    dateTimeFormats.set(key, fmt);
  }
  return fmt;
}

/** `2026-11-25T18:03:00.000Z` → `2026-11-25 18:03` in the clerk's time zone. */
export function dateTimeText(iso: string | undefined | null, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = dateTimeFormat(timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function docTitle(doc: Pick<Document, 'kind' | 'number'>): string {
  return `${KIND_LABEL[doc.kind]} ${doc.number}`;
}

export function compareNewestFirst(a: MatchException, b: MatchException): number {
  return a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : a.id < b.id ? -1 : 1;
}

export interface ExceptionGroup {
  type: ExceptionType;
  label: string;
  count: number;
  /** The worst severity in the group, for ordering and the badge. */
  severity: Severity;
  items: MatchException[];
}

/**
 * Open exceptions grouped by type, each group newest first; groups by worst severity, then by
 * their newest exception, so what most needs paying attention to comes first.
 */
export function groupExceptions(exceptions: readonly MatchException[]): ExceptionGroup[] {
  const byType = new Map<ExceptionType, MatchException[]>();
  for (const e of exceptions) {
    const list = byType.get(e.type);
    if (list) list.push(e);
    else byType.set(e.type, [e]);
  }
  const groups: ExceptionGroup[] = [];
  for (const [type, items] of byType) {
    items.sort(compareNewestFirst);
    const severity = items.reduce<Severity>(
      (worst, e) => (SEVERITY_RANK[e.severity] < SEVERITY_RANK[worst] ? e.severity : worst),
      'low',
    );
    groups.push({ type, label: EXCEPTION_LABEL[type], count: items.length, severity, items });
  }
  return groups.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compareNewestFirst(a.items[0] as MatchException, b.items[0] as MatchException),
  );
}

/** Counts per type, for the filter's options ("Over-billed (3)"). */
export function countByType(exceptions: readonly MatchException[]): Map<ExceptionType, number> {
  const counts = new Map<ExceptionType, number>();
  for (const e of exceptions) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return counts;
}

export type DocStatusTone = 'high' | 'medium' | 'low' | 'ok';

export interface DocStatus {
  text: string;
  tone: DocStatusTone;
}

/** What a clerk needs to know about a document at a glance, from its open exceptions. */
export function docStatus(
  doc: Pick<Document, 'kind' | 'poKeys' | 'status'>,
  open: readonly MatchException[],
): DocStatus {
  if (open.length > 0) {
    const worst = [...open].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0] as MatchException;
    const more = open.length > 1 ? ` +${open.length - 1}` : '';
    return { text: `${EXCEPTION_LABEL[worst.type]}${more}`, tone: worst.severity };
  }
  if (doc.kind === 'po') return { text: doc.status === 'closed' ? 'Closed' : 'Open', tone: 'low' };
  if (doc.poKeys.length > 0) return { text: 'Tied out', tone: 'ok' };
  return { text: 'Seen', tone: 'low' };
}

/** Bytes in the unit a person reads ("1.4 MB"). */
export function bytesText(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'unknown';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
