/**
 * A single-page webmail (tests/fixtures/realapps/sogo.html, the structure of SOGo 5.8: a list of
 * `md-list-item[role=listitem]` message rows beside the open message, redrawn on a click) read by the
 * built extension: each list row is a message of its own, the message view is the unit for its body,
 * and the app's chrome (toolbar buttons, folders, icons, list dates and sizes) is never a field value.
 */
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, readLedgerTable, waitFor } from './harness';
import { allHighlightTexts, waitForHighlights } from './page-highlights';
import { onFixtureSite } from './session';

type Doc = Record<string, unknown> & { number?: string; vendor?: string; poKeys?: string[] };

/** Each message of the fixture: its sender, its invoice and the one PO it quotes (if any). */
const MESSAGES = [
  {
    from: 'Thornbury Instruments Ltd',
    invoice: 'TI-40917',
    po: '4500020011',
    total: { minor: 234000, currency: 'GBP' },
  },
  {
    from: 'Vasquez Embalajes S.A.',
    invoice: 'FV-2026-118',
    po: '4500020012',
    total: { minor: 111840, currency: 'EUR' },
  },
  { from: 'Orrin Billing', invoice: '88410', po: '4500020013', total: { minor: 512000, currency: 'USD' } },
];
const ALL_POS = MESSAGES.map((m) => m.po);
/** Words the app draws around the mail: buttons, folders, icon ligatures, the list's dates and sizes. */
const CHROME =
  /Open in|Reply|Forward|Delete|Inbox|Drafts|Sent|Invoices 2026|Refresh|Search|Preferences|star|person|expand_more|more_vert|fullscreen|messages|Order Received|\d+ KB|\d\d:\d\d|-Mar-26/;

describe('a single-page webmail: one document per message row, the message view for its body, no chrome', () => {
  let ext: ExtensionSession;
  let base: string;

  onFixtureSite(async (e, site) => {
    ext = e;
    base = `${site.url}/realapps`;
    const enabled = (await ext.enableSite(site.url)) as { ok: boolean };
    expect(enabled.ok).toBe(true);
  });

  async function documents(): Promise<Doc[]> {
    const popup = await ext.openPopup();
    try {
      return (await readLedgerTable(popup, 'documents')) as Doc[];
    } finally {
      await popup.close();
    }
  }

  /** The ledger's documents once `ready` holds for them (or as they are at the timeout). */
  async function documentsWhen(ready: (docs: Doc[]) => boolean): Promise<Doc[]> {
    return (
      (await waitFor(async () => {
        const docs = await documents();
        return ready(docs) ? docs : undefined;
      }, 20_000)) ?? (await documents())
    );
  }

  it('reads the list and every message opened from it: each invoice with its own sender, total and PO', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}/sogo.html`);
    await waitForHighlights(page, 2);
    for (const m of MESSAGES.slice(1)) {
      await page.locator('md-list-item.sg-message-list-item', { hasText: m.invoice }).locator('button').first().click();
      await expect.poll(() => page.locator('#detailView h5').textContent(), { timeout: 10_000 }).toContain(m.invoice);
      await expect.poll(async () => allHighlightTexts(page), { timeout: 20_000 }).toContain(m.po);
    }
    const docs = await documentsWhen((d) =>
      MESSAGES.every((m) => d.some((x) => x.number === m.invoice && x.kind === 'invoice' && x.total !== undefined)),
    );
    const summary = docs.map((d) => ({ number: d.number, kind: d.kind, vendor: d.vendor, poKeys: d.poKeys }));

    for (const m of MESSAGES) {
      const invoice = docs.find((d) => d.number === m.invoice && d.kind === 'invoice');
      expect(invoice, JSON.stringify(summary)).toMatchObject({ total: m.total, poKeys: [m.po] });
      // The open message's sender, or nothing; never another row's sender or the list's cells.
      if (invoice?.vendor !== undefined) expect([m.from, 'Orrin Tool & Die Co.']).toContain(invoice.vendor);
    }
    // The subjects of different messages are never tied to each other: an invoice quotes its own PO only.
    for (const d of docs.filter((x) => x.kind === 'invoice')) {
      const own = MESSAGES.find((m) => m.invoice === d.number)?.po;
      for (const key of d.poKeys ?? []) if (ALL_POS.includes(key)) expect([d.number, key]).toEqual([d.number, own]);
    }
    // Vendors are the senders' names, never list cells run together nor the app's words.
    for (const d of docs) {
      expect(d.vendor ?? '', JSON.stringify(summary)).not.toMatch(CHROME);
      for (const m of MESSAGES)
        if (d.vendor && d.vendor !== m.from) expect(d.vendor, JSON.stringify(summary)).not.toContain(m.from);
    }
    // The only documents are the messages' invoices and POs: no number from a date, size or phone.
    const numbers = new Set(docs.map((d) => d.number));
    expect([...numbers].sort(), JSON.stringify(summary)).toEqual(
      [...MESSAGES.map((m) => m.invoice), ...ALL_POS].sort(),
    );
    await page.close();
  });
});
