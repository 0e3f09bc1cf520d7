import type { SyncReport } from './store';

function when(iso: string | undefined, now: Date): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'at an unknown time';
  const s = Math.round((now.getTime() - t) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Longer than any sync keeps the worker busy between two writes of its report. */
const INTERRUPTED_MS = 10 * 60_000;

const changes = (n: number) => `${n} change${n === 1 ? '' : 's'}`;

/** The Team panel's one sentence about the sync (up to date, offline, N waiting, rejected …). */
export function syncSentence(r: SyncReport, now: Date): string {
  const waiting = r.waiting > 0 ? ` ${changes(r.waiting)} waiting to be sent.` : '';
  const refused =
    r.refusedTotal > 0
      ? ` ${r.refusedTotal} document${r.refusedTotal === 1 ? ' from the server was' : 's from the server were'} refused as malformed; your ledger is unchanged by ${r.refusedTotal === 1 ? 'it' : 'them'}.`
      : '';
  const unsent =
    r.unsentTotal > 0
      ? ` ${r.unsentTotal === 1 ? '1 record of yours was' : `${r.unsentTotal} records of yours were`} not sent (${r.unsent[0]?.reason ?? 'unreadable'}); ${r.unsentTotal === 1 ? 'it stays' : 'they stay'} in your ledger.`
      : '';
  const last = r.lastSuccessAt ? ` Last synced ${when(r.lastSuccessAt, now)}.` : ' Never synced yet.';
  switch (r.state) {
    case 'never':
      return `Not synced yet.${waiting}`;
    case 'syncing':
      // A worker stopped mid-sync leaves this state behind; the next sync resumes where it was.
      if (r.at && now.getTime() - Date.parse(r.at) > INTERRUPTED_MS) {
        return `The last sync was interrupted; the next one carries on where it stopped.${last}${waiting}`;
      }
      return `Syncing…${last}${waiting}`;
    case 'up_to_date':
      return `Up to date — synced ${when(r.at, now)}${r.pulled || r.pushed ? ` (${r.pulled} received, ${r.pushed} sent)` : ''}.${waiting}${refused}${unsent}`;
    case 'offline':
      return `Offline: ${r.detail ?? 'the server did not answer'}.${last}${waiting}`;
    case 'rejected':
      return `Rejected: ${r.detail ?? 'wrong password or no access'}.${last}${waiting}`;
    default:
      return `The sync stopped: ${r.detail ?? 'unexpected error'}.${last}${waiting}${refused}${unsent}`;
  }
}
