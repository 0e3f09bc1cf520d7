import { describe, expect, it } from 'vitest';
import { createOverlay } from '@/lib/page/overlay';
import type { PageScanner } from '@/lib/page/scanner';
import { fakePage } from './fake-page';

describe('overlay: start', () => {
  it('watches the page for changes from before its first scan, so what an app renders meanwhile is read', async () => {
    const page = fakePage();
    const calls: string[] = [];
    let finishScan: () => void = () => undefined;
    const overlay = createOverlay({
      doc: page.doc,
      send: async () => ({ ok: true, data: [] }),
      page: () => ({ url: 'http://erp.example/odoo', title: 'Vendor Bills' }),
      onState: () => undefined,
      scanner: () =>
        ({
          observe: () => calls.push('observe'),
          scanAll: () => {
            calls.push('scan');
            return new Promise<void>((resolve) => {
              finishScan = resolve;
            });
          },
          disconnect: () => undefined,
        }) as unknown as PageScanner,
    });
    const started = overlay.start();
    // The first scan is still running (it yields to the page): an SPA may render right now.
    expect(calls).toEqual(['observe', 'scan']);
    finishScan();
    await started;
    expect(calls).toEqual(['observe', 'scan']);
  });
});
