/**
 * The background half of the page overlay: answers the content script's `page.*` messages from the
 * ledger, keeps the toolbar badge (open exceptions among the numbers on a tab), scans the active
 * tab once on request (activeTab), and serves the "Track as …" selection menu.
 *
 * The ledger comes in as a port (the few calls used here), so tests pass a fake and this file does
 * not import lib/ledger. Per-tab badge state lives in `storage.session`, not in worker memory: the
 * worker is stopped after 30 s idle.
 */
import type { browser as Browser } from 'wxt/browser';
import type { Detection } from '@/lib/model/detection';
import type { DocKind } from '@/lib/model/document';
import { numberKey, vendorKey } from '@/lib/model/keys';
import type { Money } from '@/lib/model/money';
import type { BalanceLine, DocLine, FieldCheck, OverlayRecord, OverlayStatus, StatusLine } from '@/lib/page/protocol';
import { REFRESH_MESSAGE } from '@/lib/page/protocol';
import { CONTENT_CSS_FILE, CONTENT_SCRIPT_FILE } from '@/lib/sites';

interface LedgerDoc {
  id: string;
  kind: DocKind;
  number: string;
  key: string;
  poKeys?: string[];
  vendor?: string;
  date?: string;
  total?: Money;
}

interface Source {
  url: string;
  title: string;
  via?: 'scan' | 'form' | 'selection' | 'manual';
}

/** The ledger calls the overlay needs (lib/ledger's `createLedger` satisfies it). */
export interface OverlayLedger {
  recordSightings(detections: Detection[], source: Source): Promise<OverlayStatus[]>;
  statusesFor(keys: { kind?: DocKind; key: string }[], pageUrl?: string): Promise<OverlayStatus[]>;
  getRecord(docId: string): Promise<
    | {
        doc: LedgerDoc;
        linked: LedgerDoc[];
        quoted?: LedgerDoc[];
        statuses?: Record<string, StatusLine>;
        balances: {
          poKey: string;
          currency: string;
          mode?: '2way' | '3way';
          ordered: { amount: number };
          received?: { amount: number };
          invoiced: { amount: number };
          credited: { amount: number };
          remaining: { amount: number };
          countedDocIds?: string[];
        }[];
        exceptions: {
          id: string;
          type: string;
          severity: 'high' | 'medium' | 'low';
          message: string;
          state: 'open' | 'resolved';
        }[];
      }
    | undefined
  >;
  lookup(query: string, limit?: number): Promise<{ doc: LedgerDoc & { vendorKey?: string }; matchedBy: string }[]>;
  track(number: string, kind: DocKind, source: Source): Promise<OverlayStatus>;
  ignore(key: string, origin: string): Promise<void>;
}

type Apis = Pick<typeof Browser, 'action' | 'storage' | 'scripting' | 'tabs' | 'runtime'>;

const BADGE_PREFIX = 'badge:';

function docLine(d: LedgerDoc, statuses?: Record<string, StatusLine>): DocLine {
  const line: DocLine = { id: d.id, kind: d.kind, number: d.number };
  if (d.vendor) line.vendor = d.vendor;
  if (d.date) line.date = d.date;
  if (d.total) line.total = d.total;
  const s = statuses?.[d.id];
  if (s) line.status = { code: s.code, mark: s.mark, tone: s.tone, label: s.label, headline: s.headline };
  return line;
}

/** `popup.html?record=ID`: the popup's record view, opened in a tab ("Open in Tieout"). */
export function recordUrl(getURL: (path: string) => string, docId: string): string {
  return getURL(`/popup.html?record=${encodeURIComponent(docId)}`);
}

export function createOverlayService(ledger: OverlayLedger, api: Apis) {
  type FrameCounts = Record<string, string[]>;

  async function setBadge(tabId: number, frameId: number, exceptionIds: string[]): Promise<number> {
    const storeKey = `${BADGE_PREFIX}${tabId}`;
    const frames = ((await api.storage.session.get(storeKey))[storeKey] ?? {}) as FrameCounts;
    frames[String(frameId)] = [...new Set(exceptionIds)];
    await api.storage.session.set({ [storeKey]: frames });
    const count = new Set(Object.values(frames).flat()).size;
    await api.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    if (count) await api.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
    return count;
  }

  async function activeTabId(): Promise<number> {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) throw new Error('There is no open tab to scan.');
    return tab.id;
  }

  return {
    report: (detections: Detection[], page: { url: string; title: string }, via: Source['via']) =>
      ledger.recordSightings(detections, { url: page.url, title: page.title, via }),

    statuses: (keys: string[], pageUrl?: string) =>
      ledger.statusesFor(
        keys.map((key) => ({ key })),
        pageUrl,
      ),

    async record(docId: string): Promise<OverlayRecord | undefined> {
      const view = await ledger.getRecord(docId);
      if (!view) return undefined;
      const { doc, statuses } = view;
      const balances: BalanceLine[] = view.balances.map((b) => {
        const line: BalanceLine = {
          poKey: b.poKey,
          currency: b.currency,
          ordered: b.ordered.amount,
          invoiced: b.invoiced.amount,
          credited: b.credited.amount,
          remaining: b.remaining.amount,
        };
        if (b.mode) line.mode = b.mode;
        if (b.received && b.mode === '3way') line.received = b.received.amount;
        // An invoice naming this PO alone, in its currency: its share of the PO, for the card's bar.
        const counted = b.countedDocIds?.includes(doc.id);
        if (doc.kind === 'invoice' && counted && doc.total?.currency === b.currency && new Set(doc.poKeys).size === 1)
          line.share = doc.total.minor;
        return line;
      });
      return {
        doc: docLine(doc, statuses),
        linked: view.linked.map((d) => docLine(d, statuses)),
        quoted: (view.quoted ?? []).map((d) => docLine(d, statuses)),
        balances,
        exceptions: view.exceptions.map((e) => ({
          id: e.id,
          type: e.type,
          severity: e.severity,
          message: e.message,
          state: e.state,
        })),
      };
    },

    track: (number: string, kind: DocKind, page: { url: string; title: string }) =>
      ledger.track(number, kind, { url: page.url, title: page.title, via: 'selection' }),

    ignore: (key: string, origin: string) => ledger.ignore(key, origin),

    async open(docId: string): Promise<void> {
      await api.tabs.create({ url: recordUrl(api.runtime.getURL as (p: string) => string, docId) });
    },

    /** Tieout's settings at `section` ("Import POs" on a card whose PO is not on file). */
    async openSettings(section: 'data' | 'welcome'): Promise<void> {
      await api.tabs.create({ url: (api.runtime.getURL as (p: string) => string)(`/options.html#${section}`) });
    },

    /**
     * A typed invoice number that the ledger already holds for the same vendor (or, with no vendor
     * on either side, the same number) is a duplicate to warn about before the bill is saved.
     */
    async checkField(number: string, kind: DocKind, vendor?: string): Promise<FieldCheck> {
      const key = numberKey(number);
      if (!key) return { duplicates: [] };
      const wanted = vendor ? vendorKey(vendor) : '';
      const hits = await ledger.lookup(number, 50);
      const duplicates = hits
        .map((h) => h.doc)
        .filter((d) => d.kind === kind && d.key === key)
        .filter((d) => {
          const theirs = d.vendorKey ?? (d.vendor ? vendorKey(d.vendor) : '');
          return !wanted || !theirs || theirs === wanted;
        })
        .map((d) => docLine(d));
      return { duplicates };
    },

    badge: setBadge,

    async clearTab(tabId: number): Promise<void> {
      await api.storage.session.remove(`${BADGE_PREFIX}${tabId}`);
      await api.action.setBadgeText({ tabId, text: '' });
    },

    /** Injects the content script into the active tab once (the toolbar click granted activeTab). */
    async scanTab(tabId?: number): Promise<{ tabId: number }> {
      const target = tabId ?? (await activeTabId());
      try {
        await api.scripting.insertCSS({ target: { tabId: target, allFrames: true }, files: [CONTENT_CSS_FILE] });
        await api.scripting.executeScript({
          target: { tabId: target, allFrames: true },
          files: [`/${CONTENT_SCRIPT_FILE}` as const],
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Tieout cannot read this page (${reason}). Browser pages and the web store are off limits.`);
      }
      return { tabId: target };
    },

    /** "Track as PO number" / "Track as invoice number" on selected text. */
    async trackSelection(
      selection: string,
      kind: DocKind,
      tab: { id?: number; url?: string; title?: string },
    ): Promise<OverlayStatus> {
      const status = await ledger.track(selection.trim().slice(0, 200), kind, {
        url: tab.url ?? '',
        title: tab.title ?? '',
        via: 'selection',
      });
      if (tab.id !== undefined) {
        // The page may have no overlay (not enabled): a missing receiver is not an error.
        await api.tabs.sendMessage(tab.id, { type: REFRESH_MESSAGE }).catch(() => undefined);
      }
      return status;
    },
  };
}
export type OverlayService = ReturnType<typeof createOverlayService>;

export const MENU_TRACK_PO = 'tieout-track-po';
export const MENU_TRACK_INVOICE = 'tieout-track-invoice';

/** The two selection menu items; created on install (Chrome keeps them across worker restarts). */
export function createSelectionMenus(menus: Pick<typeof Browser.contextMenus, 'create' | 'removeAll'>): Promise<void> {
  return menus.removeAll().then(() => {
    menus.create({ id: MENU_TRACK_PO, title: 'Track as PO number', contexts: ['selection'] });
    menus.create({ id: MENU_TRACK_INVOICE, title: 'Track as invoice number', contexts: ['selection'] });
  });
}

export function menuKind(menuItemId: string | number): DocKind | undefined {
  if (menuItemId === MENU_TRACK_PO) return 'po';
  if (menuItemId === MENU_TRACK_INVOICE) return 'invoice';
  return undefined;
}
