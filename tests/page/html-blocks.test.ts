import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import {
  blocksFromDocument,
  blocksFromHtml,
  blocksFromSubtree,
  createSubtreeCache,
  type DomDocument,
  type ScannedBlocks,
  scanDocument,
} from '@/lib/page/html-blocks';

function doc(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}

const PAGE = `<!doctype html><html lang="de-DE"><head><title>Bestellung 4500012345 – Lieferantenportal</title>
<style>.x{}</style><script>var PO = "PO-98765";</script></head><body>
<nav aria-label="breadcrumb"><ol><li>Start</li><li>Bestellungen</li></ol></nav>
<h1>Purchase Order</h1>
<p>Rechnung Nr. <span class="a">2024</span><span class="b">-0815</span> vom 03.04.2025</p>
<div hidden>Invoice No. 13579</div><div style="display: none">Invoice No. 24680</div>
<noscript>Invoice No. 33333</noscript><template><p>Invoice No. 44444</p></template>
<dl><dt>Customer PO</dt><dd>PO-0012345</dd><dt>Vendor</dt><dd>Acme GmbH</dd></dl>
<table><thead><tr><th>PO Number</th><th>Vendor</th><th>Total</th></tr></thead>
<tbody><tr><td>4500000001</td><td>Globex Ltd</td><td>$1,200.00</td></tr>
<tr><td><a href="#">4500000002</a></td><td>Initech B.V.</td><td>99,00 €</td></tr></tbody></table>
<table><tr><td>Invoice No.:</td><td>INV-77</td></tr></table>
<form><label for="po">PO number</label><input id="po" value="4500099999">
<input aria-label="Invoice number" value="R-2025-1">
<span id="l1">Delivery note</span><input aria-labelledby="l1" value="LS-8812">
<input placeholder="Sales order" value="SO-5">
<input type="hidden" value="PO-66666">
<select aria-label="Bestellnummer"><option>4500011111</option><option selected>4500022222</option></select>
<textarea aria-label="Notes">Please ref PO-31337</textarea></form>
<pre>Invoice Number:        42183017</pre>
</body></html>`;

describe('blocksFromDocument', () => {
  const blocks = blocksFromDocument(doc(PAGE));
  const texts = blocks.map((b) => b.text);

  it('joins a number split across spans into one text with exact offsets', () => {
    const b = blocks.find((x) => x.text.startsWith('Rechnung'));
    expect(b?.text).toBe('Rechnung Nr. 2024-0815 vom 03.04.2025');
  });

  it('skips script, style, noscript, template and hidden elements', () => {
    const all = texts.join('\n');
    for (const n of ['98765', '13579', '24680', '33333', '44444', '66666']) expect(all).not.toContain(n);
  });

  it('gives page context: title, heading, language', () => {
    expect(blocks[0]?.context).toMatchObject({
      title: 'Bestellung 4500012345 – Lieferantenportal',
      heading: 'Purchase Order',
      lang: 'de-DE',
    });
  });

  it('labels <dd> with its <dt>, cells with their column header and row', () => {
    expect(blocks.find((b) => b.text === 'PO-0012345')).toMatchObject({ label: 'Customer PO' });
    const cell = blocks.find((b) => b.text === '4500000002');
    expect(cell).toMatchObject({ role: 'cell', label: 'PO Number', row: { Vendor: 'Initech B.V.', Total: '99,00 €' } });
    expect(blocks.find((b) => b.text === 'INV-77')).toMatchObject({ role: 'field', label: 'Invoice No.' });
  });

  it('reads form fields with their labels', () => {
    const f = (v: string) => blocks.find((b) => b.text === v);
    expect(f('4500099999')).toMatchObject({ role: 'field', label: 'PO number' });
    expect(f('R-2025-1')).toMatchObject({ label: 'Invoice number' });
    expect(f('LS-8812')).toMatchObject({ label: 'Delivery note' });
    expect(f('SO-5')).toMatchObject({ label: 'Sales order' });
    expect(f('4500022222')).toMatchObject({ label: 'Bestellnummer' });
    expect(f('Please ref PO-31337')).toMatchObject({ label: 'Notes' });
  });

  it('keeps <pre> text as layout', () => {
    expect(blocks.find((b) => b.text.startsWith('Invoice Number'))?.layout).toBe(true);
  });

  it('feeds the detector end to end', () => {
    const ds = detect(blocks, { now: new Date('2025-06-01') }).filter((d) => d.confidence >= 0.5);
    const got = ds.map((d) => `${d.kind}:${d.number}`);
    for (const want of [
      'invoice:2024-0815',
      'po:PO-0012345',
      'po:4500000001',
      'po:4500000002',
      'invoice:INV-77',
      'po:4500099999',
      'invoice:R-2025-1',
      'receipt:LS-8812',
      'po:4500022222',
      'po:PO-31337',
      'invoice:42183017',
    ])
      expect(got).toContain(want);
    expect(got).not.toContain('po:SO-5');
    const row = ds.find((d) => d.number === '4500000001');
    expect(row).toMatchObject({ vendor: 'Globex Ltd', total: { minor: 120000, currency: 'USD' } });
  });

  it('maps every block offset back to its text node', () => {
    const scanned = scanDocument(doc(PAGE));
    const i = scanned.blocks.findIndex((b) => b.text.startsWith('Rechnung'));
    const segs = scanned.segments[i] ?? [];
    const text = scanned.blocks[i]?.text ?? '';
    for (const s of segs) {
      const data = (s.node as unknown as { data: string }).data;
      expect(data.slice(s.nodeStart, s.nodeStart + s.length)).toBe(text.slice(s.start, s.start + s.length));
    }
    // "2024" and "-0815" come from two different spans
    const start = text.indexOf('2024-0815');
    const covering = segs.filter((s) => s.start < start + 9 && s.start + s.length > start);
    expect(covering.length).toBe(2);
  });

  it('scans only a subtree when given a root', () => {
    const d = doc(PAGE);
    const dl = d.querySelector('dl');
    const sub = blocksFromDocument(d, dl ?? undefined).map((b) => b.text);
    expect(sub).toEqual(['Customer PO', 'PO-0012345', 'Vendor', 'Acme GmbH']);
  });
});

describe('blocksFromHtml', () => {
  it('parses a fragment and a full page', () => {
    expect(blocksFromHtml('<p>Invoice <b>INV-1</b></p><br><p>PO 4500012345</p>').map((b) => b.text)).toEqual([
      'Invoice INV-1',
      'PO 4500012345',
    ]);
  });

  it('puts a line break where <br> is, mapped to no node', () => {
    const [b] = blocksFromHtml('<p>Invoice number:<br>88231</p>');
    expect(b?.text).toBe('Invoice number:\n88231');
    expect(detect(blocksFromHtml('<p>Invoice number:<br>88231</p>'))[0]?.number).toBe('88231');
  });

  it('keeps one block whole however many inline pieces it has', () => {
    const page = (n: number) =>
      doc(`<!doctype html><html><body><p>${'<span>a</span><b>B1</b>'.repeat(n)}</p></body></html>`);
    const small = page(10_000);
    const large = page(50_000);
    expect(blocksFromDocument(small)[0]?.text.length).toBe(10_000 * 4);
    expect(blocksFromDocument(large)[0]?.text.length).toBe(50_000 * 4);
  }, 60_000);

  it('reads every cell of a 5,000-row table', () => {
    const page = (n: number) => {
      const rows = Array.from(
        { length: n },
        (_, i) => `<tr><td>45${String(i).padStart(8, '0')}</td><td>Acme</td><td>${i},00 €</td></tr>`,
      ).join('');
      return doc(
        `<!doctype html><html><body><table><thead><tr><th>PO</th><th>Vendor</th><th>Total</th></tr></thead><tbody>${rows}</tbody></table></body></html>`,
      );
    };
    const small = page(1000);
    const large = page(5000);
    expect(blocksFromDocument(small).length).toBe(3003);
    expect(blocksFromDocument(large).length).toBe(15003);
  }, 60_000);
});

describe('inline label and value in separate elements', () => {
  it('separates a label from its value but keeps split numbers whole', () => {
    const [b] = blocksFromHtml('<div><span>Invoice Number</span><span>INV-001</span></div>');
    expect(b?.text).toBe('Invoice Number INV-001');
    expect(detect(blocksFromHtml('<div><span>Invoice Number</span><span>INV-001</span></div>'))[0]?.number).toBe(
      'INV-001',
    );
    const [c] = blocksFromHtml('<p>PO <b>45000</b><i>12345</i> and <b>INV</b><i>-001</i></p>');
    expect(c?.text).toBe('PO 4500012345 and INV-001');
  });
});

describe('digits-only walk (a long list streamed to the detector)', () => {
  it('keeps the blocks with digits as the full walk builds them, and the fields; counts what it skips', () => {
    const d = doc(PAGE);
    const body = d.body as NonNullable<DomDocument['body']>;
    const full: ScannedBlocks = { blocks: [], segments: [], elements: [] };
    blocksFromSubtree(d, body, {}, full, createSubtreeCache());
    const lean: ScannedBlocks = { blocks: [], segments: [], elements: [] };
    blocksFromSubtree(d, body, {}, lean, createSubtreeCache(), true);
    const kept = full.blocks
      .map((b, i) => ({ b, seg: full.segments[i], el: full.elements[i] }))
      .filter(({ b }) => /\d/.test(b.text) || b.role === 'field');
    expect(lean.blocks).toEqual(kept.map((k) => k.b));
    expect(lean.segments).toEqual(kept.map((k) => k.seg));
    expect(lean.elements).toEqual(kept.map((k) => k.el));
    // Globex Ltd, Vendor headings…: left out but counted, so a stream's batches end where they did.
    expect(lean.skipped).toBe(full.blocks.length - kept.length);
    expect(lean.skipped).toBeGreaterThan(3);
    // A value row still carries its neighbours, text cells included.
    expect(lean.blocks.find((b) => b.text === '4500000001')?.row).toEqual({ Vendor: 'Globex Ltd', Total: '$1,200.00' });
  });
});

describe('record titles and bill lists (ERP structure, e.g. Odoo)', () => {
  const scan = (html: string, heading: string): ScannedBlocks => {
    const d = doc(html);
    const out: ScannedBlocks = { blocks: [], segments: [], elements: [] };
    const body = d.body;
    if (!body) throw new Error('no body');
    blocksFromSubtree(d, body, { heading }, out);
    return out;
  };
  const TITLE =
    '<html><body><div class="oe_title"><span class="o_form_label">Purchase Order </span><h1 class="d-flex"><div name="priority"></div><div name="name"><span>P00042</span></div></h1></div><p>Ordered 40.00 units</p></body></html>';

  it("a purchase order's title that is only its name is its PO number", () => {
    const { blocks } = scan(TITLE, 'Purchase Order');
    expect(blocks.find((b) => b.text === 'P00042')?.label).toBe('PO Number');
    expect(detect(blocks).map((d) => `${d.kind}:${d.number}`)).toEqual(['po:P00042']);
  });

  it("a bill's title is the ERP's own voucher number, not the vendor's invoice number", () => {
    const { blocks } = scan(TITLE.replace('P00042', 'BILL/2025/03/0007'), 'Vendor Bill');
    expect(blocks.find((b) => b.text === 'BILL/2025/03/0007')?.label).toBeUndefined();
    expect(detect(blocks)).toEqual([]);
  });

  const LIST = (headers: string[], cells: string[]) =>
    `<html><body><table class="o_list_table"><thead><tr>${headers.map((h) => `<th><div><span>${h}</span></div></th>`).join('')}</tr></thead><tbody><tr class="o_data_row">${cells.map((c) => `<td class="o_data_cell">${c}</td>`).join('')}</tr></tbody></table></body></html>`;

  it('a bill list with Number and Reference columns: the reference is the invoice number, the number a journal entry, the source document its PO', () => {
    const { blocks } = scan(
      LIST(
        ['Number', 'Vendor', 'Source Document', 'Reference', 'Total'],
        ['BILL/2025/03/0008', 'Halvorsen Marine Supply AS', 'P00044', 'HMS-5521', '€ 2,480.00'],
      ),
      'Bills',
    );
    const label = (t: string) => blocks.find((b) => b.text === t)?.label;
    expect(label('BILL/2025/03/0008')).toBe('Journal entry');
    expect(label('HMS-5521')).toBe('Invoice Number');
    expect(label('P00044')).toBe('PO Number');
    const found = detect(blocks);
    expect(found.map((d) => `${d.kind}:${d.number}`).sort()).toEqual(['invoice:HMS-5521', 'po:P00044']);
    expect(found.find((d) => d.kind === 'invoice')).toMatchObject({
      vendor: 'Halvorsen Marine Supply AS',
      total: { minor: 248000, currency: 'EUR' },
      poKeys: ['P00044'],
    });
    // The PO on the bill's row takes its vendor, not the bill's amount.
    expect(found.find((d) => d.kind === 'po')?.total).toBeUndefined();
  });

  it('without a reference column the bare number of a bill list is the invoice number', () => {
    const { blocks } = scan(
      LIST(['No.', 'Vendor', 'Total'], ['8812', 'Quarry Lane Stationers Ltd', '€ 96.40']),
      'Bills',
    );
    expect(blocks.find((b) => b.text === '8812')?.label).toBe('Invoice Number');
  });

  it('on a PO list the bare Reference column is the PO number', () => {
    const { blocks } = scan(
      LIST(['Reference', 'Vendor', 'Total'], ['P00042', 'Brightwater Packaging GmbH', '€ 1,309.00']),
      'Purchase Orders',
    );
    expect(blocks.find((b) => b.text === 'P00042')?.label).toBe('PO Number');
  });
});
