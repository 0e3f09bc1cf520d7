/**
 * `npm run bench [-- NAME...]`: runs every dev/bench/*.bench.ts (or the named ones) one after the
 * other — benchmarks on a 2-core machine must not share it — and prints each one's output.
 * `BENCH_QUICK=1` asks each benchmark for its small sizes (smoke run).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIR = resolve(import.meta.dirname);
const wanted = process.argv.slice(2);
const benches = readdirSync(DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}; have: ${readdirSync(DIR).join(', ')}`);
  process.exit(1);
}

let failures = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync('npx', ['tsx', join(DIR, file)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failures += 1;
    console.log(`${file} failed (exit ${result.status}).`);
  }
}
process.exit(failures ? 1 : 0);
