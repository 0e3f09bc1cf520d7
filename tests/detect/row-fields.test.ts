import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import type { TextBlock } from '@/lib/detect/types';

/**
 * A supplier portal row that lists an invoice with the PO it bills: the row's amount and date are
 * the invoice's. Giving them to the PO too made an imported PO show conflicting values (its own
 * ordered total against every invoice total seen next to it).
 */
const NOW = new Date('2025-06-01T00:00:00Z');

function cell(label: string, text: string, row: Record<string, string>): TextBlock {
  return { text, role: 'cell', label, row };
}

function byNumber(blocks: TextBlock[]) {
  return new Map(detect(blocks, { now: NOW }).map((d) => [d.number, d]));
}

describe('row fields', () => {
  it('gives an invoice row its amount and date to the invoice only; the PO on that row gets the link', () => {
    const row = {
      'PO Number': '4500010001',
      'Invoice No.': 'INV-2025-10001',
      Supplier: 'Acme Industrial Supply',
      'Invoice date': '2025-03-02',
      Amount: '1234.50 EUR',
    };
    const { 'PO Number': po, 'Invoice No.': inv, ...rest } = row;
    const found = byNumber([
      cell('PO Number', po, { 'Invoice No.': inv, ...rest }),
      cell('Invoice No.', inv, { 'PO Number': po, ...rest }),
    ]);
    const invoice = found.get('INV-2025-10001');
    const order = found.get('4500010001');
    expect(invoice).toMatchObject({
      kind: 'invoice',
      total: { minor: 123450, currency: 'EUR' },
      issueDate: '2025-03-02',
      poKeys: ['4500010001'],
      vendor: 'Acme Industrial Supply',
    });
    expect(order?.kind).toBe('po');
    // The PO is tied to the invoice through the invoice's poKeys; the billed amount and date are not its own.
    expect(order?.total).toBeUndefined();
    expect(order?.issueDate).toBeUndefined();
    expect(order?.currency).toBeUndefined();
    expect(order?.vendor).toBe('Acme Industrial Supply');
  });

  it('lets a PO-only row (no invoice column) keep its own total and order date', () => {
    const found = byNumber([
      cell('PO Number', '4500020002', {
        Supplier: 'Globex Components',
        'Order date': '2025-02-14',
        Total: '980.00 EUR',
      }),
    ]);
    expect(found.get('4500020002')).toMatchObject({
      kind: 'po',
      total: { minor: 98000, currency: 'EUR' },
      issueDate: '2025-02-14',
      vendor: 'Globex Components',
    });
  });

  it('gives a credit-note row its amount and date to the credit note, not to the PO it names', () => {
    const found = byNumber([
      cell('PO Number', '4500030003', {
        'Credit note No.': 'CN-2025-0042',
        Supplier: 'Stark Fasteners',
        Date: '2025-04-09',
        Amount: '75.00 EUR',
      }),
      cell('Credit note No.', 'CN-2025-0042', {
        'PO Number': '4500030003',
        Supplier: 'Stark Fasteners',
        Date: '2025-04-09',
        Amount: '75.00 EUR',
      }),
    ]);
    const credit = found.get('CN-2025-0042');
    const order = found.get('4500030003');
    expect(credit).toMatchObject({
      kind: 'credit_note',
      total: { minor: 7500, currency: 'EUR' },
      poKeys: ['4500030003'],
    });
    expect(credit?.issueDate).toBe('2025-04-09');
    expect(order?.kind).toBe('po');
    expect(order?.total).toBeUndefined();
    expect(order?.issueDate).toBeUndefined();
  });

  it('does not count an empty invoice column as billing the row', () => {
    // An invoice column with no number yet (a PO not billed so far): the PO keeps its total.
    const found = byNumber([cell('PO Number', '4500040004', { 'Invoice No.': '', Amount: '50.00 EUR' })]);
    expect(found.get('4500040004')?.total).toEqual({ minor: 5000, currency: 'EUR' });
  });
});

describe('numbers in the free text of list cells', () => {
  it("take the POs of their own row only: a webmail list's subjects are separate messages", () => {
    // Roundcube's message list: one cell per message with sender, date, size and subject.
    const found = detect(
      [
        cell('Subject', 'Brightwater Packaging GmbH Today 09:12 84 KB Invoice BW-24-01187 for your order P00042', {
          Flags: '',
        }),
        cell('Subject', 'Halvorsen Marine Supply Yesterday 16:40 12 KB Order confirmation for your order P00044', {
          Flags: '',
        }),
      ],
      { now: NOW },
    );
    const invoice = found.find((d) => d.kind === 'invoice');
    expect(invoice?.number).toBe('BW-24-01187');
    expect(invoice?.poKeys).toEqual(['P00042']);
  });

  it("take the vendor and amount of their own cell: the first row's are not the page's", () => {
    const found = detect(
      [
        cell('Subject', 'Brightwater Packaging GmbH Today 09:12 Invoice BW-24-01187, total EUR 1,309.00', {
          Flags: '',
        }),
        cell('Subject', 'Halvorsen Marine Supply AS Yesterday 16:40 Invoice HMS-5521 for purchase order P00044', {
          Flags: '',
        }),
      ],
      { now: NOW },
    );
    expect(found.find((d) => d.number === 'HMS-5521')).toMatchObject({
      kind: 'invoice',
      vendor: 'Halvorsen Marine Supply AS',
      poKeys: ['P00044'],
    });
    expect(found.find((d) => d.number === 'HMS-5521')?.total).toBeUndefined();
    expect(found.find((d) => d.number === 'BW-24-01187')).toMatchObject({
      vendor: 'Brightwater Packaging GmbH',
      total: { minor: 130900, currency: 'EUR' },
    });
  });

  it("in running text (not a list) the page's POs still belong to its invoice", () => {
    const found = detect(
      [{ text: 'Invoice BW-24-01187 for your order P00042' }, { text: 'Also delivered under your order P00044' }],
      { now: NOW },
    );
    expect(found.find((d) => d.kind === 'invoice')?.poKeys).toEqual(['P00042', 'P00044']);
  });
});
