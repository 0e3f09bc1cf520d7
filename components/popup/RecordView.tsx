import { useEffect, useState } from 'preact/hooks';
import { BalanceBar, type BarFigures } from '@/components/BalanceBar';
import {
  DUPLICATE_TYPES,
  dateText,
  dateTimeText,
  docTitle,
  EXCEPTION_LABEL,
  KIND_LABEL,
  KIND_PLURAL,
  kindNoun,
  moneyText,
} from '@/components/display';
import { ErrorNotice } from '@/components/ErrorNotice';
import { openOptionsPage } from '@/components/extension';
import { errorText, type RecordView as Record, useLedger } from '@/components/ledger-context';
import { StatusBadge, StatusHeadline } from '@/components/StatusBadge';
import { useLiveResult } from '@/components/useLiveQuery';
import { type DocStatus, poStage } from '@/lib/match/status';
import type { LineBalance, PoBalance } from '@/lib/match/types';
import { DOC_KINDS, type DocKind, type Document, type Sighting } from '@/lib/model/document';
import type { MatchException } from '@/lib/model/exception';
import { decimalString, formatMoney } from '@/lib/model/money';
import type { MatchMode } from '@/lib/model/settings';
import { FIELD_LABEL, type FieldName, parseFieldInput } from './fields';
import { DocLine, PAGE_SIZE, SeverityTag } from './lists';
import { recordComplete, useFirstRender } from './timing';

const SIGHTINGS_PAGE = 20;

export interface RecordViewProps {
  docId: string;
  onOpen: (id: string) => void;
  onBack: () => void;
  onDeleted: (token: string, title: string) => void;
}

/**
 * One document: what it is, its status in words with the PO balance as a bar, what needs doing
 * (exceptions with their actions), what it is tied to (each with its own status), then its details
 * and where it was seen. Everything shows in the page itself: the popup scrolls as one page.
 */
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
  const status = record?.statuses[doc.id];
  const ownBalance = record?.balances.find((b) => b.poId === doc.id);
  const stage =
    doc.kind !== 'po' || !status
      ? undefined
      : status.code === 'po_not_on_file'
        ? 'Not on file'
        : poStage(doc, ownBalance && barFigures(ownBalance), open);

  const remove = async () => {
    setDeleteError('');
    try {
      const token = await ledger.deleteDocument(doc.id);
      onDeleted(token, docTitle(doc));
    } catch (e) {
      setDeleteError(errorText(e));
    }
  };

  const sub = [
    doc.vendor,
    doc.total ? moneyText(doc.total) : undefined,
    doc.date ? dateText(doc.date) : undefined,
  ].filter((part): part is string => !!part);

  return (
    <article class="stack record" aria-labelledby="record-title" data-kind={doc.kind}>
      <div class="record-head">
        <button type="button" onClick={onBack} aria-label="Back to the list">
          ← Back
        </button>
        <div class="grow">
          <h2 id="record-title">
            {KIND_LABEL[doc.kind]} <span class="mono">{doc.number}</span>
          </h2>
          {sub.length > 0 && (
            <p class="sub">
              {sub.map((part, i) => (
                // A date or an amount is never broken across lines.
                <span key={part}>
                  {i > 0 ? ' · ' : ''}
                  <span class="nowrap">{part}</span>
                </span>
              ))}
            </p>
          )}
        </div>
        {status && <StatusBadge status={status} />}
      </div>
      {!record || !status ? (
        <p class="muted" data-testid="record-loading">
          Loading links, balance and exceptions…
        </p>
      ) : (
        <>
          <Summary record={record} status={status} />
          {open.length > 0 && (
            <section aria-labelledby="exceptions-h">
              <h3 id="exceptions-h">{open.length === 1 ? '1 open exception' : `${open.length} open exceptions`}</h3>
              <ul class="plain">
                {open.map((e) => (
                  <ExceptionItem key={e.id} exception={e} />
                ))}
              </ul>
            </section>
          )}
          {record.suggestions.length > 0 && <Suggestions record={record} />}
          <Linked record={record} onOpen={onOpen} />
          {resolved.length > 0 && (
            <details>
              <summary>
                {resolved.length} resolved exception{resolved.length === 1 ? '' : 's'}
              </summary>
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
        </>
      )}
      <section aria-labelledby="details-h">
        <h3 id="details-h">Details</h3>
        <Fields doc={doc} stage={stage} mode={ownBalance?.mode} />
      </section>
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
      {record?.balances.map((b) => (
        <BalanceTable key={b.poId} balance={b} />
      ))}
      <Sightings doc={doc} />
      <div class="record-foot row">
        <span class="grow muted small">Deleting keeps it in the trash for 7 days; Undo brings it back.</span>
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete {kindNoun(doc.kind)}
        </button>
      </div>
      <ErrorNotice text={deleteError} />
    </article>
  );
}

/** The figures of a balance for the bar, with received only where it counts (3-way). */
export function barFigures(b: PoBalance): BarFigures {
  return {
    poKey: b.poKey,
    currency: b.currency,
    ordered: b.ordered.amount,
    invoiced: b.invoiced.amount,
    credited: b.credited.amount,
    remaining: b.remaining.amount,
    received: b.received.amount,
    mode: b.mode,
  };
}

/** An invoice's own amount on a PO, when it is in the PO's currency and names that PO alone. */
function shareOf(doc: Document, b: PoBalance): number | undefined {
  if (doc.kind !== 'invoice' || !doc.total || doc.total.currency !== b.currency) return undefined;
  if (!b.countedDocIds.includes(doc.id) || new Set(doc.poKeys).size !== 1) return undefined;
  return doc.total.minor;
}

/** The status in a sentence, the balance as a bar, and for a PO not on file the way to bring POs in. */
function Summary({ record, status }: { record: Record; status: DocStatus }) {
  const { doc } = record;
  return (
    <section class="summary" aria-labelledby="summary-h" data-testid="record-summary">
      <h3 id="summary-h" class="visually-hidden">
        Status
      </h3>
      <StatusHeadline status={status} />
      {record.balances.map((b) => {
        const share = shareOf(doc, b);
        return (
          <div key={b.poId} class="stack">
            {doc.kind !== 'po' && (
              <p class="small muted">
                PO <span class="mono">{b.poKey}</span>
              </p>
            )}
            <BalanceBar
              figures={barFigures(b)}
              share={share === undefined ? undefined : { amount: share, label: 'This invoice' }}
            />
          </div>
        );
      })}
      {status.code === 'po_not_on_file' && (
        <div class="notice info stack" data-testid="po-not-on-file">
          <p>
            {doc.kind === 'po'
              ? 'This PO number was only quoted so far. Tieout ties invoices to it once the PO itself is on file.'
              : 'Tieout has no PO with this number on file yet. That is not an exception: import your open POs, or open the PO once with Tieout on, and this invoice ties out or shows what does not add up.'}
          </p>
          <p>
            <button type="button" class="primary" onClick={() => void openOptionsPage('#data')}>
              Import POs
            </button>
          </p>
        </div>
      )}
      {status.code === 'no_po' && <p class="small muted">This document names no PO.</p>}
    </section>
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

const MODE_TEXT: { [M in MatchMode]: string } = { '2way': '2-way', '3way': '3-way' };

function fieldText(doc: Document, field: FieldName, stage: string | undefined, mode?: MatchMode): string {
  switch (field) {
    case 'total':
      return moneyText(doc.total);
    case 'date':
    case 'dueDate':
      return dateText(doc[field]);
    case 'poKeys':
      return doc.poKeys.length ? doc.poKeys.join(', ') : '—';
    case 'matchMode':
      // Not set on the PO: the settings' default, named with what it is for this PO.
      if (doc.matchMode) return MODE_TEXT[doc.matchMode];
      return mode ? `Default (${MODE_TEXT[mode]})` : 'Default';
    case 'status':
      // Where the PO stands in AP words ("closed" is the clerk's or the import's word), shown once the balance is read.
      return stage ?? (doc.status === 'closed' ? 'Closed' : '…');
    default:
      return (doc[field] as string | undefined) ?? '—';
  }
}

/**
 * The detected fields, each editable. A field a person or an import gave is marked confirmed:
 * detection never overwrites it (the legend under the list says so once, not per field).
 */
function Fields({ doc, stage, mode }: { doc: Document; stage: string | undefined; mode: MatchMode | undefined }) {
  const [editing, setEditing] = useState<FieldName | undefined>(undefined);
  const fields = fieldsFor(doc.kind);
  const anyConfirmed = fields.some((f) => doc.confirmed.includes(f));
  // Every value shown was given by a person or an import (an imported PO): said once, not per field.
  const withValue = fields.filter((f) => fieldText(doc, f, stage) !== '—' && f !== 'matchMode' && f !== 'status');
  const allConfirmed = withValue.length > 1 && withValue.every((f) => doc.confirmed.includes(f));
  return (
    <>
      <dl class="fields">
        {fields.map((field) => (
          <div class="field" key={field} data-field={field}>
            <dt>{FIELD_LABEL[field]}</dt>
            {editing === field ? (
              <dd class="grow">
                <EditField doc={doc} field={field} onDone={() => setEditing(undefined)} />
              </dd>
            ) : (
              <dd class="grow">
                <span class={field === 'number' || field === 'poKeys' ? 'mono' : ''}>
                  {fieldText(doc, field, stage, mode)}
                </span>
                {doc.confirmed.includes(field) && !allConfirmed && (
                  <span class="confirmed" title={CONFIRMED_TEXT}>
                    <span aria-hidden="true">✓ </span>confirmed
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
      {anyConfirmed && (
        <p class="small muted" data-testid="confirmed-legend">
          {allConfirmed ? (
            <>
              <span class="confirmed">✓ All confirmed</span>: every value here was {CONFIRMED_TEXT}.
            </>
          ) : (
            <>
              <span class="confirmed">✓ confirmed</span>: {CONFIRMED_TEXT}.
            </>
          )}
        </p>
      )}
    </>
  );
}

const CONFIRMED_TEXT = 'given by you or by an import; what Tieout reads on pages never changes it';

function fieldsFor(kind: DocKind): FieldName[] {
  const common: FieldName[] = ['number', 'vendor', 'date', 'total'];
  if (kind === 'po') return [...common, 'status', 'matchMode'];
  if (kind === 'invoice') return [...common, 'dueDate', 'poKeys'];
  if (kind === 'credit_note') return [...common, 'poKeys', 'correctsKey'];
  return [...common, 'poKeys'];
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
        <SeverityTag severity={exception.severity} />
        <strong>{EXCEPTION_LABEL[exception.type]}</strong>
        <span class="muted small">found {dateTimeText(exception.openedAt)}</span>
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
          <button
            type="button"
            class="primary"
            onClick={() => void act(() => ledger.markNotDuplicate(exception.id, note))}
          >
            Not a duplicate
          </button>
        )}
        <button
          type="button"
          class={DUPLICATE_TYPES.has(exception.type) ? '' : 'primary'}
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

/** "Left £1,000.00" or, past the PO, "Over by £768.00": a negative remainder is said in words. */
function leftOrOver(minor: number, currency: string): { label: string; text: string; over: boolean } {
  return minor < 0
    ? { label: 'Over by', text: money(-minor, currency), over: true }
    : { label: 'Left to invoice', text: money(minor, currency), over: false };
}

/** A line's figures for its small bar. */
function lineFigures(l: LineBalance, b: PoBalance): BarFigures {
  return {
    poKey: b.poKey,
    currency: b.currency,
    ordered: l.ordered.amount,
    invoiced: l.invoiced.amount,
    credited: l.credited.amount,
    remaining: l.remaining.amount,
    received: l.received.amount,
    mode: b.mode,
  };
}

/** The balance's figures in a table, per PO and per line; the received row only where receipts count (3-way). */
function BalanceTable({ balance }: { balance: PoBalance }) {
  const c = balance.currency;
  const threeWay = balance.mode === '3way';
  const left = leftOrOver(balance.remaining.amount, c);
  const rows: [string, string, string, boolean][] = [
    ['Ordered', money(balance.ordered.amount, c), qty(balance.ordered.quantity), false],
    ...(threeWay
      ? ([['Received', money(balance.received.amount, c), qty(balance.received.quantity), false]] as [
          string,
          string,
          string,
          boolean,
        ][])
      : []),
    ['Invoiced', money(balance.invoiced.amount, c), qty(balance.invoiced.quantity), false],
    ['Credited', money(balance.credited.amount, c), qty(balance.credited.quantity), false],
    [left.label, left.text, qty(balance.remaining.quantity), left.over],
  ];
  return (
    <section aria-labelledby={`balance-${balance.poId}`}>
      <h3 id={`balance-${balance.poId}`}>
        Balance of PO <span class="mono">{balance.poKey}</span>{' '}
        <span class="muted small">({threeWay ? '3-way: invoices, receipts and PO' : '2-way: invoices and PO'})</span>
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
          {rows.map(([label, amount, quantity, over]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class={`num${over ? ' negative' : ''}`}>{amount}</td>
              <td class="num">{quantity}</td>
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
              {threeWay && (
                <th scope="col" class="num">
                  Received
                </th>
              )}
              <th scope="col" class="num">
                Invoiced
              </th>
              <th scope="col" class="num">
                Left
              </th>
              <th scope="col">
                <span class="visually-hidden">Picture</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {balance.lines.map((l) => {
              const lineLeft = leftOrOver(l.remaining.amount, c);
              return (
                <tr key={l.lineKey}>
                  <th scope="row">{l.sku ?? l.description ?? l.lineKey}</th>
                  <td class="num">{qty(l.ordered.quantity)}</td>
                  {threeWay && <td class="num">{qty(l.received.quantity)}</td>}
                  <td class="num">{qty(l.invoiced.quantity)}</td>
                  <td class={`num${lineLeft.over ? ' negative' : ''}`}>
                    {qty(l.remaining.quantity)} · {lineLeft.over ? `over by ${lineLeft.text}` : lineLeft.text}
                  </td>
                  <td>
                    <BalanceBar figures={lineFigures(l, balance)} barOnly small />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function unique<T extends { id: string }>(docs: T[]): T[] {
  return [...new Map(docs.map((d) => [d.id, d])).values()];
}

function Linked({ record, onOpen }: { record: Record; onOpen: (id: string) => void }) {
  const { doc } = record;
  const duplicateIds = new Set(
    record.exceptions.filter((e) => DUPLICATE_TYPES.has(e.type) && e.state === 'open').flatMap((e) => e.docIds),
  );
  duplicateIds.delete(doc.id);
  const linked = unique(record.linked);
  const groups = DOC_KINDS.map((kind) => ({ kind, docs: linked.filter((d) => d.kind === kind) })).filter(
    (g) => g.docs.length > 0,
  );
  const sameNumber = unique(record.sameNumber);
  const quoted = unique(record.quoted);
  // A blanket PO can carry thousands of invoices: each kind is shown a page at a time.
  const [shown, setShown] = useState<{ [K in DocKind]?: number }>({});
  const row = (d: Document) => {
    const status = record.statuses[d.id];
    return status ? <DocLine key={d.id} row={{ doc: d, status }} onOpen={onOpen} /> : null;
  };
  const quotedPo = doc.kind === 'po' && record.statuses[doc.id]?.code === 'po_not_on_file';
  return (
    <>
      {groups.length === 0 && doc.kind === 'po' && !quotedPo && (
        <p class="muted">No invoice, credit note or goods receipt references this PO yet.</p>
      )}
      {groups.length === 0 && doc.kind !== 'po' && doc.poKeys.length === 0 && (
        <p class="muted">This document names no PO.</p>
      )}
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`linked-${g.kind}`}>
          <h3 id={`linked-${g.kind}`}>
            {quotedPo
              ? `Quoted on (${g.docs.length})`
              : `${doc.kind === 'po' ? KIND_PLURAL[g.kind] : g.kind === 'po' ? 'Tied to' : KIND_PLURAL[g.kind]} (${g.docs.length})`}
          </h3>
          <ul class="plain">{g.docs.slice(0, shown[g.kind] ?? PAGE_SIZE).map(row)}</ul>
          {g.docs.length > (shown[g.kind] ?? PAGE_SIZE) && (
            <button
              type="button"
              class="link show-more"
              onClick={() => setShown({ ...shown, [g.kind]: (shown[g.kind] ?? PAGE_SIZE) + PAGE_SIZE })}
            >
              Show {PAGE_SIZE} more {kindNoun(g.kind, PAGE_SIZE)}
            </button>
          )}
        </section>
      ))}
      {quoted.length > 0 && (
        <section aria-labelledby="quoted-h">
          <h3 id="quoted-h">Referenced, not on file ({quoted.length})</h3>
          <ul class="plain">{quoted.map(row)}</ul>
        </section>
      )}
      {(sameNumber.length > 0 || duplicateIds.size > 0) && (
        <section aria-labelledby="duplicates-h">
          <h3 id="duplicates-h">Same number or possible duplicates</h3>
          <ul class="plain">
            {sameNumber.map(row)}
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

/** Sightings of one page, newest first: a page read again (the same e-mail opened twice) is one line. */
export function sightingsByPage(sightings: readonly Sighting[]): { latest: Sighting; count: number }[] {
  const byUrl = new Map<string, { latest: Sighting; count: number }>();
  for (const s of sightings) {
    const key = s.url || `${s.title} ${s.via}`;
    const seen = byUrl.get(key);
    if (!seen) byUrl.set(key, { latest: s, count: 1 });
    else {
      seen.count += 1;
      if (s.seenAt >= seen.latest.seenAt) seen.latest = s;
    }
  }
  return [...byUrl.values()].sort((a, b) => (a.latest.seenAt < b.latest.seenAt ? 1 : -1));
}

const VIA_TEXT: { [K in Sighting['via']]: string } = {
  scan: 'read on the page',
  form: 'read from a form',
  selection: 'tracked from a selection',
  import: 'imported',
  manual: 'entered by hand',
  restore: 'restored from a backup',
  pdf: 'read from a PDF',
  xml: 'read from an e-invoice file',
};

function Sightings({ doc }: { doc: Document }) {
  const [shown, setShown] = useState(SIGHTINGS_PAGE);
  const pages = sightingsByPage(doc.sightings);
  return (
    <section aria-labelledby="sightings-h">
      <h3 id="sightings-h">Seen ({pages.length === 1 ? 'on 1 page' : `on ${pages.length} pages`})</h3>
      {pages.length === 0 ? (
        <p class="muted">Entered by hand; not seen on a page yet.</p>
      ) : (
        <ul class="plain">
          {pages.slice(0, shown).map(({ latest: s, count }) => (
            <li class="item sighting stack" key={`${s.url}-${s.seenAt}`}>
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
                  · {VIA_TEXT[s.via]} {dateTimeText(s.seenAt)}
                  {count > 1 ? ` · ${count} times` : ''}
                </span>
              </div>
              {s.snippet && <p class="muted small snippet">{s.snippet}</p>}
            </li>
          ))}
        </ul>
      )}
      {pages.length > shown && (
        <button type="button" class="link" onClick={() => setShown(shown + SIGHTINGS_PAGE)}>
          Show more pages
        </button>
      )}
    </section>
  );
}
