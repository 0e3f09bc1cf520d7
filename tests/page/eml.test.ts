import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { blocksFromEml } from '@/lib/page/eml';

const FIX = 'tests/fixtures/detect';

describe('blocksFromEml', () => {
  it('gives the subject as a block and the sender as context, then the HTML body', async () => {
    const blocks = await blocksFromEml(new Uint8Array(await readFile(`${FIX}/acme-invoice.eml`)));
    expect(blocks[0]).toMatchObject({ role: 'subject', text: 'Invoice 88231 for your order 4500012345' });
    expect(blocks[0]?.context?.sender).toEqual({ name: 'Acme Billing', address: 'billing@acme.example' });
    // the body came from the HTML part (the table), not the text part
    expect(blocks.some((b) => b.text === '4500012345' && b.label === 'Ihre Bestellung')).toBe(true);
    expect(blocks.every((b) => b.context?.subject === 'Invoice 88231 for your order 4500012345')).toBe(true);
    expect(blocks.find((b) => b.text.includes('IBAN'))?.context?.lang).toBe('de');
  });

  it('finds the invoice with its PO, total, date and vendor', async () => {
    const ds = detect(await blocksFromEml(await readFile(`${FIX}/acme-invoice.eml`, 'utf8')), {
      now: new Date('2025-06-10'),
    });
    const inv = ds.find((d) => d.kind === 'invoice' && d.span.block > 0);
    expect(inv).toMatchObject({
      number: '88231',
      poKeys: ['4500012345'],
      total: { minor: 123456, currency: 'EUR' },
      issueDate: '2025-06-03',
      vendor: 'Acme Tools GmbH',
    });
    // the subject's own occurrence is also reported, for highlighting
    expect(ds.some((d) => d.span.block === 0 && d.number === '88231')).toBe(true);
    expect(ds.map((d) => d.number)).not.toContain('221123456');
  });

  it('reads a plain-text body when there is no HTML part', async () => {
    const blocks = await blocksFromEml(await readFile(`${FIX}/plain-text.eml`, 'utf8'));
    expect(blocks.map((b) => b.role)).toEqual(['subject', 'text']);
    const ds = detect(blocks).filter((d) => d.confidence >= 0.5);
    expect(ds.find((d) => d.kind === 'credit_note')).toMatchObject({
      number: 'CN-2025-0007',
      // what the credit note credits: its printed minus is the credit note's sign convention
      total: { minor: 12000, currency: 'USD' },
      vendor: 'Globex Ltd',
    });
    expect(ds.find((d) => d.number === '777123')).toBeUndefined();
    // the invoice the credit note corrects is evidence, not a second document
    expect(ds.find((d) => d.number === 'INV-2025-0415')).toBeUndefined();
  });
});
