import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '@/components/popup/route';

describe('popup routes', () => {
  it('reads records and tabs from the hash and writes them back', () => {
    expect(parseRoute('#record/abc-1')).toEqual({ name: 'record', id: 'abc-1' });
    expect(parseRoute('#attention')).toEqual({ name: 'home', tab: 'attention' });
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#record/')).toEqual({ name: 'home' });
    expect(parseRoute('#nonsense')).toEqual({ name: 'home' });
    const id = 'a/b c#d';
    expect(parseRoute(routeHash({ name: 'record', id }))).toEqual({ name: 'record', id });
    expect(routeHash({ name: 'home' })).toBe('');
  });
});
