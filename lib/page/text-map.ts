/**
 * From a detection's span (block, offsets in the block's text) back to the page: a live `Range`
 * over the text nodes that printed it, built from the block's segment map (lib/page/html-blocks).
 * Also splits oversized blocks into windows so that no single detector call runs long.
 */
import type { TextBlock } from '@/lib/detect/types';
import type { TextSegment } from './html-blocks';

/** A DOM position for a block offset; offsets on a `<br>` newline (no node) move to the next segment. */
function positionOf(
  segments: TextSegment[],
  offset: number,
  edge: 'start' | 'end',
): { node: Text; offset: number } | undefined {
  for (const seg of segments) {
    const segEnd = seg.start + seg.length;
    const inside = edge === 'start' ? offset >= seg.start && offset < segEnd : offset > seg.start && offset <= segEnd;
    if (inside) return { node: seg.node as unknown as Text, offset: seg.nodeStart + (offset - seg.start) };
    if (edge === 'start' && seg.start > offset) return { node: seg.node as unknown as Text, offset: seg.nodeStart };
  }
  return undefined;
}

/**
 * Where a number is printed, as text-node positions. A long list holds thousands of these; only
 * those being painted become live `Range`s (`rangeFromSpot`): every live Range costs the page work
 * on each DOM change, and a garbage-collected browser object besides.
 */
export interface TextSpot {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

/** The spot of block offsets [start, end), or undefined when the block has no text nodes there. */
export function spotFromSegments(segments: TextSegment[], start: number, end: number): TextSpot | undefined {
  if (end <= start || !segments.length) return undefined;
  const from = positionOf(segments, start, 'start');
  const to = positionOf(segments, end, 'end');
  if (!from || !to) return undefined;
  const startOffset = Math.min(from.offset, from.node.data.length);
  const endOffset = Math.min(to.offset, to.node.data.length);
  if (from.node === to.node && endOffset <= startOffset) return undefined;
  return { startContainer: from.node, startOffset, endContainer: to.node, endOffset };
}

/** Whether the spot's text nodes are still on the page and still long enough to hold it. */
export function spotHolds(spot: TextSpot): boolean {
  return (
    spot.startContainer.isConnected &&
    spot.endContainer.isConnected &&
    spot.startOffset <= spot.startContainer.data.length &&
    spot.endOffset <= spot.endContainer.data.length
  );
}

/** A live Range over the spot, or undefined when its text changed so that it no longer fits. */
export function rangeFromSpot(doc: Document, spot: TextSpot, into?: Range): Range | undefined {
  if (!spotHolds(spot)) return undefined;
  const range = into ?? doc.createRange();
  try {
    range.setStart(spot.startContainer, spot.startOffset);
    range.setEnd(spot.endContainer, spot.endOffset);
  } catch {
    // A node left the page between scan and paint.
    return undefined;
  }
  return range.collapsed ? undefined : range;
}

/** A Range over block offsets [start, end), or undefined when the block has no text nodes there. */
export function rangeFromSegments(
  doc: Document,
  segments: TextSegment[],
  start: number,
  end: number,
): Range | undefined {
  const spot = spotFromSegments(segments, start, end);
  return spot ? rangeFromSpot(doc, spot) : undefined;
}

/**
 * Splits blocks longer than `max` characters into windows cut at white space (a hostile page can
 * put megabytes in one text node). Each window keeps the block's structure and its own slice of
 * the segment map, so spans stay exact.
 */
export function windowBlocks(
  blocks: TextBlock[],
  segments: TextSegment[][],
  max: number,
): { blocks: TextBlock[]; segments: TextSegment[][]; origin: number[] } {
  const out = { blocks: [] as TextBlock[], segments: [] as TextSegment[][], origin: [] as number[] };
  blocks.forEach((block, index) => {
    const segs = segments[index] ?? [];
    if (block.text.length <= max) {
      out.blocks.push(block);
      out.segments.push(segs);
      out.origin.push(index);
      return;
    }
    let from = 0;
    while (from < block.text.length) {
      let to = Math.min(block.text.length, from + max);
      if (to < block.text.length) {
        // Cut after the last white space in the window's last quarter; a giant token with none
        // (it is no number anyway) is cut hard. Bounded so that 10 MB without a space stays linear.
        const floor = from + Math.floor(max * 0.75);
        for (let i = to - 1; i > floor; i--) {
          const c = block.text.charCodeAt(i);
          if (c === 32 || c === 10 || c === 9 || c === 160) {
            to = i + 1;
            break;
          }
        }
      }
      const slice: TextSegment[] = [];
      for (const seg of segs) {
        const s = Math.max(seg.start, from);
        const e = Math.min(seg.start + seg.length, to);
        if (e > s)
          slice.push({ node: seg.node, start: s - from, nodeStart: seg.nodeStart + (s - seg.start), length: e - s });
      }
      out.blocks.push({ ...block, text: block.text.slice(from, to) });
      out.segments.push(slice);
      out.origin.push(index);
      from = to;
    }
  });
  return out;
}
