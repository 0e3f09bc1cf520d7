import type { ExceptionType, MatchException } from '../model/exception';
import { idOfSorted } from './ids';
import type { Finding } from './rematch';

function sameDocIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
}

/**
 * Turns this run's findings into the stored exceptions, against what is stored:
 * - new finding → opened now;
 * - open and still found → kept (rewritten only if its message or severity changed);
 * - resolved by a person and found again → kept exactly as the person left it;
 * - closed as resolved_by_data and found again → reopened;
 * - open, decided by this run and no longer found → closed as resolved_by_data, kept in history.
 * `decided` says which stored exceptions this run is entitled to judge (its scope); findings are
 * within it by construction.
 */
export function reconcile(
  findings: Finding[],
  existing: MatchException[],
  decided: (e: { type: ExceptionType; poKey?: string | undefined; docIds: string[] }) => boolean,
  now: string,
): { exceptions: MatchException[]; upserts: MatchException[] } {
  const stored = new Map<string, MatchException>();
  for (const e of existing) stored.set(e.id, e);
  const desired = new Map<string, MatchException>();
  const upserts: MatchException[] = [];
  for (const f of findings) {
    const docIds = f.docIds.length === 1 ? f.docIds : [...new Set(f.docIds)].sort();
    const id = idOfSorted(f.type, f.poKey, docIds);
    if (desired.has(id)) continue;
    const prev = stored.get(id);
    const fresh: MatchException = {
      id,
      type: f.type,
      severity: f.severity,
      docIds,
      message: f.message,
      openedAt: now,
      resolvedAt: null,
      resolution: null,
      state: 'open',
    };
    if (f.poKey !== undefined) fresh.poKey = f.poKey;
    if (!prev) {
      desired.set(id, fresh);
      upserts.push(fresh);
    } else if (prev.state === 'open') {
      if (prev.message === f.message && prev.severity === f.severity && sameDocIds(prev.docIds, docIds)) {
        desired.set(id, prev);
      } else {
        const updated = { ...fresh, openedAt: prev.openedAt };
        desired.set(id, updated);
        upserts.push(updated);
      }
    } else if (prev.resolution?.kind === 'resolved_by_data') {
      desired.set(id, fresh);
      upserts.push(fresh);
    } else {
      desired.set(id, prev);
    }
  }
  for (const e of stored.values()) {
    if (desired.has(e.id) || !decided(e)) continue;
    if (e.state === 'open') {
      const closed: MatchException = {
        ...e,
        state: 'resolved',
        resolvedAt: now,
        resolution: { kind: 'resolved_by_data' },
      };
      desired.set(e.id, closed);
      upserts.push(closed);
    } else {
      desired.set(e.id, e);
    }
  }
  const byId = (a: MatchException, b: MatchException) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const exceptions = [...desired.values()].sort(byId);
  // Every upsert is also desired: one sort serves both (a first full run upserts tens of thousands).
  const written = new Set(upserts);
  return { exceptions, upserts: exceptions.filter((e) => written.has(e)) };
}
