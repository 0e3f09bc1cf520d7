/**
 * What a clerk sees when pointing at a number, most important first: its status in words ("Over-billed
 * by £768.00", "Tied out to PO 4500012349", "PO not on file"), the PO balance as a bar, then whom it is
 * from and what it ties to, and one primary action that fits the status, with the others quieter.
 */
import { useEffect, useState } from 'preact/hooks';
import { BalanceBar } from '@/components/BalanceBar';
import { dateText } from '@/components/display';
import { Legend } from '@/components/Legend';
import { MARK_SYMBOL } from '@/components/StatusBadge';
import { EXCEPTION_LABEL, SEVERITY_RANK, type StatusMark, type StatusTone } from '@/lib/match/status';
import type { ExceptionType, Severity } from '@/lib/model/exception';
import type { CardState } from '@/lib/page/overlay';
import type { NumberState } from '@/lib/page/protocol';
import { CODE_TEXT, KIND_TEXT, moneyOrDash, STATE_TEXT } from './labels';
import type { OverlayActions } from './OverlayApp';

interface CardStatus {
  mark: StatusMark | 'ignored';
  tone: StatusTone;
  headline: string;
}

const TONE_OF: Record<NumberState, StatusTone> = { tied: 'ok', exception: 'high', unknown: 'info', ignored: 'low' };

/** The status the card leads with: the record's sentence once loaded, else the words of what the page knows. */
export function cardStatus(card: CardState): CardStatus {
  const { mark, record, status } = card;
  if (mark.status === 'ignored') return { mark: 'ignored', tone: 'low', headline: STATE_TEXT.ignored };
  const loaded = record?.doc.status;
  if (loaded) return { mark: loaded.mark, tone: loaded.tone, headline: loaded.headline };
  if (status?.code === 'exception' && status.exceptions.length > 0) {
    let worst = status.exceptions[0]!;
    for (const e of status.exceptions) if (SEVERITY_RANK[e.severity] < SEVERITY_RANK[worst.severity]) worst = e;
    const label = EXCEPTION_LABEL[worst.type as ExceptionType] ?? STATE_TEXT.exception;
    return { mark: 'exception', tone: worst.severity as Severity, headline: label };
  }
  if (status?.code && status.code !== 'exception') {
    return { mark: mark.status, tone: TONE_OF[mark.status], headline: CODE_TEXT[status.code] };
  }
  return { mark: mark.status, tone: TONE_OF[mark.status], headline: STATE_TEXT[mark.status] };
}

const KIND_NOUN = { po: 'PO', invoice: 'invoice', credit_note: 'credit note', receipt: 'receipt' } as const;

export function HoverCard({ card, actions }: { card: CardState; actions: OverlayActions }) {
  const { mark, record, status } = card;
  const doc = record?.doc;
  const vendor = doc?.vendor ?? status?.vendor;
  const total = doc?.total ?? status?.total;
  const open = record ? record.exceptions.filter((e) => e.state === 'open') : (status?.exceptions ?? []);
  const headingId = `tieout-card-${mark.key}`;
  const shown = cardStatus(card);
  const code = doc?.status?.code ?? status?.code;
  const [legend, setLegend] = useState(() => actions.legendFirstRun());
  useEffect(() => {
    if (legend) actions.legendSeen();
  }, [legend, actions]);

  const noun = KIND_NOUN[mark.kind];
  const inLedger = !!mark.docId && mark.status !== 'ignored';
  const track = () => actions.track(mark.kind);
  // One primary action, fitting the status; the rest in a quieter row.
  let primary: { label: string; run: () => void } | undefined;
  if (!inLedger) primary = { label: `Track as ${noun}`, run: track };
  else if (code === 'exception' || shown.mark === 'exception')
    primary = { label: 'Resolve in Tieout', run: actions.open };
  else if (code === 'po_not_on_file') primary = { label: 'Import POs', run: actions.importPos };
  else primary = { label: 'Open in Tieout', run: actions.open };
  const quiet: { label: string; run: () => void }[] = [];
  if (inLedger && primary.run !== actions.open) quiet.push({ label: 'Open in Tieout', run: actions.open });
  if (mark.status !== 'ignored') {
    quiet.push({
      label: `Not ${noun === 'invoice' ? 'an' : 'a'} ${noun} number (hide on this site)`,
      run: actions.ignore,
    });
  }

  return (
    <section class="card" role="dialog" aria-labelledby={headingId} data-testid="tieout-card">
      <div class="top">
        <h2 id={headingId}>
          <span data-field="number">
            {KIND_TEXT[mark.kind]} {mark.number}
          </span>
        </h2>
        <button type="button" class="close" onClick={actions.close} aria-label="Close">
          ✕
        </button>
      </div>
      <p class={`headline ${shown.tone}`} data-field="status" data-mark={shown.mark}>
        <span aria-hidden="true">{MARK_SYMBOL[shown.mark]}</span>
        <span>{shown.headline}</span>
      </p>
      {record?.balances.map((b) => (
        <div key={b.poKey} data-field="balance">
          {mark.kind !== 'po' && <p class="section">PO {b.poKey}</p>}
          <BalanceBar
            figures={b}
            share={b.share === undefined ? undefined : { amount: b.share, label: `This ${noun}` }}
          />
        </div>
      ))}
      <dl>
        <dt>Vendor</dt>
        <dd data-field="vendor">{vendor ?? 'not known yet'}</dd>
        <dt>Total</dt>
        <dd data-field="total">{moneyOrDash(total)}</dd>
        {doc?.date ? (
          <>
            <dt>Date</dt>
            <dd>{dateText(doc.date)}</dd>
          </>
        ) : null}
      </dl>
      {card.duplicates?.length ? (
        <p class="alert" data-field="duplicate" role="alert">
          Possible duplicate: {KIND_TEXT[mark.kind].toLowerCase()} {mark.number} is already in Tieout
          {card.duplicates[0]?.vendor ? ` for ${card.duplicates[0].vendor}` : ''}
          {card.duplicates[0]?.date ? ` (dated ${dateText(card.duplicates[0].date)})` : ''}. Check before saving this
          bill.
        </p>
      ) : null}
      {card.loading ? <p class="hint">Loading the record…</p> : null}
      {card.error ? <p class="hint">{card.error}</p> : null}
      {open.length > 0 ? (
        <>
          <p class="section">{open.length === 1 ? 'Open exception' : `${open.length} open exceptions`}</p>
          <ul class="exceptions" data-field="exceptions">
            {open.map((e) => (
              <li key={e.id}>{e.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      {record && record.linked.length > 0 ? (
        <>
          <p class="section">
            {mark.kind !== 'po' ? 'Tied to' : code === 'po_not_on_file' ? 'Quoted on' : 'Invoices and receipts'}
          </p>
          <ul class="linked" data-field="linked">
            {record.linked.slice(0, 6).map((d) => (
              <li key={d.id}>
                {KIND_TEXT[d.kind]} <span class="mono">{d.number}</span>
                {d.total ? ` · ${moneyOrDash(d.total)}` : ''}
                {d.status ? <span class="state"> · {d.status.label}</span> : null}
              </li>
            ))}
            {record.linked.length > 6 ? <li>and {record.linked.length - 6} more in Tieout</li> : null}
          </ul>
        </>
      ) : null}
      {code === 'po_not_on_file' ? (
        <p class="explain" data-field="not-on-file">
          Not an exception: Tieout has no PO {record?.quoted?.[0]?.number ?? ''} on file yet. Import your open POs, or
          open the PO once with Tieout on.
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="primary" onClick={primary.run}>
          {primary.label}
        </button>
      </div>
      <div class="actions quiet">
        {quiet.map((a) => (
          <button type="button" key={a.label} onClick={a.run}>
            {a.label}
          </button>
        ))}
        <button
          type="button"
          aria-expanded={legend}
          aria-controls={`${headingId}-legend`}
          onClick={() => setLegend(!legend)}
        >
          {legend ? 'Hide what the marks mean' : 'What the marks mean'}
        </button>
      </div>
      {card.notice ? (
        <p class="notice" role="status">
          {card.notice}
        </p>
      ) : null}
      {legend ? (
        <div id={`${headingId}-legend`}>
          <Legend />
        </div>
      ) : null}
      <p class="hint">Esc closes · Alt+Shift+T opens this card for the number at the cursor</p>
    </section>
  );
}
