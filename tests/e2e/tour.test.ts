/**
 * The newcomer's tour (dev/tour.ts, the same one `npm start` runs headless), asserted shot by shot:
 * each screenshot must show what its caption promises, with the seeded demo data.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawIcon, encodePng, ICON_SIZES } from '@/dev/icons';
import { demoFiles } from '@/dev/seed';
import { runTour, type ShotId, type TourResult, type TourShot } from '@/dev/tour';
import { ARTIFACTS_DIR, EXTENSION_DIR, type ExtensionSession, launchExtension, ROOT, serveDir } from './harness';

const SHOTS = join(ARTIFACTS_DIR, 'screenshots/tour');

let ext: ExtensionSession;
let site: Awaited<ReturnType<typeof serveDir>>;
let tour: TourResult;

function shot(id: ShotId): TourShot {
  const found = tour.shots.find((s) => s.id === id);
  if (!found) throw new Error(`The tour took no "${id}" screenshot.`);
  return found;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  site = await serveDir(join(import.meta.dirname, '../../dev/demo'));
  ext = await launchExtension();
  tour = await runTour(ext, site.url, SHOTS);
}, 240_000);

afterAll(async () => {
  await ext?.close();
  await site?.close();
});

describe('the demo tour', () => {
  it('takes the six screenshots in order, each a real image, within the time npm start allows', () => {
    expect(tour.shots.map((s) => s.id)).toEqual(['import', 'portal', 'card', 'exceptions', 'lookup', 'record']);
    for (const s of tour.shots) {
      const { width, height } = pngSize(s.file);
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(300);
    }
    // npm start (build + tour) must stay under ~3 minutes; the tour alone gets two of them.
    expect(tour.ms).toBeLessThan(120_000);
    expect(pngSize(tour.overview)).toEqual({ width: 1280, height: 620 });
  });

  it('import: the open-PO CSV went in through options → Data', () => {
    const s = shot('import');
    expect(s.problems).toEqual([]);
    const rows = tour.demo.pos.reduce((n, p) => n + p.lines.length, 0);
    expect(s.text).toContain(`Imported ${rows} of ${rows} rows: ${tour.demo.pos.length} new documents`);
    expect(s.roles?.alert ?? 0).toBe(0);
  });

  it('portal: every PO and invoice number is highlighted, the over-billed and duplicate ones as exceptions', () => {
    const s = shot('portal');
    expect(s.problems).toEqual([]);
    const h = s.highlights ?? {};
    const painted = Object.values(h).reduce((a, b) => a + b, 0);
    // PO column + invoice and credit-note numbers + their PO references.
    expect(painted).toBeGreaterThanOrEqual(tour.demo.pos.length + 2 * tour.demo.invoices.length);
    expect(h['tieout-tied'] ?? 0).toBeGreaterThan(0);
    // The over-billed invoice, its PO (each shown twice), and the two monthly invoices that duplicate.
    expect(h['tieout-exception'] ?? 0).toBeGreaterThanOrEqual(4);
    for (const po of tour.demo.pos) expect(s.text).toContain(po.number);
  });

  it('card: hovering the over-billed invoice in its e-mail opens the card with the over-billing', () => {
    const s = shot('card');
    const invoice = tour.demo.invoices.find((i) => i.status === 'On hold');
    expect(invoice).toBeDefined();
    expect(s.problems).toEqual([]);
    expect(s.text).toContain(`Invoice ${invoice?.number}`);
    // The status first, in words with its amount, then the bar's figures.
    expect(s.text).toMatch(/^Invoice \S+ ✕ ! Over-billed by £[\d,]+\.\d{2}/);
    expect(s.text).toMatch(/Over by £[\d,]+\.\d{2}/);
    expect(s.text).toContain(invoice?.vendor);
    expect(s.text).toContain(invoice?.totalText);
    expect(s.text).toMatch(new RegExp(`over PO ${invoice?.po}`));
    expect(s.highlights?.['tieout-exception'] ?? 0).toBeGreaterThan(0);
  });

  it('exceptions: the popup lists the open exceptions, over-billing among them', () => {
    const s = shot('exceptions');
    expect(s.problems).toEqual([]);
    expect(s.roles?.tab ?? 0).toBeGreaterThanOrEqual(3);
    expect(s.text).toContain('Over-billed');
    const invoice = tour.demo.invoices.find((i) => i.status === 'On hold');
    expect(s.text).toContain(`Invoice ${invoice?.number} is`);
  });

  it('lookup: typing the start of a PO number lists the POs it begins, with their vendors', () => {
    const s = shot('lookup');
    const po = tour.demo.pos.find((p) => p.vendorId === 'logistics');
    expect(s.problems).toEqual([]);
    const prefix = po?.number.slice(0, -1) ?? '';
    const matching = tour.demo.pos.filter((p) => p.number.startsWith(prefix));
    expect(s.roles?.option ?? 0).toBeGreaterThanOrEqual(matching.length);
    for (const p of matching) expect(s.text).toContain(p.number);
    expect(s.text).toContain(po?.number);
    expect(s.text).toContain(po?.vendor);
  });

  it('record: Enter opens the PO with its balance and the open over-billing', () => {
    const s = shot('record');
    const po = tour.demo.pos.find((p) => p.vendorId === 'logistics');
    expect(s.problems).toEqual([]);
    expect(s.text).toContain(`PO ${po?.number}`);
    expect(s.text).toContain(po?.vendor);
    expect(s.text).toContain(po?.totalText);
    expect(s.text).toContain(`Balance of PO ${po?.number}`);
    expect(s.text).toMatch(/Over-billed by £[\d,]+\.\d{2}/);
    expect(s.text).toMatch(/Over by\s+£[\d,]+\.\d{2}/);
    expect(s.text).not.toContain('Remaining');
    expect(s.roles?.table ?? 0).toBeGreaterThan(0);
  });

  it('ledger: the demo ends with the imported POs and every exception the demo is built to raise open', () => {
    expect(tour.ledger.documents.po ?? 0).toBeGreaterThanOrEqual(tour.demo.pos.length);
    expect(tour.ledger.documents.invoice ?? 0).toBeGreaterThanOrEqual(
      tour.demo.invoices.filter((i) => i.kind === 'invoice').length,
    );
    expect(tour.ledger.exceptions.over_billed ?? 0).toBeGreaterThan(0);
    expect(tour.ledger.exceptions.possible_duplicate ?? 0).toBeGreaterThan(0);
    expect(tour.ledger.exceptions.no_po_reference ?? 0).toBeGreaterThan(0);
    expect(tour.ledger.exceptions.unknown_po ?? 0).toBeGreaterThan(0);
    expect(tour.missing).toEqual([]);
  });
});

describe('the demo data', () => {
  it('is what the seeded generator makes: the committed files match a fresh run', () => {
    for (const [path, content] of Object.entries(demoFiles())) expect(readFileSync(path, 'utf8')).toBe(content);
  });
});

describe('the icons', () => {
  it('are what dev/icons.ts draws, at every size the stores ask for, and the built manifest names them', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      icons?: Record<string, string>;
    };
    for (const size of ICON_SIZES) {
      const file = join(ROOT, `public/icon/${size}.png`);
      expect(pngSize(file)).toEqual({ width: size, height: size });
      expect(readFileSync(file).equals(encodePng(size, drawIcon(size)))).toBe(true);
      expect(manifest.icons?.[String(size)]).toBe(`icon/${size}.png`);
    }
  });
});
