import type { MatchException, Resolution } from '@/lib/model/exception';

/**
 * A clerk's decision on an exception, kept with its time, author and note. `not_duplicate` only
 * fits duplicate checks and `linked` only an unknown PO (the clerk took a suggestion);
 * `resolved_by_data` is matching's own verdict, never a clerk's.
 */
export function resolveException(ex: MatchException, resolution: Resolution, now: string): MatchException {
  if (resolution.kind === 'resolved_by_data') {
    throw new Error('An exception is closed as "resolved by data" only by matching itself; nothing was changed.');
  }
  if (resolution.kind === 'not_duplicate' && ex.type !== 'duplicate_invoice' && ex.type !== 'possible_duplicate') {
    throw new Error(`Only a duplicate can be marked "not a duplicate"; this is ${ex.type}. Nothing was changed.`);
  }
  if (resolution.kind === 'linked' && ex.type !== 'unknown_po') {
    throw new Error(
      `Only an unknown PO can be resolved by linking a suggestion; this is ${ex.type}. Nothing was changed.`,
    );
  }
  const kept: Resolution = { kind: resolution.kind };
  if (resolution.note !== undefined) kept.note = resolution.note;
  if (resolution.by !== undefined) kept.by = resolution.by;
  return { ...ex, state: 'resolved', resolvedAt: now, resolution: kept };
}

/** Undo a clerk's decision: the exception is open again and the next re-match judges it afresh. */
export function reopenException(ex: MatchException, now: string): MatchException {
  return { ...ex, state: 'open', openedAt: now, resolvedAt: null, resolution: null };
}
