/**
 * The overlay UI in the page's shadow root: status glyphs beside highlighted numbers in view, status
 * markers beside form fields, and the hover card.
 * Renders state kept by lib/page/overlay.ts; every page-derived string goes through Preact's text
 * rendering, never innerHTML.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { CardState, GlyphState, MarkerState, OverlayState } from '@/lib/page/overlay';
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

/** One symbol per status, for field markers and glyphs alike: the status is never colour alone. */
export const STATUS_SYMBOL = { tied: '✓', exception: '!', unknown: '?', ignored: '–' } as const;

/** A glyph's box, in CSS pixels. */
export const GLYPH_SIZE = 12;

/** Glyph fill per status: the symbol inside is white, with a white rim against dark pages. */
export const GLYPH_COLOUR = { tied: '#1a7f37', exception: '#cf222e', unknown: '#0969da', ignored: '#6e7781' } as const;

/**
 * Where a glyph's box starts: at the top right of the number's visible part, like a footnote mark,
 * kept inside the viewport.
 */
export function glyphOffset(at: GlyphState['at'], view: OverlayState['view']): { x: number; y: number } {
  const x = Math.min(Math.round(at.right - 1), view.width - GLYPH_SIZE);
  const y = Math.max(0, Math.round(at.top - 8));
  return { x, y };
}

/** Draws every glyph afresh: a few hundred at most, a fraction of a millisecond. */
function drawGlyphs(canvas: HTMLCanvasElement, glyphs: GlyphState[], view: OverlayState['view'], dpr: number) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, view.width, view.height);
  const r = GLYPH_SIZE / 2;
  for (const g of glyphs) {
    const { x, y } = glyphOffset(g.at, view);
    const cx = x + r;
    const cy = y + r;
    // The shape differs too: a square for exceptions, a disc for the rest.
    ctx.beginPath();
    if (g.status === 'exception') ctx.rect(x + 0.5, y + 0.5, GLYPH_SIZE - 1, GLYPH_SIZE - 1);
    else ctx.arc(cx, cy, r - 0.5, 0, Math.PI * 2);
    ctx.fillStyle = GLYPH_COLOUR[g.status];
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgb(255 255 255 / 0.9)';
    ctx.stroke();
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#fff';
    if (g.status === 'tied') {
      ctx.beginPath();
      ctx.moveTo(cx - 3, cy + 0.2);
      ctx.lineTo(cx - 0.8, cy + 2.5);
      ctx.lineTo(cx + 3.2, cy - 2.6);
      ctx.lineWidth = 1.8;
      ctx.stroke();
    } else if (g.status === 'exception') {
      ctx.fillRect(cx - 0.9, cy - 4, 1.8, 4.8);
      ctx.fillRect(cx - 0.9, cy + 2.1, 1.8, 1.8);
    } else if (g.status === 'unknown') {
      ctx.font = '700 9px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('?', cx, cy + 0.5);
    } else {
      ctx.fillRect(cx - 3, cy - 0.8, 6, 1.6);
    }
  }
}

/**
 * The status glyphs beside the numbers in view. Decoration only: no pointer (hovering the number
 * opens the card as before), hidden from assistive technology (the card says the status in
 * words), under markers and the card. One canvas rather than an element per glyph: redrawing it
 * changes no DOM or style, which on a highlighted page would cost every scrolled frame a repaint
 * of all highlighted text.
 */
function GlyphCanvas({ glyphs, view, soon }: { glyphs: GlyphState[]; view: OverlayState['view']; soon: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  /** Nothing drawn yet: the browser has not allocated the canvas's pixels, and need not for none. */
  const blank = useRef(true);
  const primed = useRef(false);
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  // Before the browser paints this frame: the glyphs move with the scroll, not a frame after it.
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    if (blank.current && !glyphs.length) {
      // Numbers are on their way: one pixel drawn and wiped makes the browser allocate the
      // canvas now, before the page's busiest frames.
      if (soon && !primed.current) {
        primed.current = true;
        const ctx = canvas.getContext('2d');
        ctx?.fillRect(0, 0, 1, 1);
        ctx?.clearRect(0, 0, 1, 1);
      }
      return;
    }
    blank.current = !glyphs.length;
    drawGlyphs(canvas, glyphs, view, dpr);
  }, [glyphs, view, dpr, soon]);
  return (
    <div class="glyphs" aria-hidden="true">
      <canvas
        ref={ref}
        width={Math.ceil(view.width * dpr)}
        height={Math.ceil(view.height * dpr)}
        style={{ width: `${view.width}px`, height: `${view.height}px` }}
      />
    </div>
  );
}

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
      <span aria-hidden="true">{duplicate ? '⚠' : STATUS_SYMBOL[status]}</span>
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
      {/* Mounted with the layer, before any scan: inserting it when the first glyphs appear is a DOM
          change on a highlighted page (a repaint of every highlight) and a canvas allocation in
          the middle of the scan. */}
      {state.view.width > 0 ? <GlyphCanvas glyphs={state.glyphs} view={state.view} soon={!!state.glyphsSoon} /> : null}
      {state.markers.map((m) => (
        <Marker key={m.id} marker={m} actions={actions} />
      ))}
      {state.card ? <CardFrame card={state.card} actions={actions} /> : null}
    </div>
  );
}
