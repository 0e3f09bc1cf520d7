/**
 * Keeps one instance of a class for the module's lifetime, so that V8's optimized matching code
 * outlives each run. V8 optimizes against the hidden classes ("maps") of the objects a run creates
 * and holds those classes weakly: when a run's instances all die, the next major garbage collection
 * drops the classes and deoptimizes all code built on them, and the next full re-match runs slow
 * code and recompiles. Measured at 500,000 documents: 700–1,000 ms of compiler CPU per full re-match
 * when the classes die between runs; with them kept (and no per-run closures or literals in the hot
 * code, see rematch.ts), 80–230 ms from the third run on.
 *
 * A test cannot see this (behaviour is the same either way); `npm run bench -- match` shows it as
 * the gap between CPU and wall time, and `node --trace-deopt` as "weak objects" deoptimizations.
 */
export function keepShape<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}

const kept: object[] = [];
