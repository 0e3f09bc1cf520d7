import { useEffect, useState } from 'preact/hooks';
import {
  dateTimeText,
  docStatus,
  docTitle,
  EXCEPTION_LABEL,
  groupExceptions,
  KIND_LABEL,
  moneyText,
} from '@/components/display';
import { ErrorNotice } from '@/components/ErrorNotice';
import { enableSites, listSites, scanTab, type TargetTab } from '@/components/extension';
import { errorText, useLedger } from '@/components/ledger-context';
import type { Document } from '@/lib/model/document';
import type { ExceptionType, MatchException } from '@/lib/model/exception';
import { EXCEPTION_TYPES } from '@/lib/model/exception';
import { vendorKey } from '@/lib/model/keys';
import { type DocRow, matchingCount, openExceptionPage, pageDocuments, recentDocuments } from './queries';
import { useScreenfulFirst } from './screenful';
import { useFirstRender } from './timing';

export const PAGE_SIZE = 50;

/** One document as a line: kind, number (opens the record), vendor, total, status. */
export function DocLine({ row, onOpen, extra }: { row: DocRow; onOpen: (id: string) => void; extra?: string }) {
  const { doc, open } = row;
  const status = docStatus(doc, open);
  return (
    <li class="item doc-line" data-kind={doc.kind}>
      <span class="badge kind">{KIND_LABEL[doc.kind]}</span>
      <button type="button" class="open mono" onClick={() => onOpen(doc.id)} aria-label={`Open ${docTitle(doc)}`}>
        {doc.number}
      </button>
      <span class="grow muted ellipsis">{doc.vendor ?? ''}</span>
      <span class="num">{moneyText(doc.total)}</span>
      <span class={`badge ${status.tone}`}>{status.text}</span>
      {extra && <span class="visually-hidden">{extra}</span>}
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
 * Open exceptions, newest first, grouped by type with counts; filters by type and vendor. `allCounts`
 * (open exceptions per type, read by Home after the first paint) fills in the counts; under a vendor
 * filter the counts come with the page.
 */
export function Attention({
  onOpen,
  allCounts,
}: {
  onOpen: (id: string) => void;
  allCounts: ReadonlyMap<ExceptionType, number> | undefined;
}) {
  const ledger = useLedger();
  const [type, setType] = useState('');
  const [vendor, setVendor] = useState('');
  const [shown, setShown] = useState(PAGE_SIZE);
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

  return (
    <div class="stack">
      <fieldset class="row plain-fieldset">
        <legend class="visually-hidden">Filters</legend>
        <label>
          Type
          <select
            value={type}
            onChange={(e) => {
              setType(e.currentTarget.value);
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
              setVendor(e.currentTarget.value);
              setShown(PAGE_SIZE);
            }}
          />
        </label>
      </fieldset>
      <ErrorNotice text={error?.message} />
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
              <h3 id={`group-${g.type}`} class="row">
                {count === undefined ? (
                  <span class={`badge ${g.severity}`} data-testid="count-pending">
                    <span aria-hidden="true">…</span>
                    <span class="visually-hidden">counting</span>
                  </span>
                ) : (
                  <span class={`badge ${g.severity}`}>{count}</span>
                )}
                {g.label}
              </h3>
              <ul class="plain">
                {g.items.map((e) => (
                  <ExceptionLine key={e.id} exception={e} docs={value.docs} onOpen={onOpen} />
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

function ExceptionLine({
  exception,
  docs,
  onOpen,
}: {
  exception: MatchException;
  docs: Map<string, Document>;
  onOpen: (id: string) => void;
}) {
  const related = exception.docIds.map((id) => docs.get(id)).filter((d): d is Document => !!d);
  const first = related.find((d) => d.kind !== 'po') ?? related[0];
  const vendor = related.find((d) => d.vendor)?.vendor;
  return (
    <li class="item exception-line" data-type={exception.type}>
      <div class="grow">
        <p class="message">{exception.message}</p>
        <p class="muted small">
          {vendor ? `${vendor} · ` : ''}opened {dateTimeText(exception.openedAt)}
        </p>
      </div>
      {first && (
        <button type="button" onClick={() => onOpen(first.id)} aria-label={`Open ${docTitle(first)}`}>
          Open
        </button>
      )}
    </li>
  );
}
