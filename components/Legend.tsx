/**
 * What the marks Tieout puts on a page mean: the tint behind a number and the symbol beside it.
 * Shown on first run (popup, hover card) and a click away afterwards.
 */
import { MARK_SYMBOL } from './StatusBadge';

const ENTRIES = [
  { mark: 'tied', name: 'Tied out', what: 'The invoice matches its PO, or the PO is on file. Nothing to do.' },
  {
    mark: 'exception',
    name: 'Exception',
    what: 'Something does not add up: over-billed, a duplicate, a price off the PO. Check before paying.',
  },
  {
    mark: 'unknown',
    name: 'Not tied out yet',
    what: 'Its PO is not on file yet (import your POs), or it has not been matched.',
  },
  { mark: 'ignored', name: 'Ignored', what: 'You said this is not a PO or invoice number on this site.' },
] as const;

export function Legend({ headingId }: { headingId?: string }) {
  return (
    <dl class="legend" aria-labelledby={headingId} data-testid="legend">
      {ENTRIES.map((e) => (
        <div key={e.mark} style={{ display: 'contents' }}>
          <dt>
            <span class={`sample ${e.mark}`}>4500012349</span>
            <span class={`glyph ${e.mark}`} aria-hidden="true">
              {MARK_SYMBOL[e.mark]}
            </span>
          </dt>
          <dd>
            <strong>{e.name}.</strong> {e.what}
          </dd>
        </div>
      ))}
    </dl>
  );
}
