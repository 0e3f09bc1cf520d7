import { useEffect, useRef, useState } from 'preact/hooks';
import {
  DUPLICATE_TYPES,
  dateText,
  dateTimeText,
  docTitle,
  EXCEPTION_LABEL,
  groupExceptions,
  KIND_LABEL,
  kindNoun,
  moneyText,
  SEVERITY_ICON,
  SEVERITY_LABEL,
} from '@/components/display';
import { ErrorNotice } from '@/components/ErrorNotice';
import { enableSites, listSites, scanTab, type TargetTab } from '@/components/extension';
import { errorText, useLedger } from '@/components/ledger-context';
import { StatusBadge } from '@/components/StatusBadge';
import type { DocStatus } from '@/lib/match/status';
import type { Suggestion } from '@/lib/match/types';
import type { Document } from '@/lib/model/document';
import type { ExceptionType, MatchException } from '@/lib/model/exception';
import { EXCEPTION_TYPES } from '@/lib/model/exception';
import { vendorKey } from '@/lib/model/keys';
import {
  type AttentionFilter,
  type DocRow,
  matchingCount,
  openExceptionPage,
  pageDocuments,
  recentDocuments,
} from './queries';
import { useScreenfulFirst } from './screenful';
import { useFirstRender } from './timing';

export const PAGE_SIZE = 50;

/** A document's facts in a row: number and vendor, total; kind and date; status. */
export function DocSummary({
  doc,
  status,
  number,
}: {
  doc: Document;
  status: DocStatus;
  number: preact.ComponentChild;
}) {
  return (
    <>
      <span class="title">
        {number}
        <span class="vendor ellipsis">{doc.vendor ?? ''}</span>
      </span>
      <span class="total num">{moneyText(doc.total)}</span>
      <span class="meta">
        {KIND_LABEL[doc.kind]}
        {doc.date ? ` · ${dateText(doc.date)}` : ''}
      </span>
      <span class="status">
        <StatusBadge status={status} />
      </span>
    </>
  );
}

/** One document as a line: its number opens the record. */
export function DocLine({ row, onOpen }: { row: Pick<DocRow, 'doc' | 'status'>; onOpen: (id: string) => void }) {
  const { doc, status } = row;
  return (
    <li class="item doc-line" data-kind={doc.kind} data-status={status.code}>
      <DocSummary
        doc={doc}
        status={status}
        number={
          <button type="button" class="open mono" onClick={() => onOpen(doc.id)} aria-label={`Open ${docTitle(doc)}`}>
            {doc.number}
          </button>
        }
      />
    </li>
  );
}

function ShowMore({ more, onMore, what }: { more: boolean; onMore: () => void; what: string }) {
  if (!more) return null;
  return (
    <button type="button" class="link show-more" onClick={onMore}>
      Show {PAGE_SIZE} more {what}
    </button>
  );
}

/** `shown` is false while Home still decides which view to open: the list reads, hidden, meanwhile. */
export function Recent({ onOpen, shown = true }: { onOpen: (id: string) => void; shown?: boolean }) {
  const ledger = useLedger();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const { value, complete } = useScreenfulFirst((n) => recentDocuments(ledger.db, n), limit, [], 'recent');
  useFirstRender(!!value && shown);
  if (!value) return <p class="muted">Loading…</p>;
  if (value.rows.length === 0) return <p class="muted">No numbers seen yet.</p>;
  return (
    <>
      <ul class="plain" aria-label="Recently seen numbers">
        {value.rows.map((row) => (
          <DocLine key={row.doc.id} row={row} onOpen={onOpen} />
        ))}
      </ul>
      <ShowMore more={complete && value.more} onMore={() => setLimit(limit + PAGE_SIZE)} what="numbers" />
    </>
  );
}

/** The numbers found on the tab the popup was opened over, with "Enable on this site" / "Scan this page". */
export function ThisPage({ tab, onOpen }: { tab: TargetTab | undefined; onOpen: (id: string) => void }) {
  const ledger = useLedger();
  const [sites, setSites] = useState<string[] | undefined>(undefined);
  const [note, setNote] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [shown, setShown] = useState(PAGE_SIZE);
  const url = tab?.url ?? '';
  const { value: read, complete } = useScreenfulFirst((n) => pageDocuments(ledger.db, url, n), shown, [url], 'page');
  const value = read?.rows;

  useEffect(() => {
    listSites()
      .then(setSites)
      .catch(() => setSites([]));
  }, []);
  useFirstRender(!!value);

  const origin = tab?.origin;
  const enabled = !!origin && !!sites?.includes(origin);

  const enable = async () => {
    if (!origin || !tab) return;
    setNote(undefined);
    try {
      setSites(await enableSites([origin]));
      if (tab.id >= 0) await scanTab(tab.id).catch(() => undefined);
      setNote({ text: `Tieout is on for ${origin}; this page was scanned.`, error: false });
    } catch (e) {
      setNote({ text: errorText(e), error: true });
    }
  };
  const scan = async () => {
    if (!tab) return;
    setNote(undefined);
    try {
      await scanTab(tab.id);
      setNote({ text: 'Scanned. Numbers found appear below.', error: false });
    } catch (e) {
      setNote({ text: `This page could not be scanned: ${errorText(e)}`, error: true });
    }
  };

  return (
    <div class="stack">
      {origin ? (
        <div class="row">
          <span class="grow muted ellipsis" title={url}>
            {tab?.title || url}
          </span>
          {sites !== undefined && !enabled && (
            <button type="button" class="primary" onClick={() => void enable()}>
              Enable on this site
            </button>
          )}
          <button type="button" onClick={() => void scan()}>
            Scan this page
          </button>
        </div>
      ) : (
        <p class="muted">This tab is not a web page Tieout can read. Open a supplier portal or your webmail.</p>
      )}
      {note && (
        <p class={`notice ${note.error ? 'error' : 'ok'}`} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
      {value && value.length > 0 ? (
        <>
          <ul class="plain" aria-label="Numbers on this page">
            {value.map((row) => (
              <DocLine key={row.doc.id} row={row} onOpen={onOpen} />
            ))}
          </ul>
          <ShowMore
            more={complete && (read?.total ?? 0) > shown}
            onMore={() => setShown(shown + PAGE_SIZE)}
            what="numbers"
          />
        </>
      ) : (
        value &&
        origin && (
          <p class="muted" data-testid="page-empty">
            {enabled
              ? 'No PO or invoice number found on this page yet. Scan it again after it has loaded.'
              : 'Tieout is off on this site. Enable it to find PO and invoice numbers here, or scan this page once.'}
          </p>
        )
      )}
    </div>
  );
}

/**
 * Open exceptions, newest first, grouped by type with counts; filters by type and vendor (kept by
 * the caller, so they survive opening a record and coming back). Each exception can be resolved
 * where it is listed — accepted with a note, marked not a duplicate, or linked to a suggested PO —
 * with Undo. `allCounts` (open exceptions per type, read by Home after the first paint) fills in
 * the counts; under a vendor filter the counts come with the page.
 */
export function Attention({
  onOpen,
  allCounts,
  filter,
  onFilter,
}: {
  onOpen: (id: string) => void;
  allCounts: ReadonlyMap<ExceptionType, number> | undefined;
  filter: AttentionFilter;
  onFilter: (f: AttentionFilter) => void;
}) {
  const ledger = useLedger();
  const { type, vendor } = filter;
  const [shown, setShown] = useState(PAGE_SIZE);
  const [done, setDone] = useState<Resolved | undefined>(undefined);
  const [undoError, setUndoError] = useState('');
  const { value, error, complete } = useScreenfulFirst(
    (n) => openExceptionPage(ledger.db, { type, vendor }, n),
    shown,
    [type, vendor],
    'attention',
  );
  useFirstRender(!!value);

  const counts = value?.counts ?? allCounts;
  const allCount = counts ? matchingCount(counts, '') : undefined;
  const page = value?.page ?? [];
  const groups = groupExceptions(page);
  const offered = EXCEPTION_TYPES.filter((t) => counts?.has(t) || t === type || groups.some((g) => g.type === t));

  const undo = async () => {
    if (!done) return;
    setUndoError('');
    try {
      await done.undo();
      setDone(undefined);
    } catch (e) {
      setUndoError(errorText(e));
    }
  };

  return (
    <div class="stack">
      <fieldset class="row plain-fieldset">
        <legend class="visually-hidden">Filters</legend>
        <label>
          Type
          <select
            value={type}
            onChange={(e) => {
              onFilter({ type: e.currentTarget.value, vendor });
              setShown(PAGE_SIZE);
            }}
          >
            <option value="">All types{countText(allCount)}</option>
            {offered.map((t) => (
              <option key={t} value={t}>
                {EXCEPTION_LABEL[t]}
                {countText(counts ? (counts.get(t) ?? 0) : undefined)}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          Vendor
          <input
            type="search"
            placeholder="Any vendor"
            value={vendor}
            onInput={(e) => {
              onFilter({ type, vendor: e.currentTarget.value });
              setShown(PAGE_SIZE);
            }}
          />
        </label>
      </fieldset>
      {done && (
        <div class="notice ok row" role="status" data-testid="resolved">
          <span class="grow">{done.text}</span>
          <button type="button" onClick={() => void undo()}>
            Undo
          </button>
        </div>
      )}
      <ErrorNotice text={undoError || error?.message} />
      {!value ? (
        <p class="muted">Loading…</p>
      ) : page.length === 0 ? (
        <p class="notice ok" data-testid="attention-empty">
          {!type && !vendorKey(vendor)
            ? 'Nothing needs attention: every invoice seen so far ties out to its PO.'
            : 'No open exception matches these filters.'}
        </p>
      ) : (
        groups.map((g) => {
          const count = counts?.get(g.type);
          return (
            <section key={g.type} aria-labelledby={`group-${g.type}`} class="group">
              <h3 id={`group-${g.type}`}>
                {count === undefined ? (
                  <span class={`badge ${g.severity}`} data-testid="count-pending">
                    <span aria-hidden="true">…</span>
                    <span class="visually-hidden">counting</span>
                  </span>
                ) : (
                  <span class={`badge ${g.severity}`} data-testid="count">
                    {count}
                  </span>
                )}
                <span>{g.label}</span>
              </h3>
              <ul class="plain">
                {g.items.map((e) => (
                  <ExceptionLine
                    key={e.id}
                    exception={e}
                    docs={value.docs}
                    onOpen={onOpen}
                    onResolved={(r) => {
                      setUndoError('');
                      setDone(r);
                    }}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
      {value && <ShowMore more={complete && value.more} onMore={() => setShown(shown + PAGE_SIZE)} what="exceptions" />}
    </div>
  );
}

/** " (12)" after a filter option, once the count is known. */
function countText(n: number | undefined): string {
  return n === undefined ? '' : ` (${n})`;
}

/** A decision just taken from the list: what it was, and how to take it back. */
interface Resolved {
  text: string;
  undo: () => Promise<unknown>;
}

/** An exception's severity in a word and a symbol, as well as its colour. */
export function SeverityTag({ severity }: { severity: MatchException['severity'] }) {
  return (
    <span class={`severity ${severity}`} data-testid="severity">
      <span aria-hidden="true">{SEVERITY_ICON[severity]}</span>
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

function ExceptionLine({
  exception,
  docs,
  onOpen,
  onResolved,
}: {
  exception: MatchException;
  docs: Map<string, Document>;
  onOpen: (id: string) => void;
  onResolved: (r: Resolved) => void;
}) {
  const ledger = useLedger();
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [suggestions, setSuggestions] = useState<Suggestion[] | undefined>(undefined);
  const noteField = useRef<HTMLInputElement>(null);
  // Opening the panel puts the caret in the note: type why, Tab to the decision.
  useEffect(() => {
    if (resolving) noteField.current?.focus();
  }, [resolving]);
  const related = exception.docIds.map((id) => docs.get(id)).filter((d): d is Document => !!d);
  const first = related.find((d) => d.kind !== 'po') ?? related[0];
  const vendor = related.find((d) => d.vendor)?.vendor;
  const panelId = `resolve-${exception.id}`;
  const what = `${EXCEPTION_LABEL[exception.type]}${first ? ` on ${docTitle(first)}` : ''}`;

  // An unknown PO is resolved by linking the PO it was meant to be: the suggestions come with the record.
  useEffect(() => {
    if (!resolving || exception.type !== 'unknown_po' || suggestions || !first) return;
    ledger
      .getRecord(first.id)
      .then((r) => setSuggestions(r?.suggestions.filter((s) => s.referencedKey === exception.poKey) ?? []))
      .catch(() => setSuggestions([]));
  }, [resolving, exception, first, ledger, suggestions]);

  const act = async (work: () => Promise<Resolved>) => {
    setError('');
    try {
      onResolved(await work());
    } catch (e) {
      setError(errorText(e));
    }
  };
  const accept = () =>
    act(async () => {
      await ledger.acceptException(exception.id, note);
      return { text: `Accepted: ${what}.`, undo: () => ledger.reopenException(exception.id) };
    });
  const notDuplicate = () =>
    act(async () => {
      await ledger.markNotDuplicate(exception.id, note);
      return { text: `Marked not a duplicate: ${what}.`, undo: () => ledger.reopenException(exception.id) };
    });
  const link = (s: Suggestion) =>
    act(async () => {
      const doc = docs.get(s.docId) ?? first;
      if (!doc) throw new Error('That document is no longer in the ledger; nothing was linked.');
      const previous = { poKeys: doc.poKeys, confirmed: doc.confirmed, sources: doc.sources };
      await ledger.linkSuggestion(
        s.docId,
        s.candidateKey,
        note.trim() || `Linked from the suggestion (${s.candidateKey})`,
      );
      return {
        text: `Linked ${docTitle(doc)} to PO ${s.candidateKey}.`,
        undo: () => ledger.undoLink(s.docId, previous, [exception.id]),
      };
    });

  return (
    <li class="item exception-line" data-type={exception.type}>
      <div class="row">
        <SeverityTag severity={exception.severity} />
        <span class="muted small grow">
          {vendor ? `${vendor} · ` : ''}found {dateTimeText(exception.openedAt)}
        </span>
      </div>
      <p class="message">{exception.message}</p>
      <div class="row actions">
        <button
          type="button"
          aria-expanded={resolving}
          aria-controls={panelId}
          onClick={() => setResolving(!resolving)}
        >
          Resolve…
        </button>
        {first && (
          <button type="button" class="quiet" onClick={() => onOpen(first.id)} aria-label={`Open ${docTitle(first)}`}>
            Open {kindNoun(first.kind)}
          </button>
        )}
      </div>
      {resolving && (
        <fieldset id={panelId} class="resolve stack plain-fieldset">
          <legend class="visually-hidden">Resolve {what}</legend>
          <label>
            Note (why this is fine)
            <input
              ref={noteField}
              type="text"
              maxLength={2000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <div class="row">
            {exception.type === 'unknown_po' &&
              suggestions?.map((s) => (
                <button type="button" class="primary" key={s.candidatePoId} onClick={() => void link(s)}>
                  Link PO {s.candidateKey}
                </button>
              ))}
            {DUPLICATE_TYPES.has(exception.type) && (
              <button type="button" class="primary" onClick={() => void notDuplicate()}>
                Not a duplicate
              </button>
            )}
            <button
              type="button"
              class={DUPLICATE_TYPES.has(exception.type) || suggestions?.length ? '' : 'primary'}
              onClick={() => void accept()}
            >
              Accept
            </button>
            <button type="button" class="quiet" onClick={() => setResolving(false)}>
              Cancel
            </button>
          </div>
          {exception.type === 'unknown_po' && suggestions === undefined && (
            <p class="muted small">Looking for a near PO…</p>
          )}
        </fieldset>
      )}
      <ErrorNotice text={error} />
    </li>
  );
}
