import { loadFormats, type StoredFormat, saveFormats } from '@/components/options/customFormats';
import { PROGRESS_MESSAGE } from '@/lib/attachments/protocol';
import { createAttachmentService } from '@/lib/background/attachment-service';
import { createOverlayService, createSelectionMenus, menuKind } from '@/lib/background/overlay-service';
import { createReaderHost, type OffscreenApi } from '@/lib/background/reader-host';
import { createLedger, openLedgerDb } from '@/lib/ledger';
import { createMessageRouter } from '@/lib/messages';
import { REFRESH_MESSAGE } from '@/lib/page/protocol';
import { createSiteService } from '@/lib/sites';
import { createTeamStore } from '@/lib/sync/store';
import { createTeamService } from '@/lib/sync/team-service';

/** Chrome's offscreen API and the open contexts, where the browser has them (Firefox has neither). */
const chromeApi = (
  globalThis as {
    chrome?: {
      offscreen?: OffscreenApi;
      runtime?: { getContexts?: (filter: { contextTypes: string[] }) => Promise<unknown[]> };
    };
  }
).chrome;

export default defineBackground(() => {
  const db = openLedgerDb();
  const teamStore = createTeamStore();
  const ledger = createLedger(db, {
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    clerk: () => teamStore.clerk(),
  });
  const team = createTeamService({
    db,
    ledger,
    store: teamStore,
    formats: {
      get: () => loadFormats(browser.storage.local),
      set: (formats) => saveFormats(browser.storage.local, formats as StoredFormat[]),
    },
    apis: {
      alarms: browser.alarms,
      permissions: browser.permissions,
      keepAlive: () => browser.runtime.getPlatformInfo(),
    },
    fetch: (input, init) => fetch(input, init),
  });
  const sites = createSiteService(browser);
  const overlay = createOverlayService(ledger, browser);
  const reader = createReaderHost({
    offscreen: chromeApi?.offscreen,
    doc: typeof document === 'undefined' ? undefined : document,
    getURL: (path) => browser.runtime.getURL(path as '/'),
    send: (request) => browser.runtime.sendMessage(request),
    readerOpen: chromeApi?.runtime?.getContexts
      ? async () =>
          ((await chromeApi.runtime?.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? []).length > 0
      : undefined,
  });
  const attachments = createAttachmentService(ledger, reader, {
    refresh: async (tabId) => void (await browser.tabs.sendMessage(tabId, { type: REFRESH_MESSAGE })),
    progress: async (tabId, url, done, total) =>
      void (await browser.tabs.sendMessage(tabId, { type: PROGRESS_MESSAGE, url, done, total })),
  });
  const extensionPage = (url?: string) => !!url && url.startsWith(browser.runtime.getURL('/'));
  const route = createMessageRouter(
    {
      ping: async () => 'pong',
      report: async (m) => ledger.recordSightings(m.detections, m.page),
      'sites.enable': async (m) => sites.enable(m.origin),
      'sites.disable': async (m) => sites.disable(m.origin),
      'sites.list': async () => sites.list(),
      'page.report': async (m) => overlay.report(m.detections, m.page, m.via),
      'page.statuses': async (m, sender) => overlay.statuses(m.keys, sender.url),
      'page.record': async (m) => overlay.record(m.docId),
      'page.track': async (m) => overlay.track(m.number, m.kind, m.page),
      'page.ignore': async (m) => overlay.ignore(m.key, m.origin),
      'page.open': async (m) => overlay.open(m.docId),
      'page.openSettings': async (m) => overlay.openSettings(m.section),
      'page.checkField': async (m) => overlay.checkField(m.number, m.kind, m.vendor),
      'page.badge': async (m, sender) =>
        sender.tabId === undefined ? 0 : overlay.badge(sender.tabId, sender.frameId ?? 0, m.exceptionIds),
      'scan.tab': async (m) => overlay.scanTab(m.tabId),
      'attachment.read': async (m, sender) => attachments.read(m.url, m.name, m.page, sender.tabId),
      'attachment.record': async (m, sender) => {
        if (!extensionPage(sender.url)) throw new Error('Only Tieout’s own pages record files they read.');
        return attachments.record(m.reading, m.page);
      },
      'team.sync': async () => team.sync(),
      'team.test': async (m) => team.test(m.config),
      'team.leave': async () => team.leave(),
    },
    browser.runtime.id,
    browser.runtime.getURL('/'),
  );
  browser.runtime.onMessage.addListener((raw, sender) => {
    const m = raw as { type?: unknown; id?: unknown; done?: unknown; total?: unknown } | null;
    // The reader page's own traffic: its progress is passed on; its requests are not for the router.
    if (m?.type === 'reader.read') return undefined;
    if (m?.type === PROGRESS_MESSAGE) {
      if (sender.id === browser.runtime.id && typeof m.id === 'string' && typeof m.done === 'number')
        attachments.progress(m.id, m.done, typeof m.total === 'number' ? m.total : m.done);
      return undefined;
    }
    return route(raw, { id: sender.id, url: sender.url, tabId: sender.tab?.id, frameId: sender.frameId });
  });
  browser.runtime.onStartup.addListener(() => void sites.sync());
  browser.runtime.onStartup.addListener(() => void team.sync());
  browser.alarms.onAlarm.addListener((alarm) => void team.onAlarm(alarm));
  browser.runtime.onInstalled.addListener(() => void sites.sync());
  browser.runtime.onInstalled.addListener(() => void createSelectionMenus(browser.contextMenus));
  // A newcomer lands on the welcome (what Tieout does, privacy, first steps); updates do not.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/options.html#welcome') });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const kind = menuKind(info.menuItemId);
    if (kind && info.selectionText && tab) void overlay.trackSelection(info.selectionText, kind, tab);
  });
  // A new page in the tab (not an in-app navigation) starts the badge afresh.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) void overlay.clearTab(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void overlay.clearTab(tabId));
});
