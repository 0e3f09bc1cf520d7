/**
 * What the ledger should hold once every message of the seeded mailbox has been read: each PO of the
 * CSV once, each invoice once with its vendor, total and PO, and the exceptions the seed explains.
 */
import type { Truth } from '@/dev/realapps/app';
import { INVOICES, POS, poTotal, VENDORS } from '@/dev/realapps/webmail/plan';

export function webmailTruth(): Truth {
  const docs: Truth['docs'] = POS.map((po) => ({
    kind: 'po',
    number: po.number,
    vendor: VENDORS[po.vendor].name,
    total: poTotal(po),
    currency: VENDORS[po.vendor].currency,
    records: 1,
  }));
  const exceptions: Truth['exceptions'] = [];
  for (const inv of INVOICES) {
    docs.push({
      kind: 'invoice',
      number: inv.number,
      vendor: VENDORS[inv.vendor].name,
      total: inv.total,
      currency: VENDORS[inv.vendor].currency,
      ...(inv.po ? { poKey: inv.po } : {}),
      records: 1,
    });
    const about = (type: string, required = true) => exceptions.push({ type, number: inv.number, required });
    if (inv.role === 'over_billed') {
      about('over_billed');
      about('price_variance', false);
    }
    if (inv.role === 'unknown_po') about('unknown_po');
    if (inv.role === 'no_po') about('no_po_reference');
    if (inv.role === 'possible_duplicate') about('possible_duplicate');
  }
  return { docs, exceptions };
}
