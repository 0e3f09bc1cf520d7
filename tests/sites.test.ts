import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createSiteService, normalizeOrigin, originPattern } from '@/lib/sites';

describe('normalizeOrigin', () => {
  it.each([
    ['portal.example.com', 'https://portal.example.com'],
    ['https://mail.example.com/u/0/#inbox', 'https://mail.example.com'],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080'],
  ])('%s → %s', (input, origin) => expect(normalizeOrigin(input)).toBe(origin));

  it.each(['', 'ftp://files.example.com', 'http://'])('rejects %j with a sentence', (input) => {
    expect(() => normalizeOrigin(input)).toThrow(/\./);
  });

  it('drops the port in the match pattern, which Chrome ignores', () => {
    expect(originPattern('http://127.0.0.1:8080')).toBe('http://127.0.0.1/*');
  });
});

describe('site service', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refuses to enable an origin whose access was not granted', async () => {
    const fake = {
      ...fakeBrowser,
      permissions: { contains: async () => false },
      scripting: { getRegisteredContentScripts: async () => [], registerContentScripts: async () => {} },
    } as unknown as Parameters<typeof createSiteService>[0];
    await expect(createSiteService(fake).enable('https://portal.example.com')).rejects.toThrow(/no access/);
    expect(await createSiteService(fake).list()).toEqual([]);
  });

  it('registers the content script for a granted origin and unregisters it on disable', async () => {
    const registered = new Map<string, { matches?: string[]; allFrames?: boolean }>();
    const fake = {
      ...fakeBrowser,
      permissions: { contains: async () => true },
      scripting: {
        getRegisteredContentScripts: async ({ ids }: { ids: string[] }) =>
          ids.filter((id) => registered.has(id)).map((id) => ({ id })),
        registerContentScripts: async (scripts: { id: string; matches?: string[]; allFrames?: boolean }[]) => {
          for (const s of scripts) registered.set(s.id, s);
        },
        unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
          for (const id of ids) registered.delete(id);
        },
      },
    } as unknown as Parameters<typeof createSiteService>[0];
    const sites = createSiteService(fake);
    expect(await sites.enable('portal.example.com')).toEqual(['https://portal.example.com']);
    expect([...registered.values()]).toMatchObject([{ matches: ['https://portal.example.com/*'], allFrames: true }]);
    expect(await sites.disable('https://portal.example.com')).toEqual([]);
    expect(registered.size).toBe(0);
  });
});
