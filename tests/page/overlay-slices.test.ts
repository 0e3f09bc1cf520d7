import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '@/lib/messages';
import { fakePage, invoicesFound, overlayOn } from './fake-page';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('overlay: work in slices', () => {
  it('paints a long list a few milliseconds per task, however much a batch would cost', async () => {
    // A slow page: every clock reading is a millisecond later (the garbage collector marking).
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++clock);
    const page = fakePage();
    const send = async (message: Message) => {
      if (message.type !== 'page.report') return { ok: true, data: [] };
      return {
        ok: true,
        data: message.detections.map((d) => ({
          kind: d.kind,
          key: d.key,
          number: d.number,
          status: 'tied',
          exceptions: [],
        })),
      };
    };
    const { overlay, found } = overlayOn(page, send);
    // Marks added per task: a group closes when the task that added them ends.
    const groups: number[] = [];
    let open = false;
    const add = overlay.highlighter.add;
    overlay.highlighter.add = (...args) => {
      if (!open) {
        open = true;
        groups.push(0);
        queueMicrotask(() => {
          open = false;
        });
      }
      groups[groups.length - 1]!++;
      add(...args);
    };
    const count = 300;
    found(invoicesFound(page, count));
    for (let i = 0; i < 40 && groups.reduce((a, b) => a + b, 0) < count; i++) await wait(50);
    expect(groups.reduce((a, b) => a + b, 0)).toBe(count);
    // Without the slice, the first reply's 250 marks would go in one task.
    expect(Math.max(...groups)).toBeLessThanOrEqual(128);
    expect(groups.length).toBeGreaterThan(2);
    overlay.stop();
  });

  it('badges the exceptions of numbers on the page, painted or still waiting for their paint task', async () => {
    const page = fakePage();
    const badges: string[][] = [];
    const paintedAtBadge: number[] = [];
    const send = async (message: Message) => {
      if (message.type === 'page.badge') {
        badges.push(message.exceptionIds);
        paintedAtBadge.push(overlay.highlighter.size().marks);
      }
      if (message.type !== 'page.report') return { ok: true, data: [] };
      const on = message.detections.map((d, i) => ({
        kind: d.kind,
        key: d.key,
        number: d.number,
        status: i % 3 === 0 ? 'exception' : 'tied',
        exceptions: i % 3 === 0 ? [{ id: `x-${d.key}`, type: 'over_billed', severity: 'high', message: 'Over' }] : [],
      }));
      // A status for a number this page does not print (the same key as a PO): not on the badge.
      const off = {
        ...on[0]!,
        kind: 'po',
        exceptions: [{ id: 'x-po', type: 'over_billed', severity: 'high', message: 'Over' }],
      };
      return { ok: true, data: [...on, off] };
    };
    const { overlay, found } = overlayOn(page, send);
    const count = 240;
    found(invoicesFound(page, count));
    for (let i = 0; i < 40 && !badges.length; i++) await wait(50);
    // The badge goes out right after the reply is applied, before every mark is painted.
    expect(paintedAtBadge[0]).toBeLessThan(count);
    const expected = Array.from({ length: count / 3 }, (_, i) => `x-${i * 3}`);
    expect([...badges[0]!].sort()).toEqual([...expected].sort());
    overlay.stop();
  });
});
