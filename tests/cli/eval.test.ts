import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldersToScore } from '@/dev/cli/eval';

describe('npm run eval: which folders it scores', () => {
  it('scores a folder with truth files itself, and a root of such folders folder by folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tieout-eval-'));
    for (const [folder, files] of [
      ['b-source', ['one.txt', 'one.truth.json']],
      ['a-source', ['two.xml', 'two.truth.json']],
      ['notes', ['readme.md']],
    ] as const) {
      await mkdir(join(root, folder));
      for (const f of files) await writeFile(join(root, folder, f), '{}');
    }
    await writeFile(join(root, 'index.tsv'), '');
    expect(await foldersToScore(root)).toEqual([join(root, 'a-source'), join(root, 'b-source')]);
    expect(await foldersToScore(join(root, 'a-source'))).toEqual([join(root, 'a-source')]);
    expect(await foldersToScore(join(root, 'notes'))).toEqual([]);
  });
});
