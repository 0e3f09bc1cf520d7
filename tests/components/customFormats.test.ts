import { describe, expect, it } from 'vitest';
import {
  CUSTOM_FORMATS_KEY,
  checkFormat,
  loadFormats,
  type StorageArea,
  saveFormats,
} from '@/components/options/customFormats';

const draft = (pattern: string, sample = '') => ({
  vendor: 'Acme',
  kind: 'invoice' as const,
  pattern,
  caseInsensitive: false,
  sample,
});

function memoryStorage(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (key) => (key in data ? { [key]: data[key] } : {}),
    set: async (items) => {
      Object.assign(data, items);
    },
  };
}

describe('checkFormat (live validation in the options form)', () => {
  it('tests the sample against the whole pattern and shows the key it will be stored under', () => {
    expect(checkFormat(draft('AC-\\d{6}', 'AC-004512'))).toMatchObject({ state: 'matches', key: 'AC004512' });
    expect(checkFormat(draft('AC-\\d{6}', 'AC-0045'))).toMatchObject({ state: 'no-match' });
    expect(checkFormat(draft('AC-\\d{6}', 'xAC-004512'))).toMatchObject({ state: 'no-match' });
    expect(checkFormat(draft('AC-\\d{6}'))).toMatchObject({ state: 'no-sample' });
  });
  it('refuses patterns that could backtrack catastrophically or match nothing at all', () => {
    const nested = checkFormat(draft('(\\d+)+X', '1111X'));
    expect(nested.state).toBe('invalid');
    expect(nested.state === 'invalid' && nested.error).toMatch(/nested quantifiers/);
    expect(checkFormat(draft('\\d*', '1')).state).toBe('invalid');
    expect(checkFormat(draft('(', '1')).state).toBe('invalid');
  });
  // Run on this sample, the pattern would backtrack for longer than the universe has left, so the
  // test finishing at all shows it was refused before it ever ran.
  it('refuses an evil pattern before trying it on a long evil sample', () => {
    const result = checkFormat(draft('(a|aa)+\\d', `${'a'.repeat(180)}!`));
    expect(result.state).toBe('invalid');
  });
});

describe('stored formats', () => {
  it('saves under customFormats with the sample and reads back only entries that still parse', async () => {
    const storage = memoryStorage();
    await saveFormats(storage, [{ vendor: 'Acme', kind: 'invoice', pattern: 'AC-\\d{6}', sample: 'AC-004512' }]);
    expect(storage.data[CUSTOM_FORMATS_KEY]).toEqual([
      { vendor: 'Acme', kind: 'invoice', pattern: 'AC-\\d{6}', sample: 'AC-004512' },
    ]);
    (storage.data[CUSTOM_FORMATS_KEY] as unknown[]).push({ kind: 'nonsense', pattern: '' }, 'junk');
    expect(await loadFormats(storage)).toEqual([
      { vendor: 'Acme', kind: 'invoice', pattern: 'AC-\\d{6}', sample: 'AC-004512' },
    ]);
    expect(await loadFormats(memoryStorage({ [CUSTOM_FORMATS_KEY]: 'not a list' }))).toEqual([]);
  });
});
