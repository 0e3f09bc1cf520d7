import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blocksFromSubtree, createSubtreeCache, type ScannedBlocks } from '@/lib/page/html-blocks';
import { rangeFromSegments, windowBlocks } from '@/lib/page/text-map';

/**
 * linkedom has no offset-based Range, so the test's document records where a range starts and
 * ends and reads the text between those two positions itself.
 */
function scan(html: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out: ScannedBlocks = { blocks: [], segments: [], elements: [] };
  blocksFromSubtree(document as never, document.body as never, {}, out, createSubtreeCache());
  const texts: Text[] = [];
  const walker = document.createTreeWalker(document.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as unknown as Text);
  const fakeDoc = {
    createRange() {
      const r = {
        startContainer: undefined as unknown as Text,
        startOffset: 0,
        endContainer: undefined as unknown as Text,
        endOffset: 0,
        get collapsed() {
          return r.startContainer === r.endContainer && r.startOffset === r.endOffset;
        },
        setStart(node: Text, offset: number) {
          r.startContainer = node;
          r.startOffset = offset;
        },
        setEnd(node: Text, offset: number) {
          r.endContainer = node;
          r.endOffset = offset;
        },
        toString() {
          const from = texts.indexOf(r.startContainer);
          const to = texts.indexOf(r.endContainer);
          if (from === to) return r.startContainer.data.slice(r.startOffset, r.endOffset);
          let text = r.startContainer.data.slice(r.startOffset);
          for (let i = from + 1; i < to; i++) text += texts[i]!.data;
          return text + r.endContainer.data.slice(0, r.endOffset);
        },
      };
      return r;
    },
  } as unknown as Document;
  return { document: fakeDoc, out };
}

describe('from a detection span to a Range', () => {
  it('covers a number split over inline elements exactly', () => {
    const { document, out } = scan('<p>Invoice No. <b>INV-</b><i>5512</i> is due</p>');
    const text = out.blocks[0]!.text;
    const start = text.indexOf('INV-');
    const range = rangeFromSegments(document, out.segments[0]!, start, start + 'INV-5512'.length);
    expect(range?.toString()).toBe('INV-5512');
    expect(range?.startContainer.textContent).toBe('INV-');
    expect(range?.endContainer.textContent).toBe('5512');
  });

  it('maps offsets after trimmed white space and several text nodes', () => {
    const { document, out } = scan('<div>\n   PO number:\n <span>4500012345</span>\n</div>');
    const text = out.blocks[0]!.text;
    const start = text.indexOf('4500012345');
    expect(rangeFromSegments(document, out.segments[0]!, start, start + 10)?.toString()).toBe('4500012345');
  });

  it('gives nothing for an empty span or a block without text nodes', () => {
    const { document, out } = scan('<p>PO 123</p>');
    expect(rangeFromSegments(document, out.segments[0]!, 3, 3)).toBeUndefined();
    expect(rangeFromSegments(document, [], 0, 3)).toBeUndefined();
  });
});

describe('windowing oversized blocks', () => {
  it('cuts at white space, keeps structure, and every window maps back exactly', () => {
    const { document, out } = scan(
      `<p>${'lorem ipsum '.repeat(1000)}Invoice No. INV-77 ${'dolor sit '.repeat(1000)}</p>`,
    );
    const w = windowBlocks(out.blocks, out.segments, 4000);
    expect(w.blocks.length).toBeGreaterThan(5);
    expect(w.blocks.every((b) => b.text.length <= 4000)).toBe(true);
    expect(w.blocks.map((b) => b.text).join('')).toBe(out.blocks[0]!.text);
    expect(new Set(w.origin)).toEqual(new Set([0]));
    const i = w.blocks.findIndex((b) => b.text.includes('INV-77'));
    const at = w.blocks[i]!.text.indexOf('INV-77');
    expect(rangeFromSegments(document, w.segments[i]!, at, at + 6)?.toString()).toBe('INV-77');
  });

  it('stays linear on a giant token without any space (a hostile page)', () => {
    const digits = '1234567890'.repeat(200_000);
    const t0 = performance.now();
    const w = windowBlocks([{ text: digits }], [[]], 4000);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(w.blocks).toHaveLength(500);
  });

  it('passes small blocks through untouched', () => {
    const blocks = [{ text: 'PO 1' }, { text: 'INV 2' }];
    expect(windowBlocks(blocks, [[], []], 4000)).toEqual({ blocks, segments: [[], []], origin: [0, 1] });
  });
});
