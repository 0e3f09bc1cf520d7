import { createLedger } from '@/lib/ledger';
import { openLedgerDb } from '@/lib/ledger/db';
import type { Detection } from '@/lib/model/detection';
import { numberKey } from '@/lib/model/keys';

let dbCount = 0;

/** A ledger on a fresh fake-indexeddb database with a clock that moves one second per call. */
export function makeLedger(start = '2025-03-01T09:00:00.000Z') {
  const name = `tieout-test-${process.pid}-${++dbCount}-${Math.random().toString(36).slice(2)}`;
  const db = openLedgerDb({ name });
  let t = Date.parse(start);
  let id = 0;
  const ledger = createLedger(db, {
    now: () => {
      t += 1000;
      return new Date(t);
    },
    newId: () => `id-${String(++id).padStart(6, '0')}`,
  });
  return { db, ledger, name };
}

export function detection(kind: Detection['kind'], number: string, extra: Partial<Detection> = {}): Detection {
  return {
    kind,
    number,
    key: numberKey(number),
    confidence: 0.9,
    evidence: `label for ${number}`,
    span: { block: 0, start: 0, end: number.length },
    ...extra,
  };
}

/** An amount in euro cents, as detections and documents carry it. */
export const eur = (minor: number) => ({ minor, currency: 'EUR' });

export const page = (url = 'https://portal.example.com/invoices/1', title = 'Invoice') => ({ url, title });
