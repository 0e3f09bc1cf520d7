/**
 * A PO's balance as a bar, for the popup and the hover card: what is billed within the PO, what is
 * billed beyond it (the over-billed part, hatched in the exception colour), what is left, and where
 * receipts reach (3-way). An invoice's own share of the PO is drawn darker. The bar is decoration:
 * the same figures are printed beside it, in text, for every reader.
 */
import type { BalanceFigures } from '@/lib/match/status';
import { formatMoney } from '@/lib/model/money';

export interface BarFigures extends BalanceFigures {
  /** Goods received, shown only for a 3-way PO. */
  received?: number;
  mode?: '2way' | '3way';
}

export interface BarProps {
  figures: BarFigures;
  /** An invoice's own amount on this PO, and what to call it ("This invoice"). */
  share?: { amount: number; label: string };
  /** Only the bar (figures are in a table beside it). */
  barOnly?: boolean;
  small?: boolean;
}

const pct = (part: number, whole: number) => `${Math.max(0, Math.min(100, (part / whole) * 100)).toFixed(2)}%`;

/** The parts of the bar, in minor units: billed within the PO (less the share), the share, beyond the PO. */
export function barParts(f: BarFigures, share?: number) {
  const net = Math.max(0, f.invoiced - f.credited);
  const within = Math.min(net, f.ordered);
  const over = Math.max(0, net - f.ordered);
  const shareWithin = share === undefined ? 0 : Math.max(0, Math.min(share, within));
  const received = f.mode === '3way' ? (f.received ?? 0) : undefined;
  const scale = Math.max(f.ordered, net, received ?? 0, 1);
  return { net, within, over, shareWithin, billed: within - shareWithin, received, scale, left: f.ordered - net };
}

export function BalanceBar({ figures, share, barOnly, small }: BarProps) {
  const m = (minor: number) => formatMoney({ minor, currency: figures.currency });
  const p = barParts(figures, share?.amount);
  return (
    <div class="balance-bar" data-over={p.over > 0 ? 'true' : undefined}>
      <div class={`bar${small ? ' small' : ''}`} aria-hidden="true">
        {p.billed > 0 && <span class="seg billed" style={{ width: pct(p.billed, p.scale) }} />}
        {p.shareWithin > 0 && <span class="seg share" style={{ width: pct(p.shareWithin, p.scale) }} />}
        {p.over > 0 && <span class="seg over" style={{ width: pct(p.over, p.scale) }} />}
        {p.over > 0 && <span class="end" style={{ left: pct(figures.ordered, p.scale) }} />}
        {p.received !== undefined && <span class="received" style={{ left: pct(p.received, p.scale) }} />}
      </div>
      {!barOnly && (
        <ul class="bar-figures">
          <li>
            Ordered <span class="num">{m(figures.ordered)}</span>
          </li>
          {p.received !== undefined && (
            <li>
              Received <span class="num">{m(p.received)}</span>
            </li>
          )}
          <li>
            {/* A key only for a part the bar draws: an invoice that is the whole amount billed has its own. */}
            {p.billed > 0 && <span class="key billed" aria-hidden="true" />}
            Invoiced <span class="num">{m(p.net)}</span>
            {figures.credited > 0 ? ` (after ${m(figures.credited)} credited)` : ''}
          </li>
          {share && (
            <li>
              <span class="key share" aria-hidden="true" />
              {share.label} <span class="num">{m(share.amount)}</span>
            </li>
          )}
          {p.over > 0 ? (
            <li class="over-text">
              <span class="key over" aria-hidden="true" />
              Over by <span class="num">{m(p.over)}</span>
            </li>
          ) : (
            <li>
              <span class="key left" aria-hidden="true" />
              Left <span class="num">{m(Math.max(0, p.left))}</span>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
