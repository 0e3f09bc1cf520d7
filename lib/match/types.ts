import type { DocKind, Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import type { MatchMode, MatchSettings } from '@/lib/model/settings';
import type { PoFile } from './po-file';

export interface MatchScope {
  /** PO keys whose groups were loaded completely: every PO with the key and every doc referencing it. */
  poKeys: string[];
  /** Docs whose own checks (duplicates, conflicts, no PO reference) are to be decided: the changed ones. */
  docIds: string[];
}

export interface MatchInput {
  docs: Document[];
  /**
   * Stored exceptions that may concern these docs. A superset is fine (exceptions outside the scope
   * are left untouched); a subset is not: pass every exception whose `poKey` is in `scope.poKeys` or
   * whose `docIds` include any loaded doc, or a resolution may be overwritten.
   */
  existing: MatchException[];
  settings: MatchSettings;
  /** ISO timestamp stamped on exceptions opened or closed by this run. */
  now: string;
  /** What the caller loaded completely. Omitted: `docs` is the whole ledger (a full re-match). */
  scope?: MatchScope;
  /**
   * What the caller reads besides exceptions. 'all' (the default) also returns the links, every PO's
   * balance and the suggestions for unknown PO keys; 'exceptions' leaves those three empty. The
   * ledger stores only exceptions, and a record works out its links, balances and suggestions when it
   * is opened, so a re-match of the whole ledger need not build hundreds of thousands of them for nobody.
   */
  returns?: 'all' | 'exceptions';
  /**
   * Which POs the clerk can expect on file (po-file.ts): whether any PO was imported, and the vendors
   * with an established PO. Omitted, it is read from `docs`, which is right for a full run; a scoped
   * run must pass what the whole ledger says for the vendors `poFileQuestions(docs)` names.
   */
  poFile?: PoFile;
}

/** Quantities in units of goods (null when no line gives one); amounts in minor units of the PO currency. Shared and frozen when empty: never mutate. */
export interface LineAmounts {
  readonly quantity: number | null;
  readonly amount: number;
}

export interface LineBalance {
  /** `sku:<SKU>` when the PO line has one, else `#<index>` (0-based position on the PO). */
  lineKey: string;
  sku?: string;
  description?: string;
  /** PO unit price, minor units. */
  unitPrice?: number;
  ordered: LineAmounts;
  received: LineAmounts;
  invoiced: LineAmounts;
  credited: LineAmounts;
  /** ordered − invoiced + credited. */
  remaining: LineAmounts;
}

export interface PoBalance {
  poKey: string;
  poId: string;
  currency: string;
  mode: MatchMode;
  ordered: LineAmounts;
  received: LineAmounts;
  invoiced: LineAmounts;
  credited: LineAmounts;
  /** ordered − invoiced + credited. Negative when over-billed. */
  remaining: LineAmounts;
  lines: LineBalance[];
  /** Docs counted in this balance (invoices, credit notes, receipts), sorted. */
  countedDocIds: string[];
  /** Docs referencing the PO but not counted: other currency, or a later copy of a counted invoice. */
  skippedDocIds: string[];
}

export interface Suggestion {
  /** The invoice, receipt or credit note whose reference is unknown. */
  docId: string;
  /** The PO key it references, which no PO has. */
  referencedKey: string;
  candidatePoId: string;
  candidateKey: string;
  /** Why this PO is offered, for the clerk ("same vendor, one character apart"). */
  reason: string;
}

export interface MatchOutput {
  /** The complete desired set for the decided scope, with stable ids (open, user-resolved and closed). */
  exceptions: MatchException[];
  /** Only those new or changed vs `existing`, including ones closed as `resolved_by_data`. */
  upserts: MatchException[];
  balances: PoBalance[];
  links: { docId: string; poId: string }[];
  suggestions: Suggestion[];
}

export interface GroupQuery {
  /** Load every PO with one of these keys and every doc whose `poKeys` contains one (`*poKeys` index). */
  poKeys: string[];
  /** Load every doc with this kind and key (`[kind+key]` index): exact duplicates, corrected invoices. */
  docKeys: { kind: DocKind; key: string }[];
  /** Load every doc of these vendors (`vendorKey` index): possible duplicates and near-key PO suggestions. */
  vendorKeys: string[];
  /**
   * Load every invoice with this total dated within [from, to] (7 days either side of a changed
   * invoice): possible duplicates from another vendor or without one (near number, dates, total).
   * E.g. a `[total.currency+total.minor]` index, then a filter on `date`.
   */
  totals: { currency: string; minor: number; from: string; to: string }[];
  /**
   * Keys of changed invoices: credit notes whose `correctsKey` is one of these and that carry no PO
   * keys of their own should be given the invoice's (`creditNotePoKeys`) and saved before matching,
   * so that every later re-match of the PO group loads them through `*poKeys`.
   */
  correctsKeys: string[];
  /** The changed docs, to pass on as `scope.docIds`. */
  docIds: string[];
}
