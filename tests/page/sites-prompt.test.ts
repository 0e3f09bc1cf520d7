import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createSiteService, disableAndRelease, requestAndEnableSite } from '@/lib/sites';

type Api = Parameters<typeof createSiteService>[0];

/** fakeBrowser has storage but no permissions/scripting: give it a permission store and a registry. */
function fakeApis(answer: boolean) {
  const granted = new Set<string>();
  const registered = new Map<
    string,
    { id: string; matches?: string[]; allFrames?: boolean; persistAcrossSessions?: boolean }
  >();
  const request = vi.fn(async ({ origins }: { origins: string[] }) => {
    if (answer) for (const o of origins) granted.add(o);
    return answer;
  });
  const api = {
    ...fakeBrowser,
    permissions: {
      request,
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
      remove: async ({ origins }: { origins: string[] }) => {
        for (const o of origins) granted.delete(o);
        return true;
      },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) =>
        ids.filter((id) => registered.has(id)).map((id) => ({ id })),
      registerContentScripts: async (scripts: { id: string }[]) => {
        for (const s of scripts) registered.set(s.id, s);
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        for (const id of ids) registered.delete(id);
      },
    },
  } as unknown as Api;
  return { api, granted, registered, request };
}

describe('Enable on this site: the permission prompt path', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks for the origin pattern, then registers the content script in all frames, persisted', async () => {
    const { api, registered, request, granted } = fakeApis(true);
    const sites = createSiteService(api);
    const outcome = await requestAndEnableSite(api, 'https://portal.example.com/po/list?x=1', sites.enable);
    expect(request).toHaveBeenCalledWith({ origins: ['https://portal.example.com/*'] });
    expect(outcome).toEqual({ enabled: true, sites: ['https://portal.example.com'] });
    expect(granted.has('https://portal.example.com/*')).toBe(true);
    expect([...registered.values()]).toMatchObject([
      { matches: ['https://portal.example.com/*'], allFrames: true, persistAcrossSessions: true },
    ]);
  });

  it('leaves everything off when the clerk declines the prompt', async () => {
    const { api, registered } = fakeApis(false);
    const sites = createSiteService(api);
    const outcome = await requestAndEnableSite(api, 'mail.example.com', sites.enable);
    expect(outcome).toEqual({
      enabled: false,
      reason: 'Access to https://mail.example.com was not allowed, so Tieout stays off there.',
    });
    expect(registered.size).toBe(0);
    expect(await sites.list()).toEqual([]);
  });

  it('answers a mistyped address with a sentence and never prompts', async () => {
    const { api, request } = fakeApis(true);
    const outcome = await requestAndEnableSite(api, 'ftp://files.example.com', createSiteService(api).enable);
    expect(outcome.enabled).toBe(false);
    expect(request).not.toHaveBeenCalled();
  });

  it('disabling unregisters the script and gives the host access back', async () => {
    const { api, registered, granted } = fakeApis(true);
    const sites = createSiteService(api);
    await requestAndEnableSite(api, 'https://portal.example.com', sites.enable);
    expect(await disableAndRelease(api, 'https://portal.example.com', sites.disable)).toEqual([]);
    expect(registered.size).toBe(0);
    expect(granted.size).toBe(0);
  });
});
