import { describe, expect, it } from 'vitest';
import { createSlice } from '@/lib/page/schedule';

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
