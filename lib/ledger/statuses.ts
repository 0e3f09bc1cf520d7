/**
 * The status of a set of documents, as every view shows it (lib/match/status.ts decides; this reads
 * what it decides from): their open exceptions, which of their POs are on file, and the balances of
 * the POs among them. Every read is queued at once, so IndexedDB answers them in one round; the
 * popup calls this inside `liveQuery`, the service inside its transactions.
 */
import { isEstablishedPo } from '@/lib/match/established';
import { PO_TYPES } from '@/lib/match/finding';
import { type BalanceFigures, balanceFigures, type DocStatus, documentStatus } from '@/lib/match/status';
import type { PoBalance } from '@/lib/match/types';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { whereAnyOf } from './any-of';
import type { TieoutDB } from './db';

/** lib/match's `poBalance`: handed in, so a view can load matching beside its first reads rather than before them. */
export type PoBalanceOf = (po: Document, related: Document[]) => PoBalance;

export interface DocWithStatus {
  doc: Document;
  /** Open exceptions about it (for a PO, also those under its key), newest first. */
  open: MatchException[];
  status: DocStatus;
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Open exceptions per document: by its id, and for a PO also the PO checks under its key (an
 * invoice's variance on it, an unknown_po while it is only quoted).
 */
export async function openExceptionsOf(
  db: TieoutDB,
  docs: readonly Document[],
): Promise<Map<string, MatchException[]>> {
  const byDoc = new Map<string, MatchException[]>();
  if (docs.length === 0) return byDoc;
  const poKeys = unique(docs.filter((d) => d.kind === 'po').map((d) => d.key));
  const [byId, byPo] = await Promise.all([
    whereAnyOf(db.exceptions, 'docIds', unique(docs.map((d) => d.id))),
    poKeys.length > 0 ? whereAnyOf(db.exceptions, 'poKey', poKeys) : Promise.resolve([]),
  ]);
  const ofId = new Map<string, MatchException[]>();
  const ofPoKey = new Map<string, MatchException[]>();
  const seen = new Set<string>();
  for (const e of [...byId, ...byPo]) {
    if (e.state !== 'open' || seen.has(e.id)) continue;
    seen.add(e.id);
    for (const id of e.docIds) pushTo(ofId, id, e);
    if (e.poKey) pushTo(ofPoKey, e.poKey, e);
  }
  for (const doc of docs) {
    const mine = new Map((ofId.get(doc.id) ?? []).map((e) => [e.id, e]));
    // A PO's own checks, not its invoices' (a possible duplicate between two of them is theirs).
    if (doc.kind === 'po') for (const e of ofPoKey.get(doc.key) ?? []) if (PO_TYPES.has(e.type)) mine.set(e.id, e);
    const list = [...mine.values()].sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
    byDoc.set(doc.id, list);
  }
  return byDoc;
}

/**
 * Each document with its open exceptions and its status, in the order given. `opts` lends
 * exceptions or POs already read (a record view has its group): nothing is read twice.
 */
export async function readStatuses(
  db: TieoutDB,
  docs: readonly Document[],
  opts: {
    /**
     * Matching's balance of a PO, or a promise of it while matching loads: asked for only when a
     * PO on file is among `docs`, so a list without one never waits for matching.
     */
    poBalance: () => PoBalanceOf | Promise<PoBalanceOf>;
    /** POs already read, by key or not: which are on file needs no read for them. */
    pos?: readonly Document[];
    /** What references each of these PO keys, read already (a PO's record has its group). */
    related?: ReadonlyMap<string, Document[]>;
    /**
     * Balances of the POs of over-billed documents, by PO key, for "Over-billed by £768.00" (a
     * record has them). Without, an over-billed document says "Over-billed": lists show the label only.
     */
    balances?: ReadonlyMap<string, BalanceFigures>;
  },
): Promise<DocWithStatus[]> {
  if (docs.length === 0) return [];
  const given = new Map<string, Document>();
  for (const p of opts.pos ?? []) given.set(p.key, p);
  // The POs the documents reference, to tell which are on file.
  const refKeys = unique(docs.filter((d) => d.kind !== 'po').flatMap((d) => d.poKeys));
  const wantedPos = refKeys.filter((k) => !given.has(k));
  // The POs among the documents, on file, need what references them for their balance.
  const ownPos = docs.filter((d) => d.kind === 'po' && isEstablishedPo(d));
  const [open, refPos, related, poBalance] = await Promise.all([
    openExceptionsOf(db, docs),
    whereAnyOf(
      db.documents,
      '[kind+key]',
      wantedPos.map((k) => ['po', k]),
    ),
    Promise.all(ownPos.map((po) => opts.related?.get(po.key) ?? db.documents.where('poKeys').equals(po.key).toArray())),
    ownPos.length > 0 ? opts.poBalance() : undefined,
  ]);
  const onFile = new Set<string>();
  for (const p of [...refPos, ...(opts.pos ?? [])]) if (isEstablishedPo(p)) onFile.add(p.key);
  const balances = new Map<string, BalanceFigures>();
  if (poBalance) {
    ownPos.forEach((po, i) => {
      balances.set(po.id, balanceFigures(poBalance(po, related[i] ?? [])));
    });
  }
  const overBalances = opts.balances ?? new Map<string, BalanceFigures>();
  return docs.map((doc) => {
    const mine = open.get(doc.id) ?? [];
    const figures =
      doc.kind === 'po'
        ? [balances.get(doc.id)].filter((b): b is BalanceFigures => !!b)
        : doc.poKeys.map((k) => overBalances.get(k)).filter((b): b is BalanceFigures => !!b);
    const status = documentStatus(doc, {
      open: mine,
      onFile,
      balances: figures,
      poOnFile: doc.kind === 'po' && isEstablishedPo(doc),
    });
    return { doc, open: mine, status };
  });
}
