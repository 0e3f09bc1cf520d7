/** The project explains itself: its README and design record point only at what a clone holds. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DOCS = ['README.md', 'docs/architecture.md'];

/** Markdown link targets and back-quoted paths that look like files of this tree. */
function referencedPaths(text: string): string[] {
  const links = [...text.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
  const quoted = [
    ...text.matchAll(/`((?:\.\.\/|lib\/|components\/|entrypoints\/|tests\/|dev\/|docs\/)[\w./-]*\.[a-z]+)`/g),
  ].map((m) => m[1]!);
  return [...links, ...quoted];
}

describe('README and docs/architecture.md', () => {
  it.each(DOCS)('%s names no file outside the repository, and every file it names exists', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    expect(text).not.toMatch(/\.\.\/shared|DESIGN\.md/);
    for (const path of referencedPaths(text)) {
      const base = path.startsWith('.') ? dirname(join(ROOT, doc)) : ROOT;
      const file = resolve(base, path);
      expect(file.startsWith(ROOT), `${doc} points outside the repository: ${path}`).toBe(true);
      expect(existsSync(file), `${doc} names ${path}, which is not in the repository`).toBe(true);
    }
  });
});
