import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { detectFile } from '@/dev/cli/detect';

const run = promisify(execFile);
const FIX = 'tests/fixtures/detect';

describe('detect CLI', () => {
  it('reads .txt layouts, .html, .eml and .xml into the stable shape', async () => {
    expect(await detectFile(`${FIX}/layout.txt`)).toEqual([
      {
        kind: 'invoice',
        number: 'RE-2025-0042',
        key: '20250042',
        confidence: 0.92,
        vendor: 'Muster Büro GmbH',
        total: { minor: 2975, currency: 'EUR' },
        issueDate: '2025-03-12',
        poKeys: ['4500012345'],
      },
      { kind: 'po', number: '4500012345', key: '4500012345', confidence: 0.78 },
    ]);
    expect((await detectFile(`${FIX}/portal.html`)).map((d) => [d.number, d.issueDate])).toEqual([
      ['4500012345', '2025-03-04'],
      ['4500012346', '2025-03-14'],
    ]);
    expect((await detectFile(`${FIX}/ubl-small.xml`))[0]).toMatchObject({ number: 'F-2025-19', poKeys: ['8812'] });
  });

  it('prints one JSON line per file and goes on after an unreadable one', async () => {
    const { stdout } = await run('npx', ['tsx', 'dev/cli/detect.ts', 'no/such/file.eml', `${FIX}/acme-invoice.eml`]);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ file: 'no/such/file.eml', error: expect.stringMatching(/ENOENT/) });
    expect(lines[1].file).toBe(`${FIX}/acme-invoice.eml`);
    for (const d of lines[1].detections) {
      expect(
        Object.keys(d).every((k) =>
          ['kind', 'number', 'key', 'confidence', 'vendor', 'total', 'issueDate', 'poKeys'].includes(k),
        ),
      ).toBe(true);
    }
    // one entry per kind and key, the shop's order numbers left out
    expect(lines[1].detections.map((d: { kind: string; number: string }) => `${d.kind}:${d.number}`)).toEqual([
      'invoice:88231',
      'po:4500012345',
    ]);
  }, 30_000);
});
