/**
 * Detection entry point. Pure: no DOM globals, no browser APIs.
 * (Thin first version for the foundation slice; the full detector replaces it.)
 */
import type { Detection } from '../model/detection';
import { numberKey } from '../model/keys';

export interface TextBlock {
  text: string;
}

const LABELLED =
  /\b(PO|P\.O\.|Purchase Order|Invoice|INV)\s*(?:No\.?|Number|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/]{2,30})/gi;

export function detect(blocks: TextBlock[]): Detection[] {
  const out: Detection[] = [];
  blocks.forEach((block, index) => {
    for (const m of block.text.matchAll(LABELLED)) {
      const label = m[1] ?? '';
      const number = m[2] ?? '';
      const key = numberKey(number);
      if (!key || !/\d/.test(key)) continue;
      const start = (m.index ?? 0) + m[0].length - number.length;
      out.push({
        kind: /^inv/i.test(label) ? 'invoice' : 'po',
        number,
        key,
        confidence: 0.8,
        evidence: `label "${label}"`,
        span: { block: index, start, end: start + number.length },
      });
    }
  });
  return out;
}
