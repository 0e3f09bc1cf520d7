import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldersToScore, pooled } from '@/dev/cli/eval';

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

describe('npm run eval: the overall figures', () => {
  it('pools the counts of every folder, so each document weighs once', () => {
    const a = {
      invoice_number: { tp: 9, fp: 1, n: 10, found: 9 },
      po_number: { tp: 0, fp: 2, n: 0, found: 0 },
      vendor: { tp: 1, fp: 0, n: 2, found: 1 },
      total: { tp: 10, fp: 0, n: 10, found: 10 },
      currency: { tp: 10, fp: 0, n: 10, found: 10 },
      issue_date: { tp: 0, fp: 0, n: 0, found: 0 },
    };
    const b = {
      invoice_number: { tp: 1, fp: 0, n: 1, found: 1 },
      po_number: { tp: 1, fp: 0, n: 1, found: 1 },
      vendor: { tp: 0, fp: 1, n: 1, found: 0 },
      total: { tp: 0, fp: 0, n: 1, found: 0 },
      currency: { tp: 0, fp: 0, n: 1, found: 0 },
      issue_date: { tp: 1, fp: 0, n: 1, found: 1 },
    };
    const all = pooled([a, b]);
    expect(all.invoice_number).toEqual({ tp: 10, fp: 1, n: 11, found: 10 });
    expect(all.po_number).toEqual({ tp: 1, fp: 2, n: 1, found: 1 });
    expect(all.vendor).toEqual({ tp: 1, fp: 1, n: 3, found: 1 });
    expect(all.issue_date).toEqual({ tp: 1, fp: 0, n: 1, found: 1 });
  });
});
