import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { blocksFromDocument, type DomDocument } from '@/lib/page/html-blocks';
import { NOW } from './helpers';

function detectHtml(html: string) {
  const document = parseHTML(html).document as unknown as DomDocument;
  return detect(blocksFromDocument(document), { now: NOW });
}

describe('a date column named after the document kind', () => {
  it.each([
    ['Credit note', 'Credit note date'],
    ['Gutschrift', 'Gutschriftsdatum'],
    ['Invoice', 'Invoice date'],
  ])('gives each %s row the date under "%s"', (numberHeader, dateHeader) => {
    const found =
      detectHtml(`<!doctype html><html><body><table><tr><th>${numberHeader}</th><th>${dateHeader}</th><th>Amount</th></tr>
      <tr><td>CN-10023</td><td>2025-03-12</td><td>$120.00</td></tr>
      <tr><td>CN-10024</td><td>2025-03-14</td><td>$80.00</td></tr></table></body></html>`);
    expect(found.map((d) => [d.number, d.issueDate])).toEqual([
      ['CN-10023', '2025-03-12'],
      ['CN-10024', '2025-03-14'],
    ]);
  });
});
