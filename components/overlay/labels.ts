import type { StatusCode } from '@/lib/match/status';
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

/** A status code in words, for the card before its record has loaded (the record brings the sentence). */
export const CODE_TEXT: Record<Exclude<StatusCode, 'exception'>, string> = {
  tied: 'Tied out',
  po_not_on_file: 'PO not on file',
  no_po: 'Names no PO',
  po_open: 'Open PO',
  po_partly_invoiced: 'Partly invoiced',
  po_fully_invoiced: 'Fully invoiced',
  po_closed: 'Closed PO',
  po_on_file: 'PO on file',
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
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color-scheme: light dark; }
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
.card-frame { position: fixed; z-index: 2; pointer-events: auto; width: 360px; max-height: 80vh; overflow: auto;
  border-radius: 8px; }
.card { --fg: #1f2328; --muted: #59636e; --rule: #d8dee4; --bg: #fff; --raised: #f6f8fa; --accent: #0969da;
  --accent-fg: #fff; --high: #a40e26; --high-bg: #ffebe9; --medium: #7a4600; --ok: #1a7f37; --info: #0550ae;
  --bar-track: #e3e6eb; --bar-billed: #3f6fc4; --bar-share: #173f8a; --bar-over: #c5221f; --bar-received: #1f2328;
  background: var(--bg); color: var(--fg); border: 1px solid var(--rule); border-radius: 8px;
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.2); padding: 12px 14px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.card .top { display: flex; gap: 8px; align-items: flex-start; }
.card h2 { flex: 1; font-size: 13px; font-weight: 600; color: var(--muted); margin: 0; }
.card .close { border: none; background: none; color: var(--muted); font-size: 16px; line-height: 1; padding: 2px 6px;
  min-width: 28px; min-height: 28px; }
.card .headline { display: flex; gap: 8px; align-items: baseline; font-size: 17px; font-weight: 650; margin: 2px 0 8px; }
.card .headline.high { color: var(--high); } .card .headline.medium { color: var(--medium); }
.card .headline.ok { color: var(--ok); } .card .headline.info { color: var(--info); } .card .headline.low { color: var(--fg); }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 8px 0; }
.card dt { color: var(--muted); } .card dd { margin: 0; }
.card ul { margin: 4px 0; padding-left: 18px; }
.card .exceptions li { color: var(--high); }
.card .section { font-weight: 600; margin-top: 8px; font-size: 13px; color: var(--muted); }
.card .linked li .state { color: var(--muted); font-size: 12px; }
.card .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; align-items: center; }
.card .actions.quiet { margin-top: 4px; gap: 0 4px; }
.card button { font: inherit; font-size: 14px; padding: 4px 10px; min-height: 30px; border-radius: 6px;
  border: 1px solid var(--rule); background: var(--raised); color: inherit; cursor: pointer; }
.card button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); font-weight: 600; }
.card .actions.quiet button, .card button.link { border-color: transparent; background: none; color: var(--accent);
  padding: 2px 4px; min-height: 26px; text-decoration: underline; text-underline-offset: 2px; text-align: left; }
.card .notice { margin: 8px 0 0; color: var(--ok); }
.card .hint { margin: 8px 0 0; color: var(--muted); font-size: 12px; }
.card .explain { margin: 8px 0 0; color: var(--muted); font-size: 13px; }
.card p { margin: 0; }
.card .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
.card .alert { color: var(--high); margin-top: 8px; }
.bar { position: relative; display: flex; height: 12px; border-radius: 3px; background: var(--bar-track); margin: 4px 0; }
.bar.small { height: 8px; }
.bar > .seg { height: 100%; }
.bar > .seg.billed { background: var(--bar-billed); }
.bar > .seg.share { background: var(--bar-share); }
.bar > .seg.over { background: repeating-linear-gradient(-45deg, var(--bar-over) 0 4px, transparent 4px 6px), var(--high-bg);
  outline: 1px solid var(--bar-over); }
.bar > .received { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--bar-received); }
.bar > .end { position: absolute; top: -4px; bottom: -4px; width: 2px; background: var(--fg); }
.card .bar-figures { display: flex; flex-wrap: wrap; gap: 0 12px; margin: 4px 0 0; padding: 0; list-style: none; font-size: 12px; }
.bar-figures .key { display: inline-block; width: 9px; height: 9px; margin-right: 4px; border-radius: 2px; }
.bar-figures .key.billed { background: var(--bar-billed); } .bar-figures .key.share { background: var(--bar-share); }
.bar-figures .key.over { background: var(--bar-over); }
.bar-figures .key.left { background: var(--bar-track); outline: 1px solid var(--muted); }
.bar-figures .over-text { color: var(--high); font-weight: 600; }
.card .legend { display: grid; grid-template-columns: auto 1fr; gap: 6px 10px; margin: 8px 0 0; font-size: 13px; }
.card .legend dd { margin: 0; } .card .legend dt { display: flex; align-items: center; gap: 2px; white-space: nowrap; }
.legend .sample { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; padding: 0 3px; border-radius: 2px; color: var(--fg); }
.legend .sample.tied { background: rgb(46 160 67 / 0.28); } .legend .sample.exception { background: rgb(248 81 73 / 0.34); }
.legend .sample.unknown { background: rgb(84 174 255 / 0.28); } .legend .sample.ignored { background: rgb(140 149 159 / 0.2); }
.legend .glyph { display: inline-grid; place-items: center; width: 16px; height: 16px; margin-left: 2px; border-radius: 50%;
  color: #fff; font: 700 12px/1 system-ui, sans-serif; vertical-align: text-top; }
.legend .glyph.tied { background: #1a7f37; } .legend .glyph.exception { background: #cf222e; border-radius: 2px; }
.legend .glyph.unknown { background: #0969da; } .legend .glyph.ignored { background: #6e7781; }
@media (prefers-color-scheme: dark) {
  .card { --fg: #e6edf3; --muted: #9198a1; --rule: #30363d; --bg: #161b22; --raised: #21262d; --accent: #58a6ff;
    --accent-fg: #0d1117; --high: #ff7b72; --high-bg: #3c1f1d; --medium: #f5c26b; --ok: #3fb950; --info: #79c0ff;
    --bar-track: #30363d; --bar-billed: #6e9ee8; --bar-share: #c7d9fb; --bar-over: #ff7b72; --bar-received: #e6edf3; }
  .marker { background: #0d1117; }
  .marker.tied { color: #3fb950; } .marker.exception { color: #ff7b72; }
  .marker.unknown { color: #58a6ff; }
}
`;
