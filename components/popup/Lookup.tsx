import { useEffect, useRef, useState } from 'preact/hooks';
import { clampQuery, KIND_LABEL } from '@/components/display';
import { ErrorNotice } from '@/components/ErrorNotice';
import { errorText, type LookupHit, useLedger } from '@/components/ledger-context';
import { useLiveResult } from '@/components/useLiveQuery';
import { readStatuses } from '@/lib/ledger/statuses';
import type { DocStatus } from '@/lib/match/status';
import { DOC_KINDS, type DocKind } from '@/lib/model/document';
import { numberKey } from '@/lib/model/keys';
import { DocSummary } from './lists';
import { loadPoBalance } from './matching';
import { recordLookupTiming, timed } from './timing';

const RESULT_LIMIT = 20;

const MATCHED_BY: Record<LookupHit['matchedBy'], string> = {
  key: 'number',
  prefix: 'number starts with',
  loose: 'similar number (OCR)',
  vendor: 'vendor',
  amount: 'amount',
};

export interface LookupProps {
  query: string;
  onQuery: (q: string) => void;
  onOpen: (docId: string) => void;
  /** Where a number tracked from here was seen: the page in front of the clerk, if any. */
  source: { url: string; title: string };
}

interface Results {
  query: string;
  hits: LookupHit[];
  statuses: Map<string, DocStatus>;
}

/** Something typed that could be a document number: has a digit and a short key. */
function trackable(q: string): boolean {
  const key = numberKey(q);
  return key.length > 0 && key.length <= 40 && /[0-9]/.test(key);
}

/**
 * The search box (focused on open) and its as-you-type results, as an ARIA combobox: arrow keys
 * move, Enter opens the highlighted (first) result, Escape clears.
 */
export function Lookup({ query, onQuery, onOpen, source }: LookupProps) {
  const ledger = useLedger();
  const input = useRef<HTMLInputElement>(null);
  const typedAt = useRef<{ query: string; at: number } | undefined>(undefined);
  const [active, setActive] = useState(0);
  const q = clampQuery(query);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const { value: results, error } = useLiveResult<Results | undefined>(async () => {
    if (!q) return undefined;
    const hits = await timed('lookup.docs', () => ledger.lookup(q, RESULT_LIMIT));
    const rows = await timed('lookup.exceptions', () =>
      readStatuses(
        ledger.db,
        hits.map((h) => h.doc),
        { poBalance: loadPoBalance },
      ),
    );
    return { query: q, hits, statuses: new Map(rows.map((r) => [r.doc.id, r.status])) };
  }, [q]);

  const current = results && results.query === q ? results : undefined;
  const hits = current?.hits ?? [];

  useEffect(() => {
    setActive(0);
    const typed = typedAt.current;
    if (current && typed && clampQuery(typed.query) === current.query) {
      recordLookupTiming(current.query, performance.now() - typed.at, current.hits.length);
      typedAt.current = undefined;
    }
  }, [current]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      const hit = hits[active] ?? hits[0];
      if (hit) {
        event.preventDefault();
        onOpen(hit.doc.id);
      }
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      onQuery('');
    }
  };

  const expanded = !!q;
  return (
    <div class="lookup">
      <label class="lookup-label">
        Look up a PO or invoice number, vendor or amount
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls="lookup-results"
          aria-activedescendant={hits[active] ? `hit-${hits[active].doc.id}` : undefined}
          autoComplete="off"
          spellcheck={false}
          placeholder="e.g. 4500012345, INV-2291, Acme, 1250.00"
          value={query}
          onInput={(e) => {
            typedAt.current = { query: e.currentTarget.value, at: performance.now() };
            onQuery(e.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      {expanded && (
        <div class="lookup-results" data-query={current?.query}>
          <ErrorNotice text={error && `The lookup failed: ${error.message}`} />
          <div id="lookup-results" role="listbox" aria-label="Lookup results">
            {hits.map((hit, i) => {
              const status = current?.statuses.get(hit.doc.id);
              if (!status) return null;
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard (arrows, Enter)
                <div
                  key={hit.doc.id}
                  tabIndex={-1}
                  id={`hit-${hit.doc.id}`}
                  role="option"
                  aria-selected={i === active}
                  class={`item hit doc-line${i === active ? ' active' : ''}`}
                  data-status={status.code}
                  onClick={() => onOpen(hit.doc.id)}
                  onMouseEnter={() => setActive(i)}
                >
                  <DocSummary
                    doc={hit.doc}
                    status={status}
                    number={<span class="mono strong">{hit.doc.number}</span>}
                  />
                  <span class="visually-hidden">, matched by {MATCHED_BY[hit.matchedBy]}</span>
                </div>
              );
            })}
          </div>
          <p class="visually-hidden" aria-live="polite">
            {current ? `${hits.length} ${hits.length === 1 ? 'result' : 'results'}` : ''}
          </p>
          {current && hits.length === 0 && <NotFound query={q} source={source} onOpen={onOpen} />}
        </div>
      )}
    </div>
  );
}

function NotFound({
  query,
  source,
  onOpen,
}: {
  query: string;
  source: LookupProps['source'];
  onOpen: (id: string) => void;
}) {
  const ledger = useLedger();
  const [error, setError] = useState('');
  const canTrack = trackable(query);
  const track = async (kind: DocKind) => {
    setError('');
    try {
      const status = await ledger.track(query, kind, { ...source, via: 'manual' });
      if (status.docId) onOpen(status.docId);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const shown = query.length > 60 ? `${query.slice(0, 60)}…` : query;
  return (
    <div class="notice stack" role="status" data-testid="not-found">
      <p>
        <strong class="mono">“{shown}”</strong> is not in the ledger.
      </p>
      {canTrack ? (
        <>
          <p>Track it, and Tieout ties it out as soon as its PO or invoices turn up:</p>
          <fieldset class="row plain-fieldset">
            <legend class="visually-hidden">Track this number as</legend>
            {DOC_KINDS.map((kind) => (
              <button type="button" key={kind} onClick={() => void track(kind)}>
                Track as {KIND_LABEL[kind]}
              </button>
            ))}
          </fieldset>
        </>
      ) : (
        <p class="muted">Type a PO or invoice number, a vendor name or an amount.</p>
      )}
      <ErrorNotice text={error} />
    </div>
  );
}
