/**
 * The popup's ledger: the lists and the lookup read Dexie directly (lookup.ts, queries.ts), a
 * record's group loads its reader and matching as a chunk of their own (reads.ts), and the service —
 * writes, CSV, backups — is a chunk loaded the first time it is called or `preload`ed. The popup's
 * first view then waits on about a third less code.
 */
import { openLedgerDb } from '@/lib/ledger/db';
import { lookupDocuments, sightingsForUrl } from '@/lib/ledger/lookup';
import type { Ledger } from '@/lib/ledger/service';
import { timed } from './timing';

export interface PopupLedger {
  ledger: Ledger;
  /** Starts loading the service now (after the first paint, or when a record is opened). */
  preload: () => Promise<Ledger>;
}

export function openPopupLedger(): PopupLedger {
  const db = openLedgerDb();
  let service: Promise<Ledger> | undefined;
  const preload = () => {
    // Writes carry the team ledger's clerk; the team store comes with the service, not before.
    service ??= Promise.all([import('@/lib/ledger/service'), import('@/lib/sync/store')]).then(
      ([{ createLedger }, { createTeamStore }]) => {
        const team = createTeamStore();
        return createLedger(db, { now: () => new Date(), newId: () => crypto.randomUUID(), clerk: () => team.clerk() });
      },
    );
    return service;
  };
  const direct: Partial<Ledger> = {
    db,
    lookup: (query, limit) => lookupDocuments(db, query, limit),
    recentSightingsForUrl: (url, limit) => sightingsForUrl(db, url, limit),
    // A record's group needs matching (reads.ts and lib/match), not the service's write side.
    getRecord: async (docId) => {
      const { readRecord } = await timed('record.load', () => import('@/lib/ledger/reads'));
      return timed('record.read', () => readRecord(db, docId, new Date().toISOString()));
    },
  };
  // Every other member is a ledger call that returns a promise: it waits for the service, then runs.
  const ledger = new Proxy(direct, {
    get(target, name: string | symbol) {
      if (name in target) return target[name as keyof Ledger];
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (...args: unknown[]) =>
        preload().then((l) => (l[name as keyof Ledger] as (...a: unknown[]) => unknown)(...args));
    },
  }) as Ledger;
  return { ledger, preload };
}
