/**
 * `npm test`: typecheck, lint, unit tests, production build, end-to-end tests in Chromium — in that
 * order — then one closing line `N passed, N failed` that counts unit and end-to-end tests together
 * (a step that is not a test runner and fails counts as one failure). Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const REPORTS = join(ROOT, 'artifacts/reports');
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

let passed = 0;
let failed = 0;
const summary: string[] = [];

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n── ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${title}`);
  return ok;
}

function step(title: string, command: string, args: string[], env?: NodeJS.ProcessEnv): boolean {
  const ok = run(title, command, args, env);
  if (!ok) failed += 1;
  return ok;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTestSuites: number;
  testResults: { status: string; message?: string; name: string }[];
}

/** Runs a vitest suite and adds its counts; a suite that crashed before reporting is one failure. */
function vitest(title: string, config: string | undefined, env?: NodeJS.ProcessEnv): void {
  const out = join(REPORTS, `${title.replace(/\W+/g, '-')}.json`);
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  if (config) args.push('--config', config);
  const ok = run(title, 'npx', args, env);
  if (!existsSync(out)) {
    failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // Files that failed to load (import error, Chromium missing in global setup) count as failures too.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.message).length;
  if (!ok && report.numFailedTests === 0) failed += Math.max(1, brokenFiles);
  // Skipped tests are not allowed to hide: report them.
  const skipped = report.numPendingTests + report.numTodoTests;
  if (skipped) {
    console.log(`${skipped} test(s) skipped in ${title}: a skipped test counts as a failure here.`);
    failed += skipped;
  }
}

step('typecheck', 'npx', ['tsc', '--noEmit']);
step('lint', 'npx', ['biome', 'check', '.']);
vitest('unit tests', undefined);
const built = step('production build', 'npm', ['run', '-s', 'build']);
const builtE2e = step('end-to-end build', 'npm', ['run', '-s', 'build:e2e']);
if (built && builtE2e) {
  vitest('end-to-end tests', 'vitest.e2e.config.ts', { TIEOUT_SKIP_BUILD: '1' });
} else {
  console.log('End-to-end tests not run: the build failed.');
  failed += 1;
}

console.log(`\n${summary.join('\n')}`);
console.log(`Screenshots and reports: ${join(ROOT, 'artifacts')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
