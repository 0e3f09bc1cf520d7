import type { DocKind } from '@/lib/model/document';
import { formatMoney, type Money } from '@/lib/model/money';
import type { NumberState } from '@/lib/page/protocol';

/** Status in words: the card and markers never rely on colour alone. */
export const STATE_TEXT: Record<NumberState, string> = {
  tied: 'Tied out',
  exception: 'Exception',
  unknown: 'Not tied out yet',
  ignored: 'Ignored on this site',
};

export const KIND_TEXT: Record<DocKind, string> = {
  po: 'PO',
  invoice: 'Invoice',
  credit_note: 'Credit note',
  receipt: 'Goods receipt',
};

export function moneyOrDash(m: Money | undefined): string {
  return m ? formatMoney(m) : '—';
}

export function minorText(minor: number, currency: string): string {
  return formatMoney({ minor, currency });
}

/** The overlay's own styles, inside the shadow root: nothing leaks to or from the page. */
export const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color-scheme: light dark; }
.glyphs, .glyphs canvas { position: fixed; left: 0; top: 0; pointer-events: none; }
.marker { position: fixed; z-index: 1; pointer-events: auto; display: inline-flex; align-items: center; gap: 4px;
  min-width: 20px; height: 20px; padding: 0 5px; border-radius: 10px; border: 1px solid currentColor;
  font: 600 12px/1 system-ui, sans-serif; cursor: pointer; background: #fff; }
.marker:focus-visible, .card button:focus-visible, .card a:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.marker.tied { color: #1a7f37; border-style: solid; }
.marker.exception { color: #cf222e; border-style: double; border-width: 3px; }
.marker.unknown { color: #0969da; border-style: dotted; }
.marker.ignored { color: #6e7781; border-style: dashed; }
.marker.duplicate { color: #fff; background: #cf222e; border-color: #82071e; }
.card-frame { position: fixed; z-index: 2; pointer-events: auto; width: 340px; max-height: 70vh; overflow: auto; }
.card { background: #fff; color: #1f2328; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.2); padding: 10px 12px; }
.card h2 { font-size: 14px; margin: 0 0 4px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.card .pill { font-size: 11px; font-weight: 600; padding: 1px 6px; border-radius: 8px; border: 1px solid currentColor; }
.pill.tied { color: #1a7f37; } .pill.exception { color: #cf222e; } .pill.unknown { color: #0969da; } .pill.ignored { color: #6e7781; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; }
.card dt { color: #59636e; } .card dd { margin: 0; }
.card ul { margin: 4px 0; padding-left: 18px; }
.card .exceptions li { color: #a40e26; }
.card .section { font-weight: 600; margin-top: 6px; }
.card .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.card button { font: inherit; padding: 3px 8px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa;
  color: inherit; cursor: pointer; }
.card .notice { margin-top: 6px; color: #1a7f37; }
.card .hint { margin-top: 6px; color: #59636e; font-size: 11px; }
@media (prefers-color-scheme: dark) {
  .card { background: #161b22; color: #e6edf3; border-color: #30363d; }
  .card dt, .card .hint { color: #9198a1; }
  .card button { background: #21262d; border-color: #30363d; }
  .card .exceptions li { color: #ff7b72; }
  .marker { background: #0d1117; }
  .marker.tied, .pill.tied { color: #3fb950; } .marker.exception, .pill.exception { color: #ff7b72; }
  .marker.unknown, .pill.unknown { color: #58a6ff; }
}
`;
