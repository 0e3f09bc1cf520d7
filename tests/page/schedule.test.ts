import { afterEach, describe, expect, it } from 'vitest';
import { createSlice, defaultYield } from '@/lib/page/schedule';

describe('time slices', () => {
  it('yields only once the budget is spent, then starts a new slice', async () => {
    let now = 0;
    let yielded = 0;
    const slice = createSlice({ budgetMs: 10, now: () => now, yieldToPage: async () => void yielded++ });
    now = 5;
    await slice.check();
    expect(yielded).toBe(0);
    now = 11;
    await slice.check();
    expect(yielded).toBe(1);
    now = 15;
    await slice.check();
    expect(yielded).toBe(1);
    now = 22;
    await slice.check();
    expect(slice.yields).toBe(2);
  });
});

describe('giving the thread back', () => {
  const global = globalThis as { scheduler?: unknown };
  const saved = global.scheduler;
  afterEach(() => {
    global.scheduler = saved;
  });

  it('queues a new task behind those already waiting, never a yield() continuation that jumps them', async () => {
    const calls: string[] = [];
    global.scheduler = {
      yield: async () => void calls.push('yield'),
      postTask: async (task: () => void) => {
        calls.push('postTask');
        task();
      },
    };
    await defaultYield();
    expect(calls).toEqual(['postTask']);
  });

  it('without the scheduler API, still waits for a task of its own, not a microtask', async () => {
    global.scheduler = undefined;
    const order: string[] = [];
    const yielded = defaultYield().then(() => order.push('yield'));
    queueMicrotask(() => order.push('microtask'));
    const timeout = new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.race([yielded, timeout]);
    expect(order).toEqual(['microtask', 'yield']);
  });
});
