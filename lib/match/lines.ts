import type { Document, Line } from '../model/document';

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
  const anySku = poLines.some((l) => l.sku !== undefined);
  return doc.lines.map((line, j) => {
    if (line.sku !== undefined) {
      const i = poLines.findIndex((l) => l.sku === line.sku);
      if (i >= 0) return i;
      if (skuOnly || anySku) return -1;
    }
    if (skuOnly) return -1;
    const target = poLines[j];
    return target !== undefined && (target.sku === undefined || line.sku === undefined) ? j : -1;
  });
}

/** A line's amount in minor units of `currency`: its own amount, else quantity × unit price; undefined if neither. */
export function lineAmount(line: Line, currency: string): number | undefined {
  if (line.amount && line.amount.currency === currency) return Math.abs(line.amount.minor);
  if (line.unitPrice && line.unitPrice.currency === currency && line.quantity !== undefined) {
    return Math.abs(Math.round(line.unitPrice.minor * line.quantity));
  }
  return undefined;
}
