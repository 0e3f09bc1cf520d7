/**
 * `npm run realapps [-- NAME...]`: installs real applications from Debian's packages, runs them on
 * 127.0.0.1, seeds them, drives the e2e build through them in Chromium as a clerk would, and prints
 * what the ledger holds against the seed's truth. Apps plug in with the shape of dev/realapps/app.ts.
 * Not part of `npm test` (a full run takes minutes); the team runs it before resolving an ERP or
 * webmail issue. TIEOUT_SKIP_BUILD=1 uses the e2e build already in .output/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealApp } from '@/dev/realapps/app';
import { compare, printFigures } from '@/dev/realapps/compare';
import { sogo } from '@/dev/realapps/sogo/app';
import { tryton } from '@/dev/realapps/tryton/app';
import { ARTIFACTS_DIR, launchExtension, ROOT, readLedgerTable } from '@/tests/e2e/harness';

const APPS: Record<string, RealApp> = { tryton, sogo };

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((n) => !(n in APPS));
  if (unknown.length) {
    console.error(`No real app called ${unknown.join(', ')}; there are: ${Object.keys(APPS).join(', ')}.`);
    return 2;
  }
  const names = wanted.length ? wanted : Object.keys(APPS);
  if (process.env.TIEOUT_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', '-s', 'build:e2e'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) return 1;
  }
  const outDir = join(ARTIFACTS_DIR, 'realapps');
  mkdirSync(outDir, { recursive: true });
  let failed = 0;
  for (const name of names) {
    const app = APPS[name]!;
    const t0 = Date.now();
    const log = (line: string) => console.log(`[${name} ${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);
    try {
      const { origin } = await app.start(log);
      await app.seed(log);
      const ext = await launchExtension({ viewport: { width: 1600, height: 900 } });
      try {
        const enabled = (await ext.enableSite(origin)) as { ok?: boolean; error?: string };
        if (!enabled.ok) throw new Error(`Tieout could not be enabled on ${origin}: ${enabled.error}`);
        const page = await ext.context.newPage();
        const drive = await app.drive(ext, page, log).catch(async (error) => {
          await page.screenshot({ path: join(outDir, `${name}-failed.png`) }).catch(() => undefined);
          throw error;
        });
        await page.waitForTimeout(2000);
        const popup = await ext.openPopup();
        const docs = await readLedgerTable(popup, 'documents');
        const exceptions = await readLedgerTable(popup, 'exceptions');
        await popup.close();
        const { figures, lines } = compare(app.truth(), docs, exceptions, drive);
        writeFileSync(
          join(outDir, `${name}.json`),
          JSON.stringify({ figures, lines, drive, docs, exceptions }, null, 2),
        );
        console.log(printFigures(app.name, figures));
        for (const line of lines) console.log(line);
        log(`done; details in ${join(outDir, `${name}.json`)}`);
      } finally {
        await ext.close();
      }
    } catch (error) {
      failed++;
      console.error(`${name}: ${(error as Error).stack ?? error}`);
    } finally {
      await app.stop();
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
