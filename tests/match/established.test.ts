import { describe, expect, it } from 'vitest';
import { rematch } from '@/lib/match';
import { isEstablishedPo } from '@/lib/match/references';
import { DEFAULT_MATCH_SETTINGS } from '@/lib/model/settings';
import { inv, NOW, po } from './fixtures';

const run = (docs: Parameters<typeof rematch>[0]['docs']) =>
  rematch({ docs, existing: [], settings: DEFAULT_MATCH_SETTINGS, now: NOW });

describe('a PO number only quoted on pages', () => {
  it('is no evidence the PO exists: the invoice quoting it still gets unknown_po', () => {
    // What the overlay stores when an e-mail says "for your order 4500019120": the number, nothing else.
    const quoted = { ...po('4500019120', { id: 'po-quoted' }), total: undefined, lines: [], confirmed: [] };
    expect(isEstablishedPo(quoted)).toBe(false);
    const invoice = inv('OS-85407', '4500019120', { total: '250.00' });
    const out = run([quoted, invoice]);
    expect(out.exceptions.filter((e) => e.type === 'unknown_po').map((e) => e.poKey)).toEqual(['4500019120']);
    expect(out.links).toEqual([]);
  });

  it('counts once the PO shows its own total, or an import or a person vouched for it', () => {
    const withTotal = po('4500019120', { id: 'po-total', total: '250.00' });
    expect(isEstablishedPo(withTotal)).toBe(true);
    const vouched = {
      ...po('4500019121', { id: 'po-vouched' }),
      total: undefined,
      confirmed: ['number'],
      sources: { number: 'manual' as const },
    };
    expect(isEstablishedPo(vouched)).toBe(true);
    const out = run([withTotal, inv('OS-1', '4500019120', { total: '250.00' })]);
    expect(out.exceptions.filter((e) => e.type === 'unknown_po')).toEqual([]);
    expect(out.links).toEqual([{ docId: expect.any(String), poId: 'po-total' }]);
  });
});
