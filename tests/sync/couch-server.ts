/**
 * A CouchDB-compatible team server for tests and the sync benchmark: `pouchdb-server` (npm, a
 * devDependency) on 127.0.0.1 and a random port, with an admin, CouchDB users, `require_valid_user`
 * and one team database whose `_security` admits only its members — the settings a real team's
 * CouchDB has (README, "Team ledger"). Started and stopped by PID; restartable on the same port and
 * data folder (a server that goes down and comes back).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin/pouchdb-server');
/** One file per running server, named by its PID: the global teardown stops what a crashed run left. */
const PID_DIR = join(ROOT, '.tmp/couch-pids');

/** The global setup's check: the server comes from devDependencies, so a fresh machine needs only `npm ci`. */
export function assertCouchServerInstalled(): void {
  if (!existsSync(BIN)) {
    throw new Error(`pouchdb-server is missing (${BIN}): run \`npm ci\` — it is a devDependency.`);
  }
}

/** Names the test run that starts a server (set by the global setup, inherited by its workers). */
export const RUN_ENV = 'TIEOUT_COUCH_RUN';

/**
 * Stops, by PID, every pouchdb-server the test run `run` started and left running; how many. Servers
 * of another run (another suite under way in this checkout) are not touched.
 */
export function stopLeftoverCouchServers(run: string): number {
  if (!existsSync(PID_DIR)) return 0;
  let stopped = 0;
  for (const name of readdirSync(PID_DIR)) {
    const file = join(PID_DIR, name);
    const owner = existsSync(file) ? readFileSync(file, 'utf8').split('\n')[0] : '';
    if (owner !== run) continue;
    const pid = Number(name);
    rmSync(file, { force: true });
    if (!Number.isInteger(pid) || pid <= 0) continue;
    // A PID the system gave to another program since is left alone.
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (!cmdline.includes('pouchdb-server')) continue;
    try {
      process.kill(pid, 'SIGKILL');
      stopped += 1;
    } catch {
      // Already gone.
    }
  }
  return stopped;
}

export interface CouchServer {
  url: string;
  database: string;
  admin: { user: string; password: string };
  /** Adds a CouchDB user; `member` puts them in the team database's `_security` members. */
  addUser(name: string, password: string, member?: boolean): Promise<void>;
  /** A request as the admin, for seeding and checking. */
  request(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data folder. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function waitUntil(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server: ${what} within ${ms} ms`);
}

export async function startCouchServer(opts: { database?: string; port?: number } = {}): Promise<CouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tieout-couch-'));
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const database = opts.database ?? 'team';
  const admin = { user: 'admin', password: `admin-${Math.random().toString(36).slice(2)}` };
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      admins: { [admin.user]: admin.password },
      couch_httpd_auth: { require_valid_user: true },
      log: { file: join(dir, 'log.txt'), level: 'error' },
      httpd: { enable_cors: true },
      cors: { origins: '*', credentials: true, headers: 'accept, authorization, content-type, origin, referer' },
    }),
  );
  let child: ChildProcess | undefined;
  const auth = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { Authorization: auth, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });

  async function start(): Promise<void> {
    child = spawn(
      BIN,
      ['-p', String(port), '-o', '127.0.0.1', '-d', dir, '-c', join(dir, 'config.json'), '-n', '--no-color'],
      {
        cwd: dir,
        stdio: 'ignore',
      },
    );
    const pid = child.pid;
    if (pid !== undefined) {
      mkdirSync(PID_DIR, { recursive: true });
      writeFileSync(join(PID_DIR, String(pid)), `${process.env[RUN_ENV] ?? ''}\n${url}\n`);
      child.once('exit', () => rmSync(join(PID_DIR, String(pid)), { force: true }));
    }
    await waitUntil(async () => (await request('/')).ok, 30_000, 'not answering');
  }

  async function stop(): Promise<void> {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((ok) => c.once('exit', () => ok()));
    c.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await exited;
    child = undefined;
  }

  await start();
  const made = await request(`/${database}`, { method: 'PUT' });
  if (!made.ok) throw new Error(`pouchdb-server: could not create ${database}: ${made.status}`);
  const members: string[] = [];
  const security = () =>
    request(`/${database}/_security`, {
      method: 'PUT',
      body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: members, roles: [] } }),
    });
  // An empty members list would open the database to every valid user: start with a placeholder.
  members.push('nobody-yet');
  await security();

  return {
    url,
    database,
    admin,
    request,
    async addUser(name, password, member = true) {
      const res = await request(`/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT',
        body: JSON.stringify({ name, password, roles: [], type: 'user' }),
      });
      if (!res.ok) throw new Error(`pouchdb-server: could not add user ${name}: ${res.status}`);
      if (member) {
        members.push(name);
        const s = await security();
        if (!s.ok) throw new Error(`pouchdb-server: could not update _security: ${s.status}`);
      }
    },
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
