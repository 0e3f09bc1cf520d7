/**
 * The popup's and options page's calls into the browser: messages to the worker, site access, the
 * tab being looked at. Kept apart from the components so that those stay plain rendering.
 */
import { browser } from 'wxt/browser';
import { type Message, ReplySchema } from '@/lib/messages';
import { CONTENT_SCRIPT_FILE, normalizeOrigin, originPattern } from '@/lib/sites';

/** Sends one typed message to the worker and unwraps its reply; a refusal becomes a thrown sentence. */
export async function sendMessage<T>(message: Message): Promise<T> {
  const raw: unknown = await browser.runtime.sendMessage(message);
  const reply = ReplySchema.safeParse(raw);
  if (!reply.success) throw new Error('Tieout’s background did not answer; reload the extension and try again.');
  if (!reply.data.ok) throw new Error(reply.data.error);
  return reply.data.data as T;
}

export async function listSites(): Promise<string[]> {
  return sendMessage<string[]>({ type: 'sites.list' });
}

/**
 * Asks the browser for access to a site, then enables Tieout there. Must run inside a click
 * handler: Chrome only shows the permission prompt for a user gesture.
 */
export async function enableSites(inputs: readonly string[]): Promise<string[]> {
  const origins = inputs.map(normalizeOrigin);
  const granted = await browser.permissions.request({ origins: origins.map(originPattern) });
  if (!granted) {
    throw new Error(`Access to ${origins.join(' and ')} was not allowed, so Tieout stays off there.`);
  }
  let sites: string[] = [];
  for (const origin of origins) sites = await sendMessage<string[]>({ type: 'sites.enable', origin });
  return sites;
}

export async function disableSite(origin: string): Promise<string[]> {
  const sites = await sendMessage<string[]>({ type: 'sites.disable', origin });
  // Giving the permission back is a courtesy; a failure here leaves Tieout off all the same.
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  return sites;
}

export interface TargetTab {
  id: number;
  url: string;
  title: string;
  /** The page's origin when it is a web page Tieout can run on. */
  origin?: string;
}

function webOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tab the popup is about: the active tab of the window it was opened from. `urlOverride`
 * (the popup's `?url=` parameter, used when the popup is opened in a tab of its own, as in the
 * end-to-end tests) picks the tab showing that address instead.
 */
export async function targetTab(urlOverride?: string): Promise<TargetTab | undefined> {
  const own = browser.runtime.getURL('/');
  const tabs = urlOverride
    ? (await browser.tabs.query({})).filter((t) => t.url === urlOverride)
    : await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const tab = tabs.find((t) => t.id !== undefined && !(t.url ?? '').startsWith(own));
  if (!tab || tab.id === undefined) {
    return urlOverride ? { id: -1, url: urlOverride, title: urlOverride, origin: webOrigin(urlOverride) } : undefined;
  }
  const url = tab.url ?? urlOverride ?? '';
  return { id: tab.id, url, title: tab.title ?? url, origin: webOrigin(url) };
}

/**
 * Runs the page scanner once on a tab (the popup's "Scan this page"): through the worker's
 * `scan.tab`, which knows whether the overlay is already on the page, else by injecting it.
 */
export async function scanTab(tabId: number): Promise<void> {
  if (tabId < 0) throw new Error('that page is not open in a tab.');
  try {
    await sendMessage({ type: 'scan.tab', tabId });
  } catch {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [`/${CONTENT_SCRIPT_FILE}`] });
  }
}

export async function openOptionsPage(hash = ''): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) });
}

/** Saves text as a file through a temporary link (exports and backups). */
export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
