/**
 * A CouchDB-compatible team server for tests and the sync benchmark: `pouchdb-server` (npm, a
 * devDependency) on 127.0.0.1 and a random port, with an admin, CouchDB users, `require_valid_user`
 * and one team database whose `_security` admits only its members — the settings a real team's
 * CouchDB has (README, "Team ledger"). Started and stopped by PID; restartable on the same port and
 * data folder (a server that goes down and comes back).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin/pouchdb-server');

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
