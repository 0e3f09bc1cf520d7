/**
 * The overlay UI in the page's shadow root: status glyphs beside highlighted numbers in view, status
 * markers beside form fields, and the hover card.
 * Renders state kept by lib/page/overlay.ts; every page-derived string goes through Preact's text
 * rendering, never innerHTML.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { DocKind } from '@/lib/model/document';
import type { CardState, GlyphState, MarkerState, OverlayState } from '@/lib/page/overlay';
import { HoverCard } from './HoverCard';
import { STATE_TEXT } from './labels';

export interface OverlayActions {
  /** Tracks the card's number as a document of this kind (a number the ledger does not hold, or one ignored here). */
  track(kind: DocKind): void;
  ignore(): void;
  open(): void;
  /** Tieout's settings at the import (a card whose PO is not on file). */
  importPos(): void;
  close(): void;
  /** Whether this browser has not seen the legend of the marks yet (the card opens with it once). */
  legendFirstRun(): boolean;
  legendSeen(): void;
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

type GlyphStatus = keyof typeof GLYPH_COLOUR;
type Surface = OffscreenCanvas | HTMLCanvasElement;

function surface(width: number, height: number): Surface {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** One status's glyph, drawn with its box at the origin. */
function drawGlyph(ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D, status: GlyphStatus): void {
  const r = GLYPH_SIZE / 2;
  const cx = r;
  const cy = r;
  // The shape differs too: a square for exceptions, a disc for the rest.
  ctx.beginPath();
  if (status === 'exception') ctx.rect(0.5, 0.5, GLYPH_SIZE - 1, GLYPH_SIZE - 1);
  else ctx.arc(cx, cy, r - 0.5, 0, Math.PI * 2);
  ctx.fillStyle = GLYPH_COLOUR[status];
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgb(255 255 255 / 0.9)';
  ctx.stroke();
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#fff';
  if (status === 'tied') {
    ctx.beginPath();
    ctx.moveTo(cx - 3, cy + 0.2);
    ctx.lineTo(cx - 0.8, cy + 2.5);
    ctx.lineTo(cx + 3.2, cy - 2.6);
    ctx.lineWidth = 1.8;
    ctx.stroke();
  } else if (status === 'exception') {
    ctx.fillRect(cx - 0.9, cy - 4, 1.8, 4.8);
    ctx.fillRect(cx - 0.9, cy + 2.1, 1.8, 1.8);
  } else if (status === 'unknown') {
    ctx.font = '700 9px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('?', cx, cy + 0.5);
  } else {
    ctx.fillRect(cx - 3, cy - 0.8, 6, 1.6);
  }
}

/**
 * Each status's glyph drawn once per pixel ratio, then stamped: paths, colour strings and above all
 * a font set per glyph cost some 5 ms a redraw for 70 glyphs, in the frame that shows them.
 */
const spriteCache = new Map<number, Record<GlyphStatus, CanvasImageSource>>();
function glyphSprites(dpr: number): Record<GlyphStatus, CanvasImageSource> | undefined {
  const cached = spriteCache.get(dpr);
  if (cached) return cached;
  const side = Math.ceil(GLYPH_SIZE * dpr);
  const out = {} as Record<GlyphStatus, CanvasImageSource>;
  for (const status of Object.keys(GLYPH_COLOUR) as GlyphStatus[]) {
    const sprite = surface(side, side);
    const ctx = sprite.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!ctx) return undefined;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawGlyph(ctx, status);
    // An ImageBitmap is stamped as it is; a canvas is snapshotted at every drawImage.
    out[status] = 'transferToImageBitmap' in sprite ? sprite.transferToImageBitmap() : sprite;
  }
  spriteCache.set(dpr, out);
  return out;
}

/** Draws every glyph afresh: a few hundred stamps at most, a fraction of a millisecond. */
function drawGlyphs(
  ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  glyphs: GlyphState[],
  view: OverlayState['view'],
  dpr: number,
) {
  const sprites = glyphSprites(dpr);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (!sprites) return;
  for (const g of glyphs) {
    const { x, y } = glyphOffset(g.at, view);
    ctx.drawImage(sprites[g.status], Math.round(x * dpr), Math.round(y * dpr));
  }
}

/**
 * The status glyphs beside the numbers in view. Decoration only: no pointer (hovering the number
 * opens the card as before), hidden from assistive technology (the card says the status in
 * words), under markers and the card. One canvas rather than an element per glyph: redrawing it
 * changes no DOM or style, which on a highlighted page would cost every scrolled frame a repaint
 * of all highlighted text.
 *
 * Where the browser has it, the canvas hands its drawing to an OffscreenCanvas
 * (transferControlToOffscreen), still drawn here on the page's thread. A plain 2D canvas is a
 * texture layer that Chromium copies out again (4 MB at 1280×800, 5 ms of the page's main thread
 * when the copy lands in fresh memory) in every frame that repaints anything — each frame that
 * changes a highlight, the page's heaviest — whether or not a glyph changed; an OffscreenCanvas
 * sends a frame only when it is drawn. Its size is the OffscreenCanvas's, not the element's
 * width and height attributes (which cannot change after the transfer; attribute changes would
 * also repaint every highlight).
 */
function GlyphCanvas({ glyphs, view, soon }: { glyphs: GlyphState[]; view: OverlayState['view']; soon: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const target = useRef<OffscreenCanvas | HTMLCanvasElement>();
  /** Nothing drawn yet: the browser has not allocated the canvas's pixels, and need not for none. */
  const blank = useRef(true);
  const primed = useRef(false);
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  // Before the browser paints this frame: the glyphs move with the scroll, not a frame after it.
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    if (!target.current) {
      target.current =
        typeof canvas.transferControlToOffscreen === 'function' ? canvas.transferControlToOffscreen() : canvas;
    }
    const out = target.current;
    const width = Math.ceil(view.width * dpr);
    const height = Math.ceil(view.height * dpr);
    // Resizing clears the bitmap: only when the viewport itself changed.
    const resized = out.width !== width || out.height !== height;
    if (resized) {
      out.width = width;
      out.height = height;
    }
    const ctx = out.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!ctx) return;
    if (blank.current && !glyphs.length) {
      // Numbers are on their way: one pixel drawn and wiped makes the browser allocate the
      // canvas now, before the page's busiest frames.
      if (soon && !primed.current) {
        primed.current = true;
        ctx.fillRect(0, 0, 1, 1);
        ctx.clearRect(0, 0, 1, 1);
        // The glyphs' stamps too: their paths and text cost that first frame nothing then.
        glyphSprites(dpr);
      }
      return;
    }
    blank.current = !glyphs.length;
    drawGlyphs(ctx, glyphs, view, dpr);
  }, [glyphs, view, dpr, soon]);
  return (
    <div class="glyphs" aria-hidden="true">
      <canvas ref={ref} style={{ width: `${view.width}px`, height: `${view.height}px` }} />
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
    // From the keyboard the card's primary action takes the focus: what the clerk most likely wants.
    const el = ref.current;
    if (card.focus && el)
      (el.querySelector<HTMLElement>('button.primary') ?? el.querySelector<HTMLElement>('button, [tabindex]'))?.focus();
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
  const width = 360;
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
