import { useEffect, useState } from 'preact/hooks';
import {
  DUPLICATE_TYPES,
  dateTimeText,
  docTitle,
  EXCEPTION_LABEL,
  KIND_LABEL,
  KIND_PLURAL,
  moneyText,
  SEVERITY_LABEL,
} from '@/components/display';
import { ErrorNotice } from '@/components/ErrorNotice';
import { errorText, type RecordView as Record, useLedger } from '@/components/ledger-context';
import { useLiveResult } from '@/components/useLiveQuery';
import type { PoBalance } from '@/lib/match/types';
import { DOC_KINDS, type DocKind, type Document } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { decimalString, formatMoney } from '@/lib/model/money';
import { FIELD_LABEL, type FieldName, parseFieldInput } from './fields';
import { DocLine, PAGE_SIZE } from './lists';
import { recordComplete, useFirstRender } from './timing';

const SIGHTINGS_PAGE = 20;

export interface RecordViewProps {
  docId: string;
  onOpen: (id: string) => void;
  onBack: () => void;
  onDeleted: (token: string, title: string) => void;
}

export function RecordView({ docId, onOpen, onBack, onDeleted }: RecordViewProps) {
  const ledger = useLedger();
  const [deleteError, setDeleteError] = useState('');
  // The document itself paints at once; its group (links, balance, exceptions, suggestions) follows.
  const { value: doc, error } = useLiveResult<Document | null>(
    async () => (await ledger.db.documents.get(docId)) ?? null,
    [docId],
    undefined,
    'record.doc',
  );
  const { value: loaded, error: recordError } = useLiveResult<Record | null>(
    async () => (await ledger.getRecord(docId)) ?? null,
    [docId],
    undefined,
    'record.group',
  );
  const record = loaded && loaded.doc.id === docId ? loaded : undefined;
  useFirstRender(doc !== undefined);
  useEffect(() => {
    if (record) recordComplete();
  }, [record]);

  if (error || recordError) {
    return <ErrorNotice text={`This record could not be read: ${(error ?? recordError)?.message}`} />;
  }
  if (doc === undefined) return <p class="muted">Loading…</p>;
  if (doc === null) {
    return (
      <div class="stack">
        <p class="notice">This document is no longer in the ledger.</p>
        <button type="button" onClick={onBack}>
          Back
        </button>
      </div>
    );
  }
  const open = record?.exceptions.filter((e) => e.state === 'open') ?? [];
  const resolved = record?.exceptions.filter((e) => e.state !== 'open') ?? [];

  const remove = async () => {
    setDeleteError('');
    try {
      const token = await ledger.deleteDocument(doc.id);
      onDeleted(token, docTitle(doc));
    } catch (e) {
      setDeleteError(errorText(e));
    }
  };

  return (
    <article class="stack record" aria-labelledby="record-title" data-kind={doc.kind}>
      <div class="row">
        <button type="button" onClick={onBack} aria-label="Back to the list">
          ← Back
        </button>
        <h2 id="record-title" class="grow">
          {KIND_LABEL[doc.kind]} <span class="mono">{doc.number}</span>
        </h2>
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete
        </button>
      </div>
      <ErrorNotice text={deleteError} />
      <Fields doc={doc} />
      {doc.conflicts.length > 0 && (
        <section aria-labelledby="conflicts-h">
          <h3 id="conflicts-h">Conflicting values</h3>
          <ul class="plain">
            {doc.conflicts.map((c, i) => (
              <li class="item" key={`${c.field}-${i}`}>
                {c.field}: also seen as <strong>{conflictValue(c.value)}</strong> ({c.via}, {dateTimeText(c.seenAt)})
              </li>
            ))}
          </ul>
        </section>
      )}
      {!record ? (
        <p class="muted" data-testid="record-loading">
          Loading links, balance and exceptions…
        </p>
      ) : (
        <>
          <section aria-labelledby="exceptions-h">
            <h3 id="exceptions-h">Exceptions ({open.length} open)</h3>
            {open.length === 0 ? (
              <p class="notice ok">
                {doc.kind === 'po'
                  ? 'No open exception on this PO.'
                  : `No open exception: nothing stops this ${KIND_LABEL[doc.kind].toLowerCase()} from being paid.`}
              </p>
            ) : (
              <ul class="plain">
                {open.map((e) => (
                  <ExceptionItem key={e.id} exception={e} />
                ))}
              </ul>
            )}
            {resolved.length > 0 && (
              <details>
                <summary>{resolved.length} resolved</summary>
                <ul class="plain">
                  {resolved.map((e) => (
                    <li class="item" key={e.id}>
                      <span class="grow">
                        {e.message}
                        <span class="muted">
                          {' '}
                          — {resolutionText(e)} {dateTimeText(e.resolvedAt)}
                          {e.resolution?.note ? `: “${e.resolution.note}”` : ''}
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
          {record.balances.map((b) => (
            <Balance key={b.poId} balance={b} />
          ))}
          <Linked record={record} onOpen={onOpen} />
          {record.suggestions.length > 0 && <Suggestions record={record} />}
        </>
      )}
      <Sightings doc={doc} />
    </article>
  );
}

function conflictValue(value: unknown): string {
  if (value && typeof value === 'object' && 'minor' in value && 'currency' in value) {
    return formatMoney(value as { minor: number; currency: string });
  }
  return String(value);
}

function resolutionText(e: MatchException): string {
  switch (e.resolution?.kind) {
    case 'accepted':
      return 'accepted';
    case 'not_duplicate':
      return 'marked not a duplicate';
    case 'linked':
      return 'linked to a PO';
    case 'resolved_by_data':
      return 'resolved by later data';
    default:
      return 'resolved';
  }
}

function fieldsFor(kind: DocKind): FieldName[] {
  const common: FieldName[] = ['number', 'vendor', 'date', 'total'];
  if (kind === 'po') return [...common, 'status', 'matchMode'];
  if (kind === 'invoice') return [...common, 'dueDate', 'poKeys'];
  if (kind === 'credit_note') return [...common, 'poKeys', 'correctsKey'];
  return [...common, 'poKeys'];
}

function fieldText(doc: Document, field: FieldName): string {
  switch (field) {
    case 'total':
      return moneyText(doc.total);
    case 'poKeys':
      return doc.poKeys.length ? doc.poKeys.join(', ') : '—';
    case 'matchMode':
      return doc.matchMode === '3way' ? '3-way' : doc.matchMode === '2way' ? '2-way' : 'Default';
    case 'status':
      return doc.status === 'closed' ? 'Closed' : doc.status === 'open' ? 'Open' : '—';
    default:
      return (doc[field] as string | undefined) ?? '—';
  }
}

/** The detected fields, each editable; an edited field is marked confirmed and detection never overwrites it. */
function Fields({ doc }: { doc: Document }) {
  const [editing, setEditing] = useState<FieldName | undefined>(undefined);
  return (
    <dl class="fields">
      {fieldsFor(doc.kind).map((field) => (
        <div class="field row" key={field} data-field={field}>
          <dt>{FIELD_LABEL[field]}</dt>
          {editing === field ? (
            <dd class="grow">
              <EditField doc={doc} field={field} onDone={() => setEditing(undefined)} />
            </dd>
          ) : (
            <dd class="grow">
              <span class={field === 'number' || field === 'poKeys' ? 'mono' : ''}>{fieldText(doc, field)}</span>
              {doc.confirmed.includes(field) && (
                <span class="badge ok" title="Confirmed by a person or an import">
                  confirmed
                </span>
              )}
              <button
                type="button"
                class="link edit"
                onClick={() => setEditing(field)}
                aria-label={`Edit ${FIELD_LABEL[field].toLowerCase()}`}
              >
                Edit
              </button>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

function initialValue(doc: Document, field: FieldName): string {
  switch (field) {
    case 'total':
      return doc.total ? decimalString(doc.total) : '';
    case 'poKeys':
      return doc.poKeys.join(', ');
    case 'status':
      return doc.status ?? 'open';
    case 'matchMode':
      return doc.matchMode ?? '2way';
    default:
      return (doc[field] as string | undefined) ?? '';
  }
}

function EditField({ doc, field, onDone }: { doc: Document; field: FieldName; onDone: () => void }) {
  const ledger = useLedger();
  const [text, setText] = useState(initialValue(doc, field));
  const [currency, setCurrency] = useState(doc.total?.currency ?? 'EUR');
  const [error, setError] = useState('');
  const label = FIELD_LABEL[field];

  const save = async (event: Event) => {
    event.preventDefault();
    const parsed = parseFieldInput(field, text, currency);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    try {
      await ledger.editField(doc.id, field, parsed.value);
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <form class="row edit-field" onSubmit={(e) => void save(e)}>
      {field === 'status' || field === 'matchMode' ? (
        <label>
          {label}
          <select value={text} onChange={(e) => setText(e.currentTarget.value)}>
            {field === 'status' ? (
              <>
                <option value="open">Open</option>
                <option value="closed">Closed</option>
              </>
            ) : (
              <>
                <option value="2way">2-way</option>
                <option value="3way">3-way</option>
              </>
            )}
          </select>
        </label>
      ) : (
        <label class="grow">
          {field === 'poKeys' ? `${label} (separated by commas)` : label}
          <input
            type={field === 'date' || field === 'dueDate' ? 'date' : 'text'}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            // biome-ignore lint/a11y/noAutofocus: the clerk just asked to edit this field
            autoFocus
          />
        </label>
      )}
      {field === 'total' && (
        <label>
          Currency
          <input
            type="text"
            size={4}
            maxLength={3}
            value={currency}
            onInput={(e) => setCurrency(e.currentTarget.value)}
          />
        </label>
      )}
      <button type="submit" class="primary">
        Save
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      <ErrorNotice text={error} />
    </form>
  );
}

function ExceptionItem({ exception }: { exception: MatchException }) {
  const ledger = useLedger();
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const noteId = `note-${exception.id}`;
  const act = async (work: () => Promise<unknown>) => {
    setError('');
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <li class="item exception stack" data-type={exception.type}>
      <div class="row">
        <span class={`badge ${exception.severity}`}>{SEVERITY_LABEL[exception.severity]}</span>
        <strong>{EXCEPTION_LABEL[exception.type]}</strong>
        <span class="muted small">opened {dateTimeText(exception.openedAt)}</span>
      </div>
      <p class="message">{exception.message}</p>
      <div class="row">
        <label class="grow">
          Note (why this is fine)
          <input
            id={noteId}
            type="text"
            maxLength={2000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        {DUPLICATE_TYPES.has(exception.type) && (
          <button type="button" onClick={() => void act(() => ledger.markNotDuplicate(exception.id, note))}>
            Not a duplicate
          </button>
        )}
        <button
          type="button"
          class="primary"
          onClick={() => void act(() => ledger.acceptException(exception.id, note))}
        >
          Accept
        </button>
      </div>
      <ErrorNotice text={error} />
    </li>
  );
}

function money(minor: number, currency: string): string {
  return formatMoney({ minor, currency });
}

function qty(q: number | null): string {
  return q === null ? '—' : String(q);
}

function Balance({ balance }: { balance: PoBalance }) {
  const c = balance.currency;
  const rows = [
    ['Ordered', balance.ordered],
    ['Received', balance.received],
    ['Invoiced', balance.invoiced],
    ['Credited', balance.credited],
    ['Remaining', balance.remaining],
  ] as const;
  return (
    <section aria-labelledby={`balance-${balance.poId}`}>
      <h3 id={`balance-${balance.poId}`}>
        Balance of PO <span class="mono">{balance.poKey}</span> ({balance.mode === '3way' ? '3-way' : '2-way'})
      </h3>
      <table class="balance">
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">Measure</span>
            </th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col" class="num">
              Quantity
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, v]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class={`num${v.amount < 0 ? ' negative' : ''}`}>{money(v.amount, c)}</td>
              <td class="num">{qty(v.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {balance.lines.length > 0 && (
        <table class="lines" aria-label={`Lines of PO ${balance.poKey}`}>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" class="num">
                Ordered
              </th>
              <th scope="col" class="num">
                Received
              </th>
              <th scope="col" class="num">
                Invoiced
              </th>
              <th scope="col" class="num">
                Credited
              </th>
              <th scope="col" class="num">
                Remaining
              </th>
            </tr>
          </thead>
          <tbody>
            {balance.lines.map((l) => (
              <tr key={l.lineKey}>
                <th scope="row">{l.sku ?? l.description ?? l.lineKey}</th>
                <td class="num">{qty(l.ordered.quantity)}</td>
                <td class="num">{qty(l.received.quantity)}</td>
                <td class="num">{qty(l.invoiced.quantity)}</td>
                <td class="num">{qty(l.credited.quantity)}</td>
                <td class={`num${l.remaining.amount < 0 ? ' negative' : ''}`}>
                  {qty(l.remaining.quantity)} · {money(l.remaining.amount, c)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Linked({ record, onOpen }: { record: Record; onOpen: (id: string) => void }) {
  const { doc } = record;
  const duplicateIds = new Set(
    record.exceptions.filter((e) => DUPLICATE_TYPES.has(e.type) && e.state === 'open').flatMap((e) => e.docIds),
  );
  duplicateIds.delete(doc.id);
  const groups = DOC_KINDS.map((kind) => ({ kind, docs: record.linked.filter((d) => d.kind === kind) })).filter(
    (g) => g.docs.length > 0,
  );
  const sameNumber = record.sameNumber;
  // A blanket PO can carry thousands of invoices: each kind is shown a page at a time.
  const [shown, setShown] = useState<{ [K in DocKind]?: number }>({});
  const noRow = (d: Document) => ({ doc: d, open: [] });
  return (
    <>
      {groups.length === 0 && doc.kind === 'po' && (
        <p class="muted">No invoice, credit note or goods receipt references this PO yet.</p>
      )}
      {groups.length === 0 && doc.kind !== 'po' && (
        <p class="muted">
          {doc.poKeys.length > 0
            ? `PO ${doc.poKeys.join(', ')} is not in the ledger. Import your open POs, or open the PO once with Tieout on.`
            : 'This document names no PO.'}
        </p>
      )}
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`linked-${g.kind}`}>
          <h3 id={`linked-${g.kind}`}>
            {doc.kind === 'po' ? KIND_PLURAL[g.kind] : g.kind === 'po' ? 'Purchase orders' : KIND_PLURAL[g.kind]} (
            {g.docs.length})
          </h3>
          <ul class="plain">
            {g.docs.slice(0, shown[g.kind] ?? PAGE_SIZE).map((d) => (
              <DocLine key={d.id} row={noRow(d)} onOpen={onOpen} />
            ))}
          </ul>
          {g.docs.length > (shown[g.kind] ?? PAGE_SIZE) && (
            <button
              type="button"
              class="link show-more"
              onClick={() => setShown({ ...shown, [g.kind]: (shown[g.kind] ?? PAGE_SIZE) + PAGE_SIZE })}
            >
              Show {PAGE_SIZE} more {KIND_PLURAL[g.kind].toLowerCase()}
            </button>
          )}
        </section>
      ))}
      {(sameNumber.length > 0 || duplicateIds.size > 0) && (
        <section aria-labelledby="duplicates-h">
          <h3 id="duplicates-h">Same number or possible duplicates</h3>
          <ul class="plain">
            {sameNumber.map((d) => (
              <DocLine key={d.id} row={noRow(d)} onOpen={onOpen} />
            ))}
            {[...duplicateIds]
              .filter((id) => !sameNumber.some((d) => d.id === id))
              .map((id) => (
                <li class="item" key={id}>
                  <button type="button" class="link" onClick={() => onOpen(id)}>
                    Open the possible duplicate
                  </button>
                </li>
              ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Suggestions({ record }: { record: Record }) {
  const ledger = useLedger();
  const [error, setError] = useState('');
  const link = async (poKey: string) => {
    setError('');
    try {
      await ledger.linkSuggestion(record.doc.id, poKey, `Linked from the suggestion (${poKey})`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section aria-labelledby="suggestions-h">
      <h3 id="suggestions-h">Suggested POs</h3>
      <ul class="plain">
        {record.suggestions.map((s) => (
          <li class="item" key={`${s.referencedKey}-${s.candidatePoId}`}>
            <span class="grow">
              PO <span class="mono">{s.candidateKey}</span> for the unknown reference{' '}
              <span class="mono">{s.referencedKey}</span> <span class="muted">({s.reason})</span>
            </span>
            <button type="button" class="primary" onClick={() => void link(s.candidateKey)}>
              Link PO {s.candidateKey}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice text={error} />
    </section>
  );
}

function Sightings({ doc }: { doc: Document }) {
  const [shown, setShown] = useState(SIGHTINGS_PAGE);
  const newestFirst = [...doc.sightings].reverse();
  return (
    <section aria-labelledby="sightings-h">
      <h3 id="sightings-h">Seen ({doc.sightings.length})</h3>
      {newestFirst.length === 0 ? (
        <p class="muted">Entered by hand; not seen on a page yet.</p>
      ) : (
        <ul class="plain">
          {newestFirst.slice(0, shown).map((s, i) => (
            <li class="item sighting stack" key={`${s.seenAt}-${i}`}>
              <div>
                {/^https?:/.test(s.url) ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.title || s.url}
                  </a>
                ) : (
                  <span>{s.title || s.url}</span>
                )}
                <span class="muted small">
                  {' '}
                  · {dateTimeText(s.seenAt)} · {s.via}
                </span>
              </div>
              {s.snippet && <p class="muted small snippet">{s.snippet}</p>}
            </li>
          ))}
        </ul>
      )}
      {newestFirst.length > shown && (
        <button type="button" class="link" onClick={() => setShown(shown + SIGHTINGS_PAGE)}>
          Show more sightings
        </button>
      )}
    </section>
  );
}
