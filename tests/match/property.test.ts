import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affectedPoKeys, createMatchIndex, creditNotePoKeys, groupQuery, type MatchOutput, rematch } from '@/lib/match';
import { poFileOf, poFileQuestions } from '@/lib/match/po-file';
import type { Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { DEFAULT_MATCH_SETTINGS } from '@/lib/model/settings';
import { doc, line, NOW } from './fixtures';

/** Small pools so that keys, vendors, totals and dates collide often: every check gets exercised. */
const PO_NUMBERS = ['4500', '4501', '45O1', '4502', '45020', '900'];
const INV_NUMBERS = ['INV-10', 'INV-1O', 'INV-11', 'INV-100', 'INV-12'];
const VENDORS = ['Acme Corp', 'Globex', undefined];
const DATES = ['2025-01-03', '2025-12-30', '2026-01-02', '2026-01-05', '2026-06-01', undefined];
const TOTALS = ['100.00', '250.00', '1000.00', '1000.50', undefined];
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const docArb = fc.record({
  kind: pick(['po', 'po', 'invoice', 'invoice', 'invoice', 'receipt', 'credit_note'] as const),
  po: pick(PO_NUMBERS),
  inv: pick(INV_NUMBERS),
  refs: fc.subarray(PO_NUMBERS, { maxLength: 2 }),
  vendor: pick(VENDORS),
  date: pick(DATES),
  total: pick(TOTALS),
  currency: pick(CURRENCIES),
  qty: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  mode: pick(['2way', '3way', undefined] as const),
  closed: fc.boolean(),
  conflict: fc.integer({ min: 0, max: 9 }),
});

type Spec = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: Spec[]): Document[] {
  return specs.map((s, i) => {
    const number = s.kind === 'po' ? s.po : s.inv;
    const d = doc(s.kind, number, {
      id: `d${String(i).padStart(3, '0')}`,
      vendor: s.vendor,
      date: s.date,
      total: s.total,
      currency: s.currency,
      createdAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
    });
    if (s.vendor === undefined) {
      delete d.vendor;
      delete d.vendorKey;
    }
    if (s.date === undefined) delete d.date;
    if (s.kind !== 'po') d.poKeys = s.refs.map((r) => doc('po', r).key);
    if (s.kind === 'credit_note' && s.refs.length === 0) d.correctsKey = doc('invoice', s.inv).key;
    if (s.qty !== undefined) d.lines = [line('SKU-1', s.qty, s.total ? '10.00' : undefined, s.currency)];
    if (s.kind === 'po') {
      if (s.mode) d.matchMode = s.mode;
      if (s.closed) d.status = 'closed';
    }
    if (s.conflict === 0) d.conflicts = [{ field: 'total', value: 'other', seenAt: NOW, via: 'scan' }];
    return d;
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function canonical(out: MatchOutput) {
  return {
    links: out.links.map((l) => `${l.docId}>${l.poId}`).sort(cmp),
    balances: [...out.balances].sort((a, b) => cmp(a.poId, b.poId)),
    exceptions: out.exceptions,
    suggestions: out.suggestions.map((s) => `${s.docId}>${s.candidatePoId}`).sort(cmp),
  };
}

const docsArb = fc.array(docArb, { minLength: 1, maxLength: 24 }).map(build);

describe('matching properties', () => {
  it('the same documents in any insertion order give the same links, balances and exceptions', () => {
    fc.assert(
      fc.property(
        docsArb.chain((docs) => fc.tuple(fc.constant(docs), fc.shuffledSubarray(docs, { minLength: docs.length }))),
        ([docs, shuffled]) => {
          const a = rematch({ docs, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW });
          const b = rematch({ docs: shuffled, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW });
          expect(canonical(b)).toEqual(canonical(a));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('asking only for exceptions gives the same exceptions, and no links, balances or suggestions', () => {
    fc.assert(
      fc.property(docsArb, (docs) => {
        const all = rematch({ docs, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW });
        const lean = rematch({ docs, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW, returns: 'exceptions' });
        expect(lean.exceptions).toEqual(all.exceptions);
        expect(lean.upserts).toEqual(all.upserts);
        expect(lean.links).toEqual([]);
        expect(lean.balances).toEqual([]);
        expect(lean.suggestions).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('re-running with the stored exceptions yields no upserts', () => {
    fc.assert(
      fc.property(docsArb, (docs) => {
        const first = rematch({ docs, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW });
        const again = rematch({
          docs: [...docs].reverse(),
          existing: first.exceptions,
          settings: DEFAULT_MATCH_SETTINGS,
          now: 'later',
        });
        expect(again.upserts).toEqual([]);
        expect(again.exceptions).toEqual(first.exceptions);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('re-matching one changed document through groupQuery agrees with a full re-match', () => {
    fc.assert(
      fc.property(docsArb, fc.nat(), (generated, n) => {
        // As the ledger stores them: a credit note carries the PO keys of the invoice it corrects.
        const docs = generated.map((d) =>
          d.kind === 'credit_note' ? { ...d, poKeys: creditNotePoKeys(d, generated) } : d,
        );
        const changed = docs[n % docs.length]!;
        const full = rematch({ docs, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW });
        const q = groupQuery(affectedPoKeys(changed), [changed]);
        const keys = new Set(q.poKeys);
        const vendors = new Set(q.vendorKeys);
        const docKeys = new Set(q.docKeys.map((k) => `${k.kind}:${k.key}`));
        // What the ledger would load through its indexes.
        const loaded = docs.filter(
          (d) =>
            (d.kind === 'po' && keys.has(d.key)) ||
            d.poKeys.some((k) => keys.has(k)) ||
            docKeys.has(`${d.kind}:${d.key}`) ||
            (d.vendorKey !== undefined && vendors.has(d.vendorKey)) ||
            (d.kind === 'invoice' &&
              q.totals.some(
                (t) =>
                  d.total?.minor === t.minor &&
                  d.total.currency === t.currency &&
                  d.date !== undefined &&
                  d.date >= t.from &&
                  d.date <= t.to,
              )),
        );
        const ids = new Set(loaded.map((d) => d.id));
        const existing = full.exceptions.filter(
          (e) => (e.poKey && keys.has(e.poKey)) || e.docIds.some((id) => ids.has(id)),
        );
        // What the ledger tells a scoped run of the rest of the ledger: the answers to poFileQuestions.
        const asked = poFileQuestions(loaded);
        const whole = poFileOf(docs);
        const poFile = {
          imported: whole.imported,
          vendors: new Set(asked.vendorKeys.filter((v) => whole.vendors.has(v))),
        };
        const part = rematch({
          docs: loaded,
          existing,
          settings: DEFAULT_MATCH_SETTINGS,
          now: 'later',
          scope: { poKeys: q.poKeys, docIds: q.docIds },
          poFile,
        });
        expect(part.upserts).toEqual([]);
        // Every exception the full run holds about the changed doc is decided the same way here.
        const aboutChanged = (e: { docIds: string[] }) => e.docIds.includes(changed.id);
        expect(part.exceptions.filter(aboutChanged)).toEqual(full.exceptions.filter(aboutChanged));
        // Every PO-level exception of the groups in scope too.
        const docLevel = new Set(['no_po_reference', 'conflicting_values', 'duplicate_invoice', 'possible_duplicate']);
        const ofGroup = (e: { type: string; poKey?: string }) =>
          !docLevel.has(e.type) && e.poKey !== undefined && keys.has(e.poKey);
        expect(part.exceptions.filter(ofGroup)).toEqual(full.exceptions.filter(ofGroup));
        // Balances of the groups in scope match the full run's.
        const fullBalances = full.balances.filter((b) => keys.has(b.poKey)).sort((a, b) => cmp(a.poId, b.poId));
        expect([...part.balances].sort((a, b) => cmp(a.poId, b.poId))).toEqual(fullBalances);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('the in-memory index', () => {
  it('documents arriving (and changing) one by one in any order end where a full re-match of them ends', () => {
    const edit = fc.record({
      at: fc.nat(),
      total: pick(TOTALS),
      refs: fc.subarray(PO_NUMBERS, { maxLength: 2 }),
      vendor: pick(VENDORS),
    });
    fc.assert(
      fc.property(
        docsArb.chain((docs) => fc.shuffledSubarray(docs, { minLength: docs.length })),
        fc.array(edit, { maxLength: 4 }),
        (arrivals, edits) => {
          const index = createMatchIndex([], DEFAULT_MATCH_SETTINGS);
          for (const [i, d] of arrivals.entries()) index.rematchFor(d, `t${i}`);
          // A clerk corrects a document: another total, other PO numbers, another vendor.
          for (const [i, e] of edits.entries()) {
            const before = index.docs().find((d) => d.id === arrivals[e.at % arrivals.length]!.id)!;
            const after = build([
              {
                kind: before.kind,
                po: before.number,
                inv: before.number,
                refs: e.refs,
                vendor: e.vendor,
                date: before.date,
                total: e.total,
                currency: before.total?.currency ?? 'USD',
                qty: undefined,
                mode: undefined,
                closed: false,
                conflict: 1,
              },
            ])[0]!;
            index.rematchFor(
              { ...after, id: before.id, createdAt: before.createdAt, correctsKey: before.correctsKey },
              `e${i}`,
            );
          }
          const full = rematch({ docs: index.docs(), existing: [], settings: DEFAULT_MATCH_SETTINGS, now: 'end' });
          const openOf = (xs: MatchException[]) =>
            xs
              .filter((e) => e.state === 'open')
              .map((e) => `${e.id} ${e.message}`)
              .sort(cmp);
          expect(openOf(index.exceptions())).toEqual(openOf(full.exceptions));
          // And a full re-match over the index's own exceptions has nothing left to change.
          expect(index.rematchAll('end').upserts).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
