import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  createOverlayService,
  createSelectionMenus,
  menuKind,
  type OverlayLedger,
} from '@/lib/background/overlay-service';
import type { OverlayStatus } from '@/lib/page/protocol';

const status = (over: Partial<OverlayStatus> = {}): OverlayStatus => ({
  kind: 'invoice',
  key: '88231',
  number: 'INV-88231',
  status: 'unknown',
  exceptions: [],
  ...over,
});

function fakeLedger(docs: { id: string; kind: 'po' | 'invoice'; number: string; key: string; vendor?: string }[] = []) {
  return {
    recordSightings: vi.fn(async () => [status()]),
    statusesFor: vi.fn(async () => [status()]),
    getRecord: vi.fn(async () => undefined),
    lookup: vi.fn(async () => docs.map((doc) => ({ doc, matchedBy: 'key' }))),
    track: vi.fn(async () => status({ status: 'tied' })),
    ignore: vi.fn(async () => undefined),
  } satisfies OverlayLedger;
}

function apis() {
  const badges = new Map<number, string>();
  const executed: unknown[] = [];
  const sent: unknown[] = [];
  const api = {
    ...fakeBrowser,
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void badges.set(tabId, text),
      setBadgeBackgroundColor: async () => undefined,
    },
    scripting: {
      insertCSS: async (x: unknown) => void executed.push(['css', x]),
      executeScript: async (x: unknown) => void executed.push(['js', x]),
    },
    tabs: {
      ...fakeBrowser.tabs,
      query: async () => [{ id: 7 }],
      create: async (x: unknown) => void sent.push(['create', x]),
      sendMessage: async (id: number, m: unknown) => void sent.push([id, m]),
    },
    runtime: { ...fakeBrowser.runtime, getURL: (p: string) => `chrome-extension://id${p}` },
  } as unknown as Parameters<typeof createOverlayService>[1];
  return { api, badges, executed, sent };
}

describe('overlay service (background)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('counts distinct open exceptions over every frame of a tab, and clears them on a new page', async () => {
    const { api, badges } = apis();
    const service = createOverlayService(fakeLedger(), api);
    expect(await service.badge(3, 0, ['e1', 'e2'])).toBe(2);
    expect(await service.badge(3, 5, ['e2', 'e3'])).toBe(3);
    expect(badges.get(3)).toBe('3');
    // A frame that re-renders reports its full set again: no double counting.
    expect(await service.badge(3, 5, [])).toBe(2);
    await service.clearTab(3);
    expect(badges.get(3)).toBe('');
    expect(await service.badge(3, 0, [])).toBe(0);
  });

  it('warns of a typed invoice number the ledger holds for the same vendor, not for another vendor', async () => {
    const ledger = fakeLedger([
      { id: 'a', kind: 'invoice', number: 'INV-5001', key: '5001', vendor: 'Acme Industrial Supply Ltd' },
      { id: 'b', kind: 'invoice', number: '5001', key: '5001', vendor: 'Globex' },
      { id: 'c', kind: 'po', number: 'PO-5001', key: '5001', vendor: 'Acme Industrial Supply' },
    ]);
    const { api } = apis();
    const service = createOverlayService(ledger, api);
    const check = await service.checkField('inv 5001', 'invoice', 'ACME Industrial Supply');
    expect(check.duplicates.map((d) => d.id)).toEqual(['a']);
    expect((await service.checkField('INV-5001', 'invoice')).duplicates.map((d) => d.id)).toEqual(['a', 'b']);
    expect((await service.checkField('---', 'invoice')).duplicates).toEqual([]);
  });

  it('scans the active tab once: colours first, then the script, in every frame', async () => {
    const { api, executed } = apis();
    expect(await createOverlayService(fakeLedger(), api).scanTab()).toEqual({ tabId: 7 });
    expect(executed).toEqual([
      ['css', { target: { tabId: 7, allFrames: true }, files: ['content-scripts/content.css'] }],
      ['js', { target: { tabId: 7, allFrames: true }, files: ['/content-scripts/content.js'] }],
    ]);
  });

  it('explains a page it may not read', async () => {
    const { api } = apis();
    (api.scripting as unknown as { insertCSS: () => Promise<void> }).insertCSS = async () => {
      throw new Error('Cannot access a chrome:// URL');
    };
    await expect(createOverlayService(fakeLedger(), api).scanTab(4)).rejects.toThrow(/cannot read this page/);
  });

  it('tracks a selection from the menu and asks the page to repaint', async () => {
    const ledger = fakeLedger();
    const { api, sent } = apis();
    const service = createOverlayService(ledger, api);
    await service.trackSelection('  PO 4500012345 \n', 'po', { id: 9, url: 'https://mail.example/x', title: 'Mail' });
    expect(ledger.track).toHaveBeenCalledWith('PO 4500012345', 'po', {
      url: 'https://mail.example/x',
      title: 'Mail',
      via: 'selection',
    });
    expect(sent).toEqual([[9, { type: 'tieout.overlay.refresh' }]]);
  });

  it('opens a record in the popup page', async () => {
    const { api, sent } = apis();
    await createOverlayService(fakeLedger(), api).open('doc 1');
    expect(sent).toEqual([['create', { url: 'chrome-extension://id/popup.html?record=doc%201' }]]);
  });
});

describe('selection menu', () => {
  it('offers the two tracking items on selected text only', async () => {
    const created: unknown[] = [];
    await createSelectionMenus({ removeAll: async () => undefined, create: (x: unknown) => created.push(x) } as never);
    expect(created).toEqual([
      { id: 'tieout-track-po', title: 'Track as PO number', contexts: ['selection'] },
      { id: 'tieout-track-invoice', title: 'Track as invoice number', contexts: ['selection'] },
    ]);
    expect(menuKind('tieout-track-po')).toBe('po');
    expect(menuKind('tieout-track-invoice')).toBe('invoice');
    expect(menuKind('other')).toBeUndefined();
  });
});
