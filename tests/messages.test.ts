import { describe, expect, it } from 'vitest';
import { createMessageRouter, type Handlers } from '@/lib/messages';

const handlers: Handlers = {
  ping: async () => 'pong',
  report: async (m) => m.detections.length,
  'sites.enable': async (m) => [m.origin],
  'sites.disable': async () => [],
  'sites.list': async () => [],
  'page.report': async (m) => m.detections.length,
  'page.statuses': async (m) => m.keys,
  'page.record': async () => undefined,
  'page.track': async (m) => m.number,
  'page.ignore': async () => undefined,
  'page.open': async () => undefined,
  'page.openSettings': async (m) => m.section,
  'page.checkField': async () => ({ duplicates: [] }),
  'page.badge': async (m) => m.exceptionIds.length,
  'scan.tab': async () => ({ tabId: 1 }),
  'attachment.read': async (m) => m.url,
  'attachment.record': async (m) => m.reading.file,
};
const route = createMessageRouter(handlers, 'self');

describe('message router', () => {
  it('routes a well-formed message to its handler', async () => {
    expect(await route({ type: 'ping' }, { id: 'self' })).toEqual({ ok: true, data: 'pong' });
  });

  it('refuses messages from another extension', async () => {
    const reply = await route({ type: 'ping' }, { id: 'other' });
    expect(reply).toEqual({ ok: false, error: 'Messages from other extensions are refused.' });
  });

  it.each([
    [null],
    ['report'],
    [{ type: 'nope' }],
    [{ type: 'report', page: { url: 'x', title: 'y' }, detections: [{ kind: 'po' }] }],
    [{ type: 'report', page: { url: 'x'.repeat(5000), title: 'y' }, detections: [] }],
  ])('answers %j with an error sentence and never calls a handler', async (raw) => {
    const reply = await route(raw, { id: 'self' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatch(/rejected.*Nothing was stored\.$/);
  });

  it('turns a handler failure into an error reply', async () => {
    const failing = createMessageRouter(
      { ...handlers, ping: async () => Promise.reject(new Error('Ledger closed.')) },
      'self',
    );
    expect(await failing({ type: 'ping' }, { id: 'self' })).toEqual({ ok: false, error: 'Ledger closed.' });
  });
});
