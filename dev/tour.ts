/**
 * The demo tour, shared by `npm start` (headless) and the end-to-end test that asserts what each
 * screenshot shows. Returns the screenshot paths.
 */
import { join } from 'node:path';
import type { ExtensionSession } from '../tests/e2e/harness';

export async function runTour(ext: ExtensionSession, demoUrl: string, outDir: string): Promise<string[]> {
  const shots: string[] = [];
  await ext.enableSite(demoUrl);
  const portal = await ext.context.newPage();
  await portal.goto(`${demoUrl}/`);
  await portal.waitForLoadState('networkidle');
  await portal.waitForTimeout(500);
  const portalShot = join(outDir, '01-portal.png');
  await portal.screenshot({ path: portalShot, fullPage: true });
  shots.push(portalShot);

  const popup = await ext.openPopup();
  await popup.setViewportSize({ width: 420, height: 560 });
  await popup.waitForTimeout(300);
  const popupShot = join(outDir, '02-popup.png');
  await popup.screenshot({ path: popupShot });
  shots.push(popupShot);
  return shots;
}
