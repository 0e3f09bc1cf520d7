/**
 * The overlay UI in the page's shadow root: status markers beside form fields and the hover card.
 * Renders state kept by lib/page/overlay.ts; every page-derived string goes through Preact's text
 * rendering, never innerHTML.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { CardState, MarkerState, OverlayState } from '@/lib/page/overlay';
import { HoverCard } from './HoverCard';
import { STATE_TEXT } from './labels';

export interface OverlayActions {
  trackPo(): void;
  trackInvoice(): void;
  ignore(): void;
  open(): void;
  close(): void;
  openMarker(id: number, focus: boolean): void;
  /** Pointer is over the card or a marker: keep the card open. */
  holdCard(hold: boolean): void;
}

const MARKER_SYMBOL = { tied: '✓', exception: '!', unknown: '?', ignored: '–' } as const;

function Marker({ marker, actions }: { marker: MarkerState; actions: OverlayActions }) {
  const duplicate = marker.duplicates[0];
  const status = marker.mark.status;
  const label = duplicate
    ? `Duplicate: invoice ${marker.mark.number} is already in Tieout${duplicate.vendor ? ` for ${duplicate.vendor}` : ''}`
    : `${marker.mark.kind === 'po' ? 'PO' : 'Invoice'} ${marker.mark.number}: ${STATE_TEXT[status]}`;
  return (
    <button
      type="button"
      class={`marker ${duplicate ? 'duplicate' : status}`}
      data-status={duplicate ? 'duplicate' : status}
      data-number={marker.mark.number}
      style={{
        left: `${marker.rect.right + 4}px`,
        top: `${marker.rect.top + (marker.rect.bottom - marker.rect.top) / 2 - 10}px`,
      }}
      aria-label={label}
      title={label}
      onClick={() => actions.openMarker(marker.id, true)}
      onMouseEnter={() => {
        actions.holdCard(true);
        actions.openMarker(marker.id, false);
      }}
      onMouseLeave={() => actions.holdCard(false)}
    >
      <span aria-hidden="true">{duplicate ? '⚠' : MARKER_SYMBOL[status]}</span>
      {duplicate ? <span class="marker-text">Duplicate</span> : null}
    </button>
  );
}

function CardFrame({ card, actions }: { card: CardState; actions: OverlayActions }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (card.focus) ref.current?.querySelector<HTMLElement>('button, [tabindex]')?.focus();
  }, [card.focus, card.mark]);
  // The card stays open while the pointer is on it (the page's hover test no longer sees a number).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const enter = () => actions.holdCard(true);
    const leave = () => actions.holdCard(false);
    el.addEventListener('pointerenter', enter);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointerenter', enter);
      el.removeEventListener('pointerleave', leave);
    };
  }, [actions]);
  const width = 340;
  const viewportW = globalThis.innerWidth || 1024;
  const viewportH = globalThis.innerHeight || 768;
  const left = Math.max(8, Math.min(card.anchor.left, viewportW - width - 8));
  const below = card.anchor.bottom + 6;
  const style =
    below + 260 > viewportH && card.anchor.top > 280
      ? { left: `${left}px`, bottom: `${viewportH - card.anchor.top + 6}px` }
      : { left: `${left}px`, top: `${below}px` };
  return (
    <div ref={ref} class="card-frame" style={style}>
      <HoverCard card={card} actions={actions} />
    </div>
  );
}

export function OverlayApp({ state, actions }: { state: OverlayState; actions: OverlayActions }) {
  return (
    <div class="layer">
      {state.markers.map((m) => (
        <Marker key={m.id} marker={m} actions={actions} />
      ))}
      {state.card ? <CardFrame card={state.card} actions={actions} /> : null}
    </div>
  );
}
