/**
 * What a clerk sees when pointing at a number: what it is, whom it is from, what it ties to, what
 * does not add up, and what to do about it.
 */
import type { CardState } from '@/lib/page/overlay';
import { KIND_TEXT, minorText, moneyOrDash, STATE_TEXT } from './labels';
import type { OverlayActions } from './OverlayApp';

export function HoverCard({ card, actions }: { card: CardState; actions: OverlayActions }) {
  const { mark, record, status } = card;
  const doc = record?.doc;
  const vendor = doc?.vendor ?? status?.vendor;
  const total = doc?.total ?? status?.total;
  const open = record ? record.exceptions.filter((e) => e.state === 'open') : (status?.exceptions ?? []);
  const headingId = `tieout-card-${mark.key}`;
  return (
    <section class="card" role="dialog" aria-labelledby={headingId} data-testid="tieout-card">
      <h2 id={headingId}>
        <span data-field="number">
          {KIND_TEXT[mark.kind]} {mark.number}
        </span>
        <span class={`pill ${mark.status}`} data-field="status">
          {STATE_TEXT[mark.status]}
        </span>
      </h2>
      <dl>
        <dt>Vendor</dt>
        <dd data-field="vendor">{vendor ?? 'not known yet'}</dd>
        <dt>Total</dt>
        <dd data-field="total">{moneyOrDash(total)}</dd>
        {doc?.date ? (
          <>
            <dt>Date</dt>
            <dd>{doc.date}</dd>
          </>
        ) : null}
      </dl>
      {card.duplicates?.length ? (
        <p class="exceptions" data-field="duplicate" role="alert">
          Possible duplicate: {KIND_TEXT[mark.kind].toLowerCase()} {mark.number} is already in Tieout
          {card.duplicates[0]?.vendor ? ` for ${card.duplicates[0].vendor}` : ''}
          {card.duplicates[0]?.date ? ` (dated ${card.duplicates[0].date})` : ''}. Check before saving this bill.
        </p>
      ) : null}
      {card.loading ? <p class="hint">Loading the record…</p> : null}
      {card.error ? <p class="hint">{card.error}</p> : null}
      {record && record.linked.length > 0 ? (
        <>
          <div class="section">{mark.kind === 'po' ? 'Invoices and receipts' : 'Linked'}</div>
          <ul data-field="linked">
            {record.linked.map((d) => (
              <li key={d.id}>
                {KIND_TEXT[d.kind]} {d.number}
                {d.total ? ` · ${moneyOrDash(d.total)}` : ''}
                {d.vendor ? ` · ${d.vendor}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {record && record.balances.length > 0 ? (
        <ul data-field="balance">
          {record.balances.map((b) => (
            <li key={b.poKey}>
              PO {b.poKey}: ordered {minorText(b.ordered, b.currency)}, invoiced {minorText(b.invoiced, b.currency)},
              remaining {minorText(b.remaining, b.currency)}
            </li>
          ))}
        </ul>
      ) : null}
      {open.length > 0 ? (
        <>
          <div class="section">Open exceptions</div>
          <ul class="exceptions" data-field="exceptions">
            {open.map((e) => (
              <li key={e.id}>{e.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      <div class="actions">
        <button type="button" onClick={actions.trackPo}>
          Track as PO
        </button>
        <button type="button" onClick={actions.trackInvoice}>
          Track as invoice
        </button>
        <button type="button" onClick={actions.ignore}>
          Not a number (ignore on this site)
        </button>
        <button type="button" onClick={actions.open} disabled={!mark.docId}>
          Open in Tieout
        </button>
        <button type="button" onClick={actions.close} aria-label="Close">
          Close
        </button>
      </div>
      {card.notice ? (
        <p class="notice" role="status">
          {card.notice}
        </p>
      ) : null}
      <p class="hint">Esc closes · Alt+Shift+T opens this card for the number at the cursor</p>
    </section>
  );
}
