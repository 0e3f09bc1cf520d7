import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import type { TextBlock } from '@/lib/detect/types';
import { pickAdapter } from '@/lib/page/adapters';
import { createPageScanner, type Found } from '@/lib/page/scanner';

/** The text a spot covers, read from its text nodes. */
function spotText(f: Found): string | undefined {
  const s = f.spot;
  if (!s) return undefined;
  if (s.startContainer === s.endContainer) return s.startContainer.data.slice(s.startOffset, s.endOffset);
  return s.startContainer.data.slice(s.startOffset) + s.endContainer.data.slice(0, s.endOffset);
}

function scanner(html: string) {
  const { document } = parseHTML(
    `<!doctype html><html lang="en"><head><title>Portal</title></head><body>${html}</body></html>`,
  );
  const found: Found[] = [];
  const calls: TextBlock[][] = [];
  const s = createPageScanner({
    doc: document as unknown as Document,
    detect: (blocks) => {
      calls.push(blocks);
      return detect(blocks, { now: new Date('2025-06-01T00:00:00Z') });
    },
    adapter: () => pickAdapter(document as unknown as Document, 'portal.example'),
    exclude: () => false,
    onFound: (list) => found.push(...list),
    onClear: () => undefined,
    // Tests run the scanner straight through: no yielding to a page.
    sliceMs: 1e9,
  });
  return { s, found, calls };
}

function portal(rows: number): string {
  const body = Array.from(
    { length: rows },
    (_, i) =>
      `<tr><td>${4500010000 + i}</td><td>INV-2025-${10000 + i}</td><td>Acme Industrial Supply</td><td>2025-03-0${(i % 9) + 1}</td><td>${100 + i}.00 EUR</td></tr>`,
  ).join('');
  return `<h1>Documents</h1><table><thead><tr><th>PO Number</th><th>Invoice No.</th><th>Supplier</th><th>Invoice date</th><th>Amount</th></tr></thead><tbody>${body}</tbody></table>`;
}

describe('page scanner', () => {
  it('reads a long list in small groups as it walks, and finds every number where it is printed', async () => {
    const { s, found, calls } = scanner(portal(1500));
    await s.scanAll();
    // Every detector call after the warm-up is a small group of rows, never the whole list at once.
    const groups = calls.slice(1);
    expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(24);
    expect(groups.reduce((n, g) => n + g.length, 0)).toBeGreaterThanOrEqual(3000);
    const pos = found.filter((f) => f.detection.kind === 'po');
    const invoices = found.filter((f) => f.detection.kind === 'invoice');
    expect(pos).toHaveLength(1500);
    expect(invoices).toHaveLength(1500);
    for (const f of [...pos, ...invoices]) expect(spotText(f)).toBe(f.detection.number);
    // Each row's fields stay with its own invoice, whichever group it was read in.
    const last = invoices.find((f) => f.detection.number === 'INV-2025-11499')?.detection;
    expect(last).toMatchObject({ poKeys: ['4500011499'], total: { minor: 159900, currency: 'EUR' } });
    expect(s.stats().detections).toBe(3000);
  });

  it('reads a short message whole: a PO named in one paragraph belongs to the invoice named in another', async () => {
    const { s, found, calls } = scanner(
      '<div><p>Please find attached invoice INV-7781.</p><p>It refers to your order PO 4500012345.</p><p>Total due: 1,250.00 EUR</p></div>',
    );
    await s.scanAll();
    expect(calls.slice(1)).toHaveLength(1);
    const invoice = found.find((f) => f.detection.kind === 'invoice')?.detection;
    expect(invoice).toMatchObject({ number: 'INV-7781', poKeys: ['4500012345'] });
    const po = found.find((f) => f.detection.kind === 'po');
    expect(po?.detection.key).toBe('4500012345');
    expect(spotText(po!)).toBe(po?.detection.number);
  });

  it('hands the first rows of a long list over before it has walked the rest (rows gone by then are not reported)', async () => {
    const { document } = parseHTML(`<!doctype html><html><body>${portal(1500)}</body></html>`);
    const found: Found[] = [];
    const s = createPageScanner({
      doc: document as unknown as Document,
      detect: (blocks) => detect(blocks),
      adapter: () => pickAdapter(document as unknown as Document, 'portal.example'),
      exclude: () => false,
      onFound: (list) => {
        // The page re-renders its last row while the first numbers are being painted.
        if (!found.length) document.querySelector('tbody tr:last-child')?.remove();
        found.push(...list);
      },
      onClear: () => undefined,
      sliceMs: 1e9,
    });
    await s.scanAll();
    const numbers = new Set(found.map((f) => f.detection.number));
    expect(numbers.has('4500010000')).toBe(true);
    expect(numbers.has('INV-2025-11498')).toBe(true);
    expect(numbers.has('INV-2025-11499')).toBe(false);
    expect(numbers.size).toBe(2998);
  });
});
