import { openLedgerDb } from '@/lib/ledger/db';
import { recordSightings } from '@/lib/ledger/merge';
import { createMessageRouter } from '@/lib/messages';
import { createSiteService } from '@/lib/sites';

export default defineBackground(() => {
  const db = openLedgerDb();
  const sites = createSiteService(browser);
  const route = createMessageRouter(
    {
      ping: async () => 'pong',
      report: async (m) => recordSightings(db, m.detections, m.page, new Date()),
      'sites.enable': async (m) => sites.enable(m.origin),
      'sites.disable': async (m) => sites.disable(m.origin),
      'sites.list': async () => sites.list(),
    },
    browser.runtime.id,
  );
  browser.runtime.onMessage.addListener((raw, sender) =>
    route(raw, { id: sender.id, url: sender.url, tabId: sender.tab?.id }),
  );
  browser.runtime.onStartup.addListener(() => void sites.sync());
  browser.runtime.onInstalled.addListener(() => void sites.sync());
});
