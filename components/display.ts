/**
 * Words and small pure helpers the popup, the options page and their tests share: labels in an AP
 * clerk's vocabulary, money and date display, grouping of exceptions, a document's status.
 */

import { EXCEPTION_LABEL } from '@/lib/match/status';
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

/** A kind inside a sentence ("Delete PO", "Show 50 more credit notes"): an abbreviation keeps its capitals. */
export function kindNoun(kind: DocKind, count = 1): string {
  const noun = kind === 'po' ? 'PO' : kind === 'receipt' ? 'goods receipt' : KIND_LABEL[kind].toLowerCase();
  return count === 1 ? noun : `${noun}s`;
}

export { EXCEPTION_LABEL } from '@/lib/match/status';

export const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };
/** A symbol per severity, so severity never rests on colour alone (▲ high, ● medium, ○ low). */
export const SEVERITY_ICON: Record<Severity, string> = { high: '▲', medium: '●', low: '○' };
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
const formats = new Map<string, Intl.DateTimeFormat>();

function format(kind: 'date' | 'dateTime', locale: string | undefined, timeZone: string | undefined) {
  const key = `${kind} ${locale ?? ''} ${timeZone ?? ''}`;
  let fmt = formats.get(key);
  if (!fmt) {
    fmt =
      kind === 'date'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
        : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formats.set(key, fmt);
  }
  return fmt;
}

/**
 * A moment in the clerk's own locale and time zone: `2026-11-25T18:03:00.000Z` → "Nov 25, 2026,
 * 6:03 PM" in en-US, "25 Nov 2026, 18:03" in en-GB.
 */
export function dateTimeText(iso: string | undefined | null, timeZone?: string, locale?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return format('dateTime', locale, timeZone).format(d);
}

/** A document's date (`YYYY-MM-DD`, a calendar day, no time zone) in the clerk's locale: "Mar 10, 2026". */
export function dateText(day: string | undefined | null, locale?: string): string {
  if (!day) return '—';
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return format('date', locale, undefined).format(d);
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
