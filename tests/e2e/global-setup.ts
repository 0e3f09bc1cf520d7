import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, findChromium, ROOT } from './harness';

/** Fails the whole run with the install hint when Chromium is missing; builds once if needed. */
export default function setup(): void {
  findChromium();
  if (process.env.TIEOUT_SKIP_BUILD !== '1' || !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    execSync('npm run -s build:e2e', { cwd: ROOT, stdio: 'inherit' });
  }
}
