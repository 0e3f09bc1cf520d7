/**
 * Which sites Tieout runs on. Host access is optional: a site is enabled only after its origin
 * was granted, and the content script is registered for it at run time (persisted by Chrome across
 * restarts, re-synced on startup). Disabling removes the registration.
 */
import type { browser } from 'wxt/browser';

export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
/** The highlight colours, injected before the page builds its DOM (see lib/page/highlights.css). */
export const CONTENT_CSS_FILE = 'content-scripts/content.css';
const SITES_KEY = 'sites';

/** `https://mail.example.com` from anything a clerk may type: a URL, a host, an origin. */
export function normalizeOrigin(input: string): string {
  const trimmed = input.trim();
  if (!trimmed) throw new Error('Type a site address such as https://portal.example.com.');
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`"${trimmed.slice(0, 80)}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Tieout runs only on http and https pages, not ${url.protocol.replace(':', '')}.`);
  }
  return url.origin;
}

/** Match pattern for an origin; ports are not part of Chrome match patterns. */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

function scriptId(origin: string): string {
  return `tieout:${originPattern(origin)}`;
}

type SiteApis = Pick<typeof browser, 'scripting' | 'storage' | 'permissions'>;

export function createSiteService(api: SiteApis) {
  async function stored(): Promise<string[]> {
    const value = (await api.storage.local.get(SITES_KEY))[SITES_KEY];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  async function register(origin: string): Promise<void> {
    const id = scriptId(origin);
    const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] });
    // Registrations from a version without the stylesheet are replaced.
    if (existing.length && existing[0]?.css?.length) return;
    if (existing.length) await api.scripting.unregisterContentScripts({ ids: [id] });
    await api.scripting.registerContentScripts([
      {
        id,
        matches: [originPattern(origin)],
        js: [CONTENT_SCRIPT_FILE],
        css: [CONTENT_CSS_FILE],
        allFrames: true,
        // Webmail previews often sit in about:blank/srcdoc frames, which take their parent's origin.
        matchOriginAsFallback: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }

  return {
    list: stored,

    async enable(input: string): Promise<string[]> {
      const origin = normalizeOrigin(input);
      const granted = await api.permissions.contains({ origins: [originPattern(origin)] });
      if (!granted) {
        throw new Error(`Tieout has no access to ${origin} yet; allow it when the browser asks, then try again.`);
      }
      await register(origin);
      const sites = await stored();
      if (!sites.includes(origin)) sites.push(origin);
      await api.storage.local.set({ [SITES_KEY]: sites });
      return sites;
    },

    async disable(input: string): Promise<string[]> {
      const origin = normalizeOrigin(input);
      const id = scriptId(origin);
      const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] });
      if (existing.length) await api.scripting.unregisterContentScripts({ ids: [id] });
      const sites = (await stored()).filter((s) => s !== origin);
      await api.storage.local.set({ [SITES_KEY]: sites });
      return sites;
    },

    /** Brings registrations in line with storage and granted permissions (startup, update). */
    async sync(): Promise<void> {
      for (const origin of await stored()) {
        const granted = await api.permissions.contains({ origins: [originPattern(origin)] });
        if (granted) await register(origin);
      }
    },
  };
}
export type SiteService = ReturnType<typeof createSiteService>;

/** One-click presets the options page offers: a product and the origins it is served from. */
export const SITE_PRESETS: readonly { name: string; origins: readonly string[] }[] = [
  { name: 'Gmail', origins: ['https://mail.google.com'] },
  { name: 'Outlook', origins: ['https://outlook.office.com', 'https://outlook.live.com'] },
];

export type EnableOutcome = { enabled: true; sites: string[] } | { enabled: false; reason: string };

/**
 * "Enable on this site": asks the browser for the origin, then enables it. Call it straight from a
 * click handler in the popup or options page — Chrome shows the prompt only during a user gesture,
 * so nothing may be awaited before `permissions.request`.
 */
export async function requestAndEnableSite(
  api: Pick<typeof browser, 'permissions'>,
  input: string,
  enable: (origin: string) => Promise<string[]>,
): Promise<EnableOutcome> {
  let origin: string;
  try {
    origin = normalizeOrigin(input);
  } catch (error) {
    return { enabled: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const granted = await api.permissions.request({ origins: [originPattern(origin)] });
  if (!granted) {
    return { enabled: false, reason: `Access to ${origin} was not allowed, so Tieout stays off there.` };
  }
  return { enabled: true, sites: await enable(origin) };
}

/** Disabling also gives the host access back, so the browser no longer lists it as allowed. */
export async function disableAndRelease(
  api: Pick<typeof browser, 'permissions'>,
  input: string,
  disable: (origin: string) => Promise<string[]>,
): Promise<string[]> {
  const origin = normalizeOrigin(input);
  const sites = await disable(origin);
  // Another enabled origin on the same host (other port) still needs the pattern.
  const stillNeeded = sites.some((s) => originPattern(s) === originPattern(origin));
  if (!stillNeeded) await api.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  return sites;
}
