/**
 * Global setup of the unit and end-to-end suites for the team ledger's peer: pouchdb-server comes
 * from devDependencies (nothing to install beyond `npm ci`), each test file starts its own on a
 * random loopback port (tests/sync/couch-server.ts) and stops it by PID; the teardown stops, by PID,
 * any that a crashed or interrupted file of this run left running.
 */
import { randomUUID } from 'node:crypto';
import { assertCouchServerInstalled, RUN_ENV, stopLeftoverCouchServers } from './couch-server';

export default function setup(): () => void {
  assertCouchServerInstalled();
  const run = randomUUID();
  process.env[RUN_ENV] = run;
  return () => {
    const left = stopLeftoverCouchServers(run);
    if (left > 0) console.warn(`Stopped ${left} pouchdb-server process(es) a test file left running.`);
  };
}
