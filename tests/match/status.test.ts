import { describe, expect, it } from 'vitest';
import { type BalanceFigures, documentStatus, poStage } from '@/lib/match/status';

const none = new Set<string>();
const invoice = { kind: 'invoice' as const, poKeys: ['4500012349'] };
const po = { kind: 'po' as const, poKeys: [] };
const balance = (ordered: number, net: number): BalanceFigures => ({
  poKey: '4500012349',
  currency: 'GBP',
  ordered,
  invoiced: net,
  credited: 0,
  remaining: ordered - net,
});

describe('documentStatus: one status for every view', () => {
  it('leads with the worst open exception, in words and with its amount', () => {
    const s = documentStatus(invoice, {
      open: [
        { type: 'price_variance', severity: 'medium', poKey: '4500012349' },
        { type: 'over_billed', severity: 'high', poKey: '4500012349' },
      ],
      onFile: new Set(['4500012349']),
      balances: [balance(1_180_200, 1_257_000)],
    });
    expect(s).toMatchObject({
      code: 'exception',
      mark: 'exception',
      tone: 'high',
      exception: 'over_billed',
      label: 'Over-billed +1',
      headline: 'Over-billed by £768.00',
    });
  });

  it('ties out an invoice whose POs are all on file, and says which', () => {
    expect(documentStatus(invoice, { open: [], onFile: new Set(['4500012349']) })).toMatchObject({
      code: 'tied',
      mark: 'tied',
      headline: 'Tied out to PO 4500012349',
    });
  });

  it('says "PO not on file" (calm, never linked) for a reference nothing on file answers', () => {
    const s = documentStatus({ kind: 'invoice', poKeys: ['1', '2'] }, { open: [], onFile: new Set(['1']) });
    expect(s).toMatchObject({ code: 'po_not_on_file', mark: 'unknown', tone: 'info', headline: 'PO 2 not on file' });
    expect(documentStatus(po, { open: [], onFile: none, poOnFile: false }).label).toBe('PO not on file');
    expect(documentStatus({ kind: 'invoice', poKeys: [] }, { open: [], onFile: none }).code).toBe('no_po');
  });

  it('gives a PO on file its status in AP words', () => {
    const of = (b?: BalanceFigures, status?: 'open' | 'closed') =>
      documentStatus({ ...po, status }, { open: [], onFile: none, poOnFile: true, balances: b ? [b] : [] });
    expect(of(balance(1000, 0))).toMatchObject({ code: 'po_open', label: 'Open', mark: 'tied' });
    expect(of(balance(1000, 400))).toMatchObject({
      label: 'Partly invoiced',
      headline: 'Partly invoiced: £4.00 of £10.00, £6.00 left',
    });
    expect(of(balance(1000, 1000)).label).toBe('Fully invoiced');
    // Over by less than the tolerance (no open exception): fully invoiced, the amount said.
    expect(of(balance(1000, 1040)).headline).toBe('Fully invoiced: £10.00 (over by £0.40, no open exception)');
    expect(of(balance(1000, 400), 'closed').label).toBe('Closed');
    expect(of(undefined).code).toBe('po_on_file');
  });
});

describe('poStage: where a PO stands, in AP words', () => {
  const over = [{ type: 'over_billed' as const, severity: 'high' as const, poKey: '4500012349' }];
  it('says over-billed while an over-billing is open, whatever the badge leads with', () => {
    const variance = { type: 'price_variance' as const, severity: 'medium' as const, poKey: '4500012349' };
    expect(poStage({}, balance(1_000, 1_200), [variance, ...over])).toBe('Over-billed');
  });
  it('says what the balance says otherwise, and closed when the PO is closed', () => {
    const variance = [{ type: 'price_variance' as const, severity: 'medium' as const, poKey: '4500012349' }];
    expect(poStage({}, balance(1_000, 0), variance)).toBe('Open');
    expect(poStage({}, balance(1_000, 400), [])).toBe('Partly invoiced');
    expect(poStage({}, balance(1_000, 1_000), [])).toBe('Fully invoiced');
    expect(poStage({ status: 'closed' }, balance(1_000, 1_200), over)).toBe('Closed');
  });
});
