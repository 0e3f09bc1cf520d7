import type { Document, Line } from '@/lib/model/document';

/** A PO line's identity in balances: its SKU when it has one, else its position. */
export function poLineKey(line: Line, index: number): string {
  return line.sku ? `sku:${line.sku}` : `#${index}`;
}

/**
 * Which PO line each line of an invoice, credit note or receipt is for: by SKU when both carry one,
 * else by position. `skuOnly` is for documents referencing several POs, where a position says nothing
 * about which PO the line belongs to. Unmatched lines map to -1.
 */
export function matchLines(po: Document, doc: Document, skuOnly: boolean): number[] {
  const poLines = po.lines;
  // POs have a handful of lines: a scan beats building a map for every document matched.
  let anySku = false;
  for (const l of poLines) if (l.sku !== undefined) anySku = true;
  const out = new Array<number>(doc.lines.length);
  for (let j = 0; j < doc.lines.length; j++) {
    const sku = doc.lines[j]!.sku;
    let found = -1;
    if (sku !== undefined) {
      for (let i = 0; i < poLines.length; i++) {
        if (poLines[i]!.sku === sku) {
          found = i;
          break;
        }
      }
      if (found >= 0 || skuOnly || anySku) {
        out[j] = found;
        continue;
      }
    }
    const target = poLines[j];
    out[j] = !skuOnly && target !== undefined && (target.sku === undefined || sku === undefined) ? j : -1;
  }
  return out;
}

/** A line's amount in minor units of `currency`: its own amount, else quantity × unit price; undefined if neither. */
export function lineAmount(line: Line, currency: string): number | undefined {
  if (line.amount && line.amount.currency === currency) return Math.abs(line.amount.minor);
  if (line.unitPrice && line.unitPrice.currency === currency && line.quantity !== undefined) {
    return Math.abs(Math.round(line.unitPrice.minor * line.quantity));
  }
  return undefined;
}
