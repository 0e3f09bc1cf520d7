/**
 * Matching's PO balance for the popup's lists: a chunk of its own, loaded beside a list's first reads
 * (lib/ledger/statuses.ts awaits it only when a PO on file is listed), so the popup's first code
 * does not carry matching.
 */
import type { PoBalanceOf } from '@/lib/ledger/statuses';

let loading: Promise<PoBalanceOf> | undefined;

export function loadPoBalance(): Promise<PoBalanceOf> {
  loading ??= import('@/lib/match').then(
    (m) => m.poBalance,
    (error: unknown) => {
      // A failed load (an update replaced the chunk) is tried again by the next read.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
