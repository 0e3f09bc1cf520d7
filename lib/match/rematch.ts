/**
 * One matching run: groups the documents by PO key, runs each PO group's checks (over-billing.ts,
 * variances.ts), the reference checks (references.ts), conflicting values (conflicts.ts) and the
 * duplicate search (duplicates.ts), then reconciles the findings with the stored exceptions.
 */
import type { Document } from '@/lib/model/document';
import type { ExceptionType } from '@/lib/model/exception';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '@/lib/model/settings';
import { conflicting } from './conflicts';
import { duplicateFinding, findDuplicatePairs } from './duplicates';
import { type Finding, PO_TYPES } from './finding';
import { PoKeyGroups } from './groups';
import { compareIds } from './ids';
import { checkPo } from './over-billing';
import { attributedKeys, PoContext, RunTolerances } from './po-context';
import { expectsPoOnFile, type PoFile, poFileOf } from './po-file';
import { reconcile } from './reconcile';
import { choosePo, effectiveKeys, isEstablishedPo, NearPoFinder, noPoReference, unknownPo } from './references';
import { keepShape } from './shapes';
import type { MatchInput, MatchOutput, PoBalance, Suggestion } from './types';

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
    /** Which POs the clerk can expect on file (po-file.ts): a missing one is `unknown_po` only then. */
    readonly file: PoFile,
  ) {}
}

function matchGroup(run: GroupRun, id: number): void {
  const { groups, docs, full, findings } = run;
  const key = groups.keyOf(id);
  const referencing = groups.references(id, docs);
  if (!groups.hasPos(id)) {
    for (const d of referencing) {
      if (expectsPoOnFile(d, run.file)) findings.push(unknownPo(d, key));
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
  for (const po of [...group].sort(compareIds)) {
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
  const run = new GroupRun(docs, groups, ctx, full, new NearPoFinder(docs), findings, input.poFile ?? poFileOf(docs));
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
  return checkPo(po, mine.sort(compareIds), new PoContext(new RunTolerances(settings), effKeys, new Set(), [], true))!;
}

keepShape(
  new GroupRun(
    [],
    new PoKeyGroups(1),
    new PoContext(new RunTolerances(DEFAULT_MATCH_SETTINGS), new Map(), new Set(), [], false),
    false,
    new NearPoFinder([]),
    [],
    { imported: false, vendors: new Set() },
  ),
);
