import { distance } from 'fastest-levenshtein';
import type { Document } from '@/lib/model/document';
import type { ExceptionType, Severity } from '@/lib/model/exception';
import { looseKey } from '@/lib/model/keys';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, settingsForVendor, type Tolerance } from '@/lib/model/settings';
import {
  type Allocation,
  allocate,
  buildBalance,
  docCurrency,
  hasLineQuantities,
  lineQuantity,
  orderedAmount,
  type PoSums,
  poCurrency,
  sumParts,
} from './balance';
import { sameNumberingPeriod } from './dates';
import { docLabel, docLabelLower, listLabels, money, vendorName } from './describe';
import { chronological, type DuplicatePair, findDuplicatePairs } from './duplicates';
import { PoKeyGroups } from './groups';
import { exceptionId } from './ids';
import { ChainHeads, forEachOneEdit, HashFilter, keyHash } from './keyhash';
import { creditNotePoKeys } from './query';
import { reconcile } from './reconcile';
import { keepShape } from './shapes';
import {
  describeMoneyTolerance,
  describeQuantityTolerance,
  formatNumber,
  percentOf,
  withinMoneyTolerance,
  withinQuantityTolerance,
} from './tolerance';
import type { MatchInput, MatchOutput, PoBalance, Suggestion } from './types';

/** An exception as matching derives it, before identity, timestamps and resolution are attached. */
export interface Finding {
  type: ExceptionType;
  severity: Severity;
  poKey?: string;
  docIds: string[];
  message: string;
}

/** Exception types decided per PO group; the others are decided per document or pair of documents. */
export const PO_TYPES: ReadonlySet<ExceptionType> = new Set<ExceptionType>([
  'unknown_po',
  'over_billed',
  'price_variance',
  'quantity_variance',
  'missing_receipt',
  'vendor_mismatch',
  'currency_mismatch',
  'invoice_before_po',
  'closed_po',
]);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byId = (a: Document, b: Document) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The PO keys a non-PO doc is attributed to; credit notes fall back on the invoice they correct. */
function effectiveKeys(doc: Document, invoicesByKey: Map<string, Document[]>): string[] {
  if (doc.poKeys.length > 0 || doc.kind !== 'credit_note' || !doc.correctsKey) return doc.poKeys;
  return creditNotePoKeys(doc, invoicesByKey.get(doc.correctsKey) ?? []);
}

/**
 * Among POs sharing a key (two vendors using the same number), the one a document is for: the same
 * vendor first, then the same currency, then the lowest id so that the choice never depends on order.
 */
function choosePo(pos: Document[], doc: Document): Document {
  if (pos.length === 1) return pos[0]!;
  const cur = docCurrency(doc);
  let best = pos[0]!;
  let bestScore = -1;
  for (const po of pos) {
    const score =
      (doc.vendorKey !== undefined && po.vendorKey === doc.vendorKey ? 2 : 0) +
      (cur !== undefined && poCurrency(po) === cur ? 1 : 0);
    if (score > bestScore || (score === bestScore && po.id < best.id)) {
      best = po;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Whether a PO document shows that the PO exists: an import or a person vouched for it, or it was
 * seen as a document of its own, with its total or lines. A PO number only quoted on invoices and
 * e-mails proves nothing — treating it as known would hide every `unknown_po`, because the page
 * that quotes the number is also where the overlay first sees it.
 */
export function isEstablishedPo(po: Document): boolean {
  if (po.total !== undefined || po.lines.length > 0) return true;
  if (po.sources && Object.keys(po.sources).length > 0) return true;
  return po.confirmed.length > 0;
}

/** The documents of a run as the checks need them: PO groups, the invoices, and who to judge alone. */
interface Grouped {
  groups: PoKeyGroups;
  invoices: Document[];
  /** Only docs attributed to other keys than their own `poKeys` (credit notes through their invoice). */
  effKeys: Map<Document, string[]>;
  /** Docs that may need `conflicting_values` or `no_po_reference`, judged once keys are settled. */
  toJudge: Document[];
}

/**
 * One pass over the ledger: at this size every pass is mostly waiting for memory. A module function
 * taking what it needs, as are matchGroup and the checks, not closures inside `rematch`: optimized
 * code that calls closures made per run is thrown away when they die with the run (shapes.ts).
 */
function groupDocs(docs: Document[], scoped: boolean): Grouped {
  const groups = new PoKeyGroups(docs.length);
  const invoices: Document[] = [];
  const effKeys = new Map<Document, string[]>();
  /** Credit notes naming no PO (positions): a full run attributes them through their invoice once all are seen. */
  const unattributed: number[] = [];
  const toJudge: Document[] = [];
  for (let n = 0; n < docs.length; n++) {
    const d = docs[n]!;
    if (d.conflicts.length > 0) toJudge.push(d);
    if (d.kind === 'po') {
      if (isEstablishedPo(d)) groups.addPo(d.key, n);
      continue;
    }
    if (d.kind === 'invoice') invoices.push(d);
    const keys = d.poKeys;
    if (keys.length === 1) groups.addReference(keys[0]!, n);
    else if (keys.length > 1) for (const k of new Set(keys)) groups.addReference(k, n);
    else if (!scoped && d.kind === 'credit_note' && d.correctsKey) unattributed.push(n);
    else if (d.conflicts.length === 0) toJudge.push(d);
  }
  // Only a full run sees every invoice a credit note might correct; a scoped run relies on the PO
  // keys the ledger stored on it (creditNotePoKeys), or its answer would depend on what was loaded.
  if (unattributed.length > 0) {
    const invoicesByKey = new Map<string, Document[]>();
    for (const n of unattributed) invoicesByKey.set(docs[n]!.correctsKey!, []);
    for (const i of invoices) invoicesByKey.get(i.key)?.push(i);
    for (const n of unattributed) {
      const c = docs[n]!;
      const keys = effectiveKeys(c, invoicesByKey);
      effKeys.set(c, keys);
      for (const k of keys) groups.addReference(k, n);
      if (c.conflicts.length === 0) toJudge.push(c);
    }
  }
  return { groups, invoices, effKeys, toJudge };
}

/**
 * What matching one PO group needs from its run, and where it puts what it finds. A class with one
 * instance kept (shapes.ts), as PoContext: a literal made once per run changed hidden class every
 * run, and code compiled against the last one was thrown away.
 */
class GroupRun {
  readonly balances: PoBalance[] = [];
  readonly links: { docId: string; poId: string }[] = [];
  readonly suggestions: Suggestion[] = [];
  constructor(
    readonly docs: Document[],
    readonly groups: PoKeyGroups,
    readonly ctx: PoContext,
    /** Whether balances, links and suggestions are asked for (`returns: 'all'`). */
    readonly full: boolean,
    readonly near: NearPoFinder,
    readonly findings: Finding[],
  ) {}
}

function matchGroup(run: GroupRun, id: number): void {
  const { groups, docs, full, findings } = run;
  const key = groups.keyOf(id);
  const referencing = groups.references(id, docs);
  if (!groups.hasPos(id)) {
    for (const d of referencing) {
      findings.push(unknownPo(d, key));
      if (full) for (const s of run.near.suggest(d, key)) run.suggestions.push(s);
    }
    return;
  }
  // A PO nothing refers to raises no exception; only its balance (ordered, nothing billed) says anything.
  if (!full && referencing.length === 0) return;
  const group = groups.pos(id, docs);
  if (group.length === 1) {
    const po = group[0]!;
    if (full) for (const d of referencing) run.links.push({ docId: d.id, poId: po.id });
    const balance = checkPo(po, referencing, run.ctx);
    if (balance) run.balances.push(balance);
    return;
  }
  const assigned = new Map<Document, Document[]>();
  for (const po of group) assigned.set(po, []);
  for (const d of referencing) assigned.get(choosePo(group, d))!.push(d);
  for (const po of [...group].sort(byId)) {
    const mine = assigned.get(po)!;
    if (full) for (const d of mine) run.links.push({ docId: d.id, poId: po.id });
    const balance = checkPo(po, mine, run.ctx);
    if (balance) run.balances.push(balance);
  }
}

export function rematch(input: MatchInput): MatchOutput {
  const { docs, settings, scope } = input;
  const { groups, invoices, effKeys, toJudge } = groupDocs(docs, scope !== undefined);
  const keysOf = (d: Document): string[] => attributedKeys(d, effKeys);
  const scopeKeys = scope ? new Set(scope.poKeys) : undefined;
  const scopeDocIds = new Set(scope?.docIds ?? []);
  const inScope = (d: Document): boolean => {
    if (!scopeKeys || scopeDocIds.has(d.id)) return true;
    if (d.kind === 'po') return scopeKeys.has(d.key);
    return keysOf(d).some((k) => scopeKeys.has(k));
  };
  const keyInScope = (k: string) => !scopeKeys || scopeKeys.has(k) || (!scope && groups.has(k));

  const notDuplicate = new Set<string>();
  for (const e of input.existing) {
    if (e.type === 'duplicate_invoice' && e.resolution?.kind === 'not_duplicate') notDuplicate.add(e.id);
  }

  const findings: Finding[] = [];
  const full = input.returns !== 'exceptions';
  const ctx = new PoContext(new RunTolerances(settings), effKeys, notDuplicate, findings, full);
  const run = new GroupRun(docs, groups, ctx, full, new NearPoFinder(docs), findings);
  if (scopeKeys) {
    for (const key of scopeKeys) {
      const id = groups.find(key);
      if (id !== undefined) matchGroup(run, id);
    }
  } else {
    for (let id = 0; id < groups.size; id++) matchGroup(run, id);
  }

  for (const d of toJudge) {
    if ((d.conflicts.length === 0 && (d.kind === 'po' || keysOf(d).length > 0)) || !inScope(d)) continue;
    if (d.conflicts.length > 0) findings.push(conflicting(d, keysOf(d)));
    if (d.kind !== 'po' && keysOf(d).length === 0) findings.push(noPoReference(d));
  }

  for (const pair of findDuplicatePairs(invoices, inScope, !scope)) findings.push(duplicateFinding(pair));

  // Which docs are loaded matters only for judging stored exceptions and scoped runs.
  let loaded: Map<string, Document> | undefined;
  const loadedDoc = (id: string): Document | undefined => {
    if (!loaded) {
      loaded = new Map();
      for (const d of docs) loaded.set(d.id, d);
    }
    return loaded.get(id);
  };
  const decided = (e: { type: ExceptionType; poKey?: string | undefined; docIds: string[] }): boolean => {
    // The team sync raises and closes these from CouchDB's revisions; matching never judges them.
    if (e.type === 'sync_conflict') return false;
    if (PO_TYPES.has(e.type)) return e.poKey !== undefined && keyInScope(e.poKey);
    if (!e.docIds.every((id) => loadedDoc(id) !== undefined)) return false;
    if (!scope) return true;
    return e.docIds.some((id) => inScope(loadedDoc(id)!));
  };
  const { exceptions, upserts } = reconcile(findings, input.existing, decided, input.now);
  return { exceptions, upserts, balances: run.balances, links: run.links, suggestions: run.suggestions };
}

/**
 * One PO's balance from the documents around it (those not referencing it are ignored); duplicates
 * of a counted invoice and amounts in another currency are left out, as in `rematch`.
 */
export function poBalance(
  po: Document,
  related: Document[],
  settings: MatchSettings = DEFAULT_MATCH_SETTINGS,
): PoBalance {
  const invoicesByKey = new Map<string, Document[]>();
  for (const d of related) if (d.kind === 'invoice') pushTo(invoicesByKey, d.key, d);
  const effKeys = new Map<Document, string[]>();
  const mine: Document[] = [];
  for (const d of related) {
    if (d.kind === 'po' || d.id === po.id) continue;
    const keys = effectiveKeys(d, invoicesByKey);
    effKeys.set(d, keys);
    if (keys.includes(po.key)) mine.push(d);
  }
  return checkPo(po, mine.sort(byId), new PoContext(new RunTolerances(settings), effKeys, new Set(), [], true))!;
}

/** The PO keys a document is attributed to: a credit note's may come through its invoice (`effKeys`). */
function attributedKeys(d: Document, effKeys: Map<Document, string[]>): string[] {
  return (d.kind === 'credit_note' && effKeys.get(d)) || d.poKeys;
}

type VendorSettings = ReturnType<typeof settingsForVendor>;

/**
 * The tolerances and mode per vendor for one run: worked out once per vendor, once in all without
 * overrides. A class with one instance kept (shapes.ts), as is PoContext: objects made once per run
 * otherwise take the code of every PO check with them when they die.
 */
class RunTolerances {
  /** Set when no vendor has overrides: every vendor has these. */
  readonly defaults: VendorSettings | undefined;
  readonly byVendor = new Map<string | undefined, VendorSettings>();
  constructor(readonly settings: MatchSettings) {
    this.defaults =
      Object.keys(settings.vendorOverrides).length === 0 ? settingsForVendor(settings, undefined) : undefined;
  }
}

function tolerancesOf(t: RunTolerances, vendorKey: string | undefined): VendorSettings {
  if (t.defaults) return t.defaults;
  let s = t.byVendor.get(vendorKey);
  if (!s) {
    s = settingsForVendor(t.settings, vendorKey);
    t.byVendor.set(vendorKey, s);
  }
  return s;
}

/**
 * What every PO check of a run shares. Data only, no functions: optimized code that calls a
 * function created per run is thrown away when that function dies after the run (see shapes.ts).
 */
class PoContext {
  constructor(
    readonly tolerances: RunTolerances,
    /** Credit notes attributed through the invoice they correct (attributedKeys). */
    readonly effKeys: Map<Document, string[]>,
    readonly notDuplicate: Set<string>,
    readonly findings: Finding[],
    /** Whether the caller reads the balance: the checks need only the sums. */
    readonly balances: boolean,
  ) {}
}

/** Every PO-level check for one PO and the documents attributed to it; its balance when asked for. */
function checkPo(po: Document, related: Document[], ctx: PoContext): PoBalance | undefined {
  const { findings } = ctx;
  // A PO without currency or vendor takes them from its lowest-id document, whatever the load order.
  const poCur = poCurrency(po);
  let currency = poCur;
  let vendor = po.vendorKey;
  if (poCur === undefined || po.vendorKey === undefined) {
    let curFrom: string | undefined;
    let vendorFrom: string | undefined;
    for (const d of related) {
      const c = poCur === undefined ? docCurrency(d) : undefined;
      if (c !== undefined && (curFrom === undefined || d.id < curFrom)) {
        currency = c;
        curFrom = d.id;
      }
      if (po.vendorKey === undefined && d.vendorKey !== undefined && (vendorFrom === undefined || d.id < vendorFrom)) {
        vendor = d.vendorKey;
        vendorFrom = d.id;
      }
    }
  }
  currency ??= 'XXX';
  const tol = tolerancesOf(ctx.tolerances, vendor);
  const mode = po.matchMode ?? tol.mode;
  const poKey = po.key;
  const skipped: string[] = [];
  const invoices: Document[] = [];
  const cnAllocs: Allocation[] = [];
  const rcAllocs: Allocation[] = [];

  for (const d of related) {
    if (d.vendorKey !== undefined && po.vendorKey !== undefined && d.vendorKey !== po.vendorKey) {
      findings.push({
        type: 'vendor_mismatch',
        severity: d.kind === 'invoice' ? 'high' : 'medium',
        poKey,
        docIds: [po.id, d.id],
        message: `${docLabel(d)} is from ${vendorName(d)}, but PO ${po.number} is with ${vendorName(po)}`,
      });
    }
    const cur = docCurrency(d);
    if (cur !== undefined && cur !== currency) {
      skipped.push(d.id);
      const amount = d.total ? ` (${money(d.total.minor, d.total.currency)})` : '';
      findings.push({
        type: 'currency_mismatch',
        severity: d.kind === 'receipt' ? 'medium' : 'high',
        poKey,
        docIds: [po.id, d.id],
        message: `${docLabel(d)} is in ${cur}${amount}, but PO ${po.number} is in ${currency}; it is not counted in the PO balance`,
      });
      continue;
    }
    if (d.kind === 'invoice') {
      if (d.date && po.date && d.date < po.date) {
        findings.push({
          type: 'invoice_before_po',
          severity: 'medium',
          poKey,
          docIds: [po.id, d.id],
          message: `${docLabel(d)} is dated ${d.date}, before PO ${po.number} (${po.date})`,
        });
      }
      invoices.push(d);
    } else if (d.kind === 'credit_note') {
      cnAllocs.push(allocate(po, d, currency, attributedKeys(d, ctx.effKeys)));
    } else if (mode === '3way' || ctx.balances) {
      // Goods received matter to a 2-way PO's balance only, never to its checks.
      rcAllocs.push(allocate(po, d, currency, attributedKeys(d, ctx.effKeys)));
    }
  }

  // A later copy of an invoice already counted for this PO would bill it twice.
  if (invoices.length > 1) sortSmall(invoices, chronological);
  const invAllocs: Allocation[] = [];
  for (const inv of invoices) {
    if (invAllocs.length > 0 && isCountedCopy(inv, invAllocs, ctx.notDuplicate)) {
      skipped.push(inv.id);
      continue;
    }
    invAllocs.push(allocate(po, inv, currency, attributedKeys(inv, ctx.effKeys)));
  }
  const parts = { invoices: invAllocs, creditNotes: cnAllocs, receipts: rcAllocs, skippedDocIds: skipped };
  const sums = sumParts(po, currency, parts, ctx.balances);
  const ordered = orderedAmount(po, currency);

  checkClosed(po, invAllocs, cnAllocs, ordered, currency, findings);

  if (ordered !== undefined) {
    const net = sums.invoiced.amount - sums.credited.amount;
    const over = net - ordered;
    if (over > 0 && !withinMoneyTolerance(tol.total, over, ordered, currency)) {
      const docIds = [po.id, ...invAllocs.map((a) => a.doc.id), ...cnAllocs.map((a) => a.doc.id)];
      const toleranceText = describeMoneyTolerance(tol.total, currency);
      const overText = `${money(over, currency)} (${percentOf(over, ordered)})`;
      let message: string;
      if (invAllocs.length === 1 && cnAllocs.length === 0) {
        message = `Invoice ${invAllocs[0]!.doc.number} is ${overText} over PO ${po.number}; tolerance ${toleranceText}`;
      } else {
        const credits = cnAllocs.length ? ` less ${money(sums.credited.amount, currency)} credited` : '';
        message =
          `${invAllocs.length} invoices (${listLabels(invAllocs.map((a) => a.doc))}) total ` +
          `${money(sums.invoiced.amount, currency)}${credits}, ${overText} over PO ${po.number} ` +
          `(${money(ordered, currency)}); tolerance ${toleranceText}`;
      }
      findings.push({ type: 'over_billed', severity: 'high', poKey, docIds, message });
    }
  }

  checkPrices(po, invAllocs, currency, tol.price, findings);
  checkQuantities(po, sums, currency, invAllocs, rcAllocs, mode, tol.quantity, findings);
  return ctx.balances ? buildBalance(po, currency, mode, parts, sums) : undefined;
}

/**
 * Sorts in place; a PO has a handful of invoices, and for those an insertion sort costs a fraction
 * of `Array.prototype.sort`'s set-up, which a full run pays a hundred thousand times.
 */
function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): void {
  if (items.length > 16) {
    items.sort(compare);
    return;
  }
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
}

function isCountedCopy(inv: Document, counted: Allocation[], notDuplicate: Set<string>): boolean {
  for (const { doc: c } of counted) {
    if (
      c.key === inv.key &&
      c.vendorKey !== undefined &&
      c.vendorKey === inv.vendorKey &&
      sameNumberingPeriod(c.date, inv.date) &&
      !notDuplicate.has(exceptionId('duplicate_invoice', commonPoKey(c, inv), [c.id, inv.id]))
    ) {
      return true;
    }
  }
  return false;
}

function commonPoKey(a: Document, b: Document): string | undefined {
  const bk = new Set(b.poKeys);
  return [...a.poKeys].sort().find((k) => bk.has(k));
}

/** An invoice against a closed PO, or one arriving when earlier invoices (less credits) already billed it in full. */
function checkClosed(
  po: Document,
  invAllocs: Allocation[],
  cnAllocs: Allocation[],
  ordered: number | undefined,
  currency: string,
  findings: Finding[],
): void {
  if (po.status === 'closed') {
    for (const a of invAllocs) {
      findings.push({
        type: 'closed_po',
        severity: 'high',
        poKey: po.key,
        docIds: [po.id, a.doc.id],
        message: `${docLabel(a.doc)} bills PO ${po.number}, which is closed`,
      });
    }
    return;
  }
  if (ordered === undefined || ordered <= 0) return;
  // invAllocs are in chronological order already (checkPo sorts the invoices before allocating).
  let billed = 0;
  for (const a of invAllocs) {
    let credited = 0;
    for (const c of cnAllocs) if (!c.doc.date || !a.doc.date || c.doc.date <= a.doc.date) credited += c.amount;
    if (billed - credited >= ordered) {
      findings.push({
        type: 'closed_po',
        severity: 'high',
        poKey: po.key,
        docIds: [po.id, a.doc.id],
        message: `${docLabel(a.doc)} (${money(a.amount, currency)}) bills PO ${po.number}, which earlier invoices had already billed in full (${money(billed - credited, currency)} of ${money(ordered, currency)})`,
      });
    }
    billed += a.amount;
  }
}

/** Ids of the documents with a quantity on PO line `i`. */
function docsOnLine(allocs: Allocation[], i: number): string[] {
  const ids: string[] = [];
  for (const a of allocs) if (lineQuantity(a, i) !== undefined) ids.push(a.doc.id);
  return ids;
}

function lineName(po: Document, i: number): string {
  const l = po.lines[i];
  return l?.sku ?? l?.description ?? `line ${i + 1}`;
}

/** Each invoice's unit prices against the PO's, one exception per invoice naming the worst line. */
function checkPrices(
  po: Document,
  invAllocs: Allocation[],
  currency: string,
  tol: Tolerance,
  findings: Finding[],
): void {
  for (const a of invAllocs) {
    const inv = a.doc;
    // The lines as allocate() matched them to this PO's.
    const matched = a.matched;
    if (!matched) continue;
    let worst: { i: number; over: number; base: number; unit: number } | undefined;
    let count = 0;
    for (let j = 0; j < matched.length; j++) {
      const i = matched[j] ?? -1;
      const invUnit = inv.lines[j]?.unitPrice;
      const poUnit = po.lines[i]?.unitPrice;
      if (i < 0 || !invUnit || !poUnit || invUnit.currency !== currency || poUnit.currency !== currency) continue;
      const over = invUnit.minor - poUnit.minor;
      if (over > 0 && !withinMoneyTolerance(tol, over, poUnit.minor, currency)) {
        count++;
        // Worst by ratio, compared by cross-multiplication to stay in integers.
        if (!worst || over * worst.base > worst.over * poUnit.minor) {
          worst = { i, over, base: poUnit.minor, unit: invUnit.minor };
        }
      }
    }
    if (!worst) continue;
    const more = count > 1 ? ` (and ${count - 1} more ${count - 1 === 1 ? 'line' : 'lines'})` : '';
    findings.push({
      type: 'price_variance',
      severity: 'medium',
      poKey: po.key,
      docIds: [po.id, inv.id],
      message:
        `${docLabel(inv)} charges ${money(worst.unit, currency)} a unit for ${lineName(po, worst.i)}, ` +
        `${money(worst.over, currency)} (${percentOf(worst.over, worst.base)}) above PO ${po.number} ` +
        `(${money(worst.base, currency)})${more}; tolerance ${describeMoneyTolerance(tol, currency)}`,
    });
  }
}

/**
 * Invoiced quantity (less credited) against ordered, and in 3-way against received; in 3-way an
 * invoice with nothing received is `missing_receipt`. Receipts without lines prove delivery but not
 * quantities, so they satisfy `missing_receipt` and skip the received-quantity check.
 */
function checkQuantities(
  po: Document,
  sums: PoSums,
  currency: string,
  invAllocs: Allocation[],
  rcAllocs: Allocation[],
  mode: '2way' | '3way',
  tol: Tolerance,
  findings: Finding[],
): void {
  if (invAllocs.length === 0) return;
  // Filled only when a line is off: most POs have nothing to report.
  const problems: string[] = [];
  let involved: Set<string> | undefined;
  let receiptLines = false;
  for (const a of rcAllocs) if (hasLineQuantities(a)) receiptLines = true;
  const missing: string[] = [];
  let missingIds: Set<string> | undefined;
  for (let i = 0; i < po.lines.length; i++) {
    const invoiced = sums.invoiced.lineQty[i] ?? null;
    const net = (invoiced ?? 0) - (sums.credited.lineQty[i] ?? 0);
    if (invoiced === null || net <= 0) continue;
    const ordered = po.lines[i]!.quantity ?? null;
    if (ordered !== null && net <= ordered && (mode !== '3way' || !receiptLines)) continue;
    const name = lineName(po, i);
    if (ordered !== null && net > ordered && !withinQuantityTolerance(tol, net - ordered, ordered)) {
      problems.push(`${formatNumber(net)} invoiced of ${formatNumber(ordered)} ordered on ${name}`);
      involved ??= new Set();
      for (const id of docsOnLine(invAllocs, i)) involved.add(id);
    }
    if (mode !== '3way' || !receiptLines) continue;
    const received = sums.received.lineQty[i] ?? 0;
    if (received <= 0) {
      missing.push(`${formatNumber(net)} of ${name}`);
      missingIds ??= new Set();
      for (const id of docsOnLine(invAllocs, i)) missingIds.add(id);
    } else if (net > received && !withinQuantityTolerance(tol, net - received, received)) {
      problems.push(`${formatNumber(net)} invoiced but ${formatNumber(received)} received on ${name}`);
      involved ??= new Set();
      for (const id of docsOnLine(invAllocs, i)) involved.add(id);
      for (const id of docsOnLine(rcAllocs, i)) involved.add(id);
    }
  }
  if (problems.length > 0) {
    const more = problems.length > 2 ? `; and ${problems.length - 2} more lines` : '';
    findings.push({
      type: 'quantity_variance',
      severity: 'medium',
      poKey: po.key,
      docIds: [po.id, ...(involved ?? [])],
      message: `PO ${po.number}: ${problems.slice(0, 2).join('; ')}${more}; tolerance ${describeQuantityTolerance(tol)}`,
    });
  }
  if (mode !== '3way' || invAllocs.length === 0) return;
  if (rcAllocs.length === 0) {
    findings.push({
      type: 'missing_receipt',
      severity: 'high',
      poKey: po.key,
      docIds: [po.id, ...invAllocs.map((a) => a.doc.id)],
      message: `PO ${po.number} is 3-way matched, and ${listLabels(invAllocs.map((a) => a.doc))} ${invAllocs.length === 1 ? 'bills' : 'bill'} ${money(sums.invoiced.amount, currency)} with no goods receipt`,
    });
  } else if (missing.length > 0) {
    findings.push({
      type: 'missing_receipt',
      severity: 'high',
      poKey: po.key,
      docIds: [po.id, ...(missingIds ?? [])],
      message: `PO ${po.number} is 3-way matched; nothing received for ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more lines` : ''} already invoiced`,
    });
  }
}

function unknownPo(d: Document, key: string): Finding {
  const amount = d.total ? ` (${money(d.total.minor, d.total.currency)})` : '';
  return {
    type: 'unknown_po',
    severity: d.kind === 'invoice' ? 'high' : 'medium',
    poKey: key,
    docIds: [d.id],
    message: `${docLabel(d)}${amount} references PO ${key}, which is not in the ledger`,
  };
}

function noPoReference(d: Document): Finding {
  const amount = d.total ? ` (${money(Math.abs(d.total.minor), d.total.currency)})` : '';
  const from = vendorName(d) ? ` from ${vendorName(d)}` : '';
  let message: string;
  if (d.kind === 'credit_note') {
    // Worded from the credit note alone: whether its invoice is loaded must not change the message.
    message = d.correctsKey
      ? `${docLabel(d)}${from}${amount} corrects invoice ${d.correctsKey}, but no PO of that invoice is known; it credits no PO balance`
      : `${docLabel(d)}${from}${amount} names no PO and no invoice; it credits no PO balance`;
  } else {
    message = `${docLabel(d)}${from}${amount} quotes no PO number`;
  }
  return {
    type: 'no_po_reference',
    severity: d.kind === 'invoice' ? 'medium' : 'low',
    docIds: [d.id],
    message,
  };
}

function describeValue(value: unknown): string {
  if (value && typeof value === 'object' && 'minor' in value && 'currency' in value) {
    const { minor, currency } = value as { minor: unknown; currency: unknown };
    if (typeof minor === 'number' && Number.isInteger(minor) && typeof currency === 'string') {
      return money(minor, currency);
    }
  }
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function conflicting(d: Document, keys: string[]): Finding {
  const kept = (field: string): string => {
    const v = (d as Record<string, unknown>)[field];
    return v === undefined ? 'nothing' : describeValue(v);
  };
  const fields = [...new Set(d.conflicts.map((c) => c.field))].sort();
  const parts = fields.map((f) => {
    const others = [...new Set(d.conflicts.filter((c) => c.field === f).map((c) => describeValue(c.value)))].sort();
    return `${f} ${kept(f)} (kept) vs ${others.join(', ')}`;
  });
  const poKey = d.kind === 'po' ? d.key : new Set(keys).size === 1 ? keys[0] : undefined;
  // poKey in the literal even when undefined: a property added afterwards makes a hidden class
  // that dies with the run, and with it the optimized code (shapes.ts).
  return {
    type: 'conflicting_values',
    severity: 'medium',
    poKey,
    docIds: [d.id],
    message: `${docLabel(d)} was seen with conflicting values: ${parts.join('; ')}`,
  };
}

function duplicateFinding(p: DuplicatePair): Finding {
  const { first, second } = p;
  const poKey = commonPoKey(first, second);
  const amounts = (d: Document) => (d.total ? money(d.total.minor, d.total.currency) : 'no total');
  const dated = (d: Document) => d.date ?? 'undated';
  // poKey in the literal even when undefined, as in `conflicting`.
  if (p.exact) {
    // On a team ledger, who recorded each entry: the clerk about to pay it sees who saw it first.
    const seenBy = (d: Document) => {
      const s = d.sightings.find((x) => x.clerk);
      return s ? `, seen by ${s.clerk}${s.title ? ` on “${s.title.slice(0, 80)}”` : ''}` : '';
    };
    return {
      type: 'duplicate_invoice',
      severity: 'high',
      poKey,
      docIds: [first.id, second.id],
      message:
        `${docLabel(second)} from ${vendorName(second)} was already recorded ` +
        `(${dated(first)}, ${amounts(first)}${seenBy(first)}; again ${dated(second)}, ${amounts(second)}${seenBy(second)}); pay it once`,
    };
  } else {
    const signs: string[] = [];
    if (p.signs.nearKey) signs.push(first.key === second.key ? 'same number' : 'near-identical number');
    if (p.signs.vendor) signs.push('same vendor');
    if (p.signs.dates) signs.push(`dated ${dated(first)} and ${dated(second)}`);
    if (p.signs.total) signs.push(`same total ${amounts(first)}`);
    return {
      type: 'possible_duplicate',
      severity: 'medium',
      poKey,
      docIds: [first.id, second.id],
      message: `${docLabel(second)} may duplicate ${docLabelLower(first)}: ${signs.join(', ')}`,
    };
  }
}

/**
 * POs of the same vendor whose key is one edit from, or OCR-equal to, an unknown key. On first use
 * every PO is indexed once by key hash and loose-key hash (chains through arrays, not an array per
 * key), with the characters each vendor's PO numbers use; then the one-edit neighbours of an unknown
 * key are probed over that vendor's characters (digits, mostly): a couple of hundred integer lookups
 * (keyhash.ts) instead of a comparison with every PO of a large vendor. Hits are verified.
 */
class NearPoFinder {
  private index?: {
    pos: Document[];
    byKey: ChainHeads;
    keyFilter: HashFilter;
    nextKey: Int32Array;
    byLoose: ChainHeads;
    nextLoose: Int32Array;
    /** Per vendor, the characters its PO numbers use, as sorted char codes. */
    alphabets: Map<string, number[]>;
  };
  constructor(private readonly docs: Document[]) {}

  private build() {
    const pos: Document[] = [];
    for (const d of this.docs) if (d.kind === 'po' && d.vendorKey !== undefined) pos.push(d);
    const byKey = new ChainHeads(pos.length);
    const keyFilter = new HashFilter(pos.length);
    const byLoose = new ChainHeads(pos.length);
    const nextKey = new Int32Array(pos.length).fill(-1);
    const nextLoose = new Int32Array(pos.length).fill(-1);
    const chars = new Map<string, Set<number>>();
    for (let i = 0; i < pos.length; i++) {
      const po = pos[i]!;
      const k = keyHash(po.key);
      keyFilter.add(k);
      byKey.link(nextKey, k, i);
      byLoose.link(nextLoose, keyHash(po.looseKey), i);
      let used = chars.get(po.vendorKey!);
      if (!used) {
        used = new Set();
        chars.set(po.vendorKey!, used);
      }
      for (let c = 0; c < po.key.length; c++) used.add(po.key.charCodeAt(c));
    }
    const alphabets = new Map<string, number[]>();
    for (const [vendor, used] of chars)
      alphabets.set(
        vendor,
        [...used].sort((x, y) => x - y),
      );
    return { pos, byKey, keyFilter, nextKey, byLoose, nextLoose, alphabets };
  }

  suggest(d: Document, key: string): Suggestion[] {
    if (d.vendorKey === undefined) return [];
    this.index ??= this.build();
    const { pos, byKey, keyFilter, nextKey, byLoose, nextLoose, alphabets } = this.index;
    const alphabet = alphabets.get(d.vendorKey);
    if (!alphabet) return [];
    const vendor = d.vendorKey;
    const found = new Map<string, { po: Document; reason: string }>();
    const loose = looseKey(key);
    for (let i = byLoose.first(keyHash(loose)); i !== -1; i = nextLoose[i]!) {
      const po = pos[i]!;
      if (po.vendorKey === vendor && po.looseKey === loose && po.key !== key && !found.has(po.id))
        found.set(po.id, { po, reason: 'same vendor, characters that scan alike (O/0, I/1, S/5, B/8)' });
    }
    forEachOneEdit(key, alphabet, (h) => {
      if (!keyFilter.mayHave(h)) return;
      for (let i = byKey.first(h); i !== -1; i = nextKey[i]!) {
        const po = pos[i]!;
        if (po.vendorKey !== vendor || po.key === key || found.has(po.id) || distance(po.key, key) !== 1) continue;
        found.set(po.id, { po, reason: 'same vendor, one character apart' });
      }
    });
    return [...found.values()]
      .sort((a, b) => byId(a.po, b.po))
      .map(({ po, reason }) => ({
        docId: d.id,
        referencedKey: key,
        candidatePoId: po.id,
        candidateKey: po.key,
        reason,
      }));
  }
}

keepShape(
  new GroupRun(
    [],
    new PoKeyGroups(1),
    new PoContext(new RunTolerances(DEFAULT_MATCH_SETTINGS), new Map(), new Set(), [], false),
    false,
    new NearPoFinder([]),
    [],
  ),
);
