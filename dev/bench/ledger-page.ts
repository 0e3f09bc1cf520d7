/**
 * Browser side of dev/bench/ledger.bench.ts: bundled by esbuild and run in Chromium on a loopback
 * page, where IndexedDB is the real one. Not shipped in the extension.
 */
import { createLedger, openLedgerDb } from '@/lib/ledger';
import { parseCsvFile } from '@/lib/ledger/csv';
import { V2_STORES } from '@/lib/ledger/db';
import { mergeIncoming } from '@/lib/ledger/merge';
import type { Document } from '@/lib/model/document';
import { generatePoCsv } from '@/tests/fixtures/csv/generate-po-csv';

interface Timing {
  ms: number;
  rowsPerSec: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at] as number;
}

function deleteDb(name: string): Promise<void> {
  return new Promise((ok, fail) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => ok();
    req.onerror = () => fail(req.error);
    req.onblocked = () => ok();
  });
}

/** The `documents` store with the very indexes Dexie declares for version 2, created by hand. */
function openRawDb(name: string): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('documents', { keyPath: 'id' });
      for (const spec of V2_STORES.documents.split(',').slice(1)) {
        const s = spec.trim();
        const multi = s.startsWith('*');
        const name = s.replace(/^\*/, '');
        const keyPath = name.startsWith('[') ? name.slice(1, -1).split('+') : name;
        store.createIndex(name, keyPath, { multiEntry: multi });
      }
    };
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

/** The reference: every document put in one read-write transaction with the bare IndexedDB API. */
async function rawWrite(name: string, docs: Document[]): Promise<number> {
  await deleteDb(name);
  const db = await openRawDb(name);
  const t0 = performance.now();
  await new Promise<void>((ok, fail) => {
    const tx = db.transaction('documents', 'readwrite');
    const store = tx.objectStore('documents');
    for (const d of docs) store.put(d);
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  });
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

async function rawLookup(name: string, keys: string[]): Promise<number[]> {
  const db = await openRawDb(name);
  const times: number[] = [];
  for (const key of keys) {
    const t0 = performance.now();
    await new Promise<void>((ok, fail) => {
      const req = db.transaction('documents').objectStore('documents').index('key').getAll(key, 20);
      req.onsuccess = () => ok();
      req.onerror = () => fail(req.error);
    });
    times.push(performance.now() - t0);
  }
  db.close();
  return times.sort((a, b) => a - b);
}

async function run(rows: number, reps: number) {
  const csv = generatePoCsv(rows);
  const warm = generatePoCsv(2000, 7);
  const clock = { now: () => new Date(), newId: () => crypto.randomUUID() };

  // Warm-up: JIT and the IndexedDB backend, on small files, not measured.
  {
    await deleteDb('bench-warm');
    const db = openLedgerDb({ name: 'bench-warm' });
    await createLedger(db, clock).importCsv(warm);
    await rawWrite('bench-warm-raw', await db.documents.toArray());
    db.close();
  }

  // The documents an import into an empty ledger stores, built the same way, for the raw reference.
  const now = new Date().toISOString();
  const rawDocs = parseCsvFile(csv, { source: { name: 'pos.csv', seenAt: now } }).incoming.map(
    (inc) => mergeIncoming(undefined, inc, now, () => crypto.randomUUID()).doc,
  );

  const imports: Timing[] = [];
  const writes: Timing[] = [];
  const raws: Timing[] = [];
  const phases: string[] = [];
  let docs: Document[] = [];
  let ledgerDbName = '';
  const measureRaw = async (rep: number) => {
    const rawMs = await rawWrite(`bench-raw-${rep}`, rawDocs);
    raws.push({ ms: rawMs, rowsPerSec: rawDocs.length / (rawMs / 1000) });
  };
  for (let rep = 0; rep < reps; rep++) {
    // Alternate which side goes first, so neither always pays for the other's background compaction.
    if (rep % 2 === 1) await measureRaw(rep);
    ledgerDbName = `bench-ledger-${rep}`;
    await deleteDb(ledgerDbName);
    const db = openLedgerDb({ name: ledgerDbName });
    await db.open();
    const ledger = createLedger(db, clock);
    let writeStart = 0;
    const t0 = performance.now();
    phases.length = 0;
    await ledger.importCsv(csv, undefined, {
      fileName: 'pos.csv',
      onProgress: (p) => {
        if (p.phase === 'reading' && p.done > 0) writeStart = performance.now();
        phases.push(`${p.phase}:${p.done}@${Math.round(performance.now() - t0)}`);
      },
    });
    const t1 = performance.now();
    imports.push({ ms: t1 - t0, rowsPerSec: rows / ((t1 - t0) / 1000) });
    writes.push({ ms: t1 - writeStart, rowsPerSec: rows / ((t1 - writeStart) / 1000) });
    if (rep === reps - 1) docs = await db.documents.toArray();
    db.close();
    if (rep % 2 === 0) await measureRaw(rep);
    if (rep < reps - 1) {
      await deleteDb(ledgerDbName);
      await deleteDb(`bench-raw-${rep}`);
    }
  }

  // Lookups against the last imported ledger (100,000 documents stored).
  const db = openLedgerDb({ name: ledgerDbName });
  const ledger = createLedger(db, clock);
  const stored = await db.documents.count();
  let seed = 11;
  const pick = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return docs[seed % docs.length] as Document;
  };
  const sample = Array.from({ length: 300 }, pick);
  const time = async (queries: string[], check: (hits: number) => boolean) => {
    const times: number[] = [];
    let misses = 0;
    for (const q of queries) {
      const t0 = performance.now();
      const hits = await ledger.lookup(q, 20);
      times.push(performance.now() - t0);
      if (!check(hits.length)) misses++;
    }
    times.sort((a, b) => a - b);
    return { median: percentile(times, 50), p95: percentile(times, 95), misses };
  };
  const byKey = await time(
    sample.map((d) => d.number),
    (n) => n >= 1,
  );
  const byPrefix = await time(
    sample.map((d) => d.key.slice(0, 7)),
    (n) => n === 20,
  );
  const byLoose = await time(
    sample.map((d) => `PO ${d.key.replace(/0/g, 'O').replace(/1/g, 'l')}`),
    (n) => n >= 1,
  );
  const byVendor = await time(
    sample.map((d) => (d.vendor ?? '').slice(0, 6)),
    (n) => n >= 1,
  );
  // A page reporting numbers with 100,000 documents stored: merge, group re-match, statuses — one transaction.
  const reportTimes: number[] = [];
  for (let i = 0; i < 60; i++) {
    const po = pick();
    const t0 = performance.now();
    await ledger.recordSightings(
      [
        {
          kind: 'invoice',
          number: `INV-${900000 + i}`,
          key: String(900000 + i),
          confidence: 0.9,
          evidence: 'label "Invoice"',
          span: { block: 0, start: 0, end: 10 },
          vendor: po.vendor,
          total: po.total ? { minor: Math.round(po.total.minor / 2), currency: po.total.currency } : undefined,
          issueDate: '2025-06-01',
          poKeys: [po.key],
        },
        {
          kind: 'po',
          number: po.number,
          key: po.key,
          confidence: 0.9,
          evidence: 'label "PO"',
          span: { block: 1, start: 0, end: 10 },
        },
      ],
      { url: `https://portal.example.com/invoices/${i}`, title: 'Invoice' },
    );
    reportTimes.push(performance.now() - t0);
  }
  reportTimes.sort((a, b) => a - b);
  db.close();
  const raw = await rawLookup(
    `bench-raw-${reps - 1}`,
    sample.map((d) => d.key),
  );

  for (let rep = 0; rep < reps; rep++) {
    await deleteDb(`bench-ledger-${rep}`);
    await deleteDb(`bench-raw-${rep}`);
  }
  await deleteDb('bench-warm');
  await deleteDb('bench-warm-raw');
  return {
    rows,
    phases,
    csvBytes: csv.length,
    stored,
    imports,
    writes,
    raws,
    lookup: {
      byKey,
      byPrefix,
      byLoose,
      byVendor,
      rawKey: { median: percentile(raw, 50), p95: percentile(raw, 95) },
    },
    report: { median: percentile(reportTimes, 50), p95: percentile(reportTimes, 95) },
  };
}

(globalThis as unknown as { runLedgerBench: typeof run }).runLedgerBench = run;
