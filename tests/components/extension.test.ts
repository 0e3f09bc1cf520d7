import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { disableSite, enableSites, scanTab, sendMessage } from '@/components/extension';

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('enableSites (popup and options, inside a click)', () => {
  it('asks the browser for the origin’s pattern first, then enables each site in the worker', async () => {
    const calls: string[] = [];
    vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async (p) => {
      calls.push(`request ${p.origins?.join(' ')}`);
      return true;
    });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
      const message = m as { type: string; origin: string };
      calls.push(`${message.type} ${message.origin}`);
      return { ok: true, data: [message.origin] };
    });
    const sites = await enableSites(['https://outlook.office.com', 'outlook.live.com/mail/']);
    expect(calls).toEqual([
      'request https://outlook.office.com/* https://outlook.live.com/*',
      'sites.enable https://outlook.office.com',
      'sites.enable https://outlook.live.com',
    ]);
    expect(sites).toEqual(['https://outlook.live.com']);
  });

  it('says so and enables nothing when access is refused', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    await expect(enableSites(['https://mail.google.com'])).rejects.toThrow(
      'Access to https://mail.google.com was not allowed, so Tieout stays off there.',
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('refuses what is not a web address before asking the browser', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    await expect(enableSites(['ftp://files.example.com'])).rejects.toThrow(/only on http and https/);
    expect(request).not.toHaveBeenCalled();
  });
});

describe('sendMessage', () => {
  it('unwraps a reply and turns a refusal into its sentence', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    send.mockResolvedValueOnce({ ok: true, data: ['https://a.example'] });
    expect(await sendMessage({ type: 'sites.list' })).toEqual(['https://a.example']);
    send.mockResolvedValueOnce({ ok: false, error: 'The message was rejected. Nothing was stored.' });
    await expect(sendMessage({ type: 'sites.list' })).rejects.toThrow('The message was rejected. Nothing was stored.');
    send.mockResolvedValueOnce(undefined);
    await expect(sendMessage({ type: 'sites.list' })).rejects.toThrow(/did not answer/);
  });

  it('gives the permission back when a site is disabled, and does not fail if that is refused', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: [] });
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockRejectedValue(new Error('no'));
    expect(await disableSite('https://portal.example.com')).toEqual([]);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://portal.example.com/*'] });
  });
});

describe('scanTab', () => {
  it('asks the worker to scan, and injects the scanner itself only when the worker cannot', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValueOnce({ ok: true, data: { tabId: 7 } });
    const inject = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([]);
    await scanTab(7);
    expect(send).toHaveBeenCalledWith({ type: 'scan.tab', tabId: 7 });
    expect(inject).not.toHaveBeenCalled();
    send.mockResolvedValueOnce({ ok: false, error: 'No handler' });
    await scanTab(7);
    expect(inject).toHaveBeenCalledWith({
      target: { tabId: 7, allFrames: true },
      files: ['/content-scripts/content.js'],
    });
  });

  it('refuses a page that is not open in a tab', async () => {
    await expect(scanTab(-1)).rejects.toThrow('not open in a tab');
  });
});
