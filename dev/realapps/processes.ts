/** Daemons of the real apps: started detached with their PID recorded, stopped by that PID only. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const r = spawnSync(cmd, args, {
    input: opts.input,
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${(r.stderr || r.stdout || '').slice(-3000)}`,
    );
  }
  return r.stdout;
}

/** Starts `cmd` in its own session, output to `logFile`, and writes its PID to `pidFile`. */
export function startDaemon(
  cmd: string,
  args: string[],
  pidFile: string,
  logFile: string,
  env?: NodeJS.ProcessEnv,
): number {
  const out = openSync(logFile, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env } });
  if (!child.pid) throw new Error(`${cmd} did not start; see ${logFile}.`);
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  return child.pid;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the process whose PID `pidFile` holds (TERM, then KILL after `graceMs`). */
export async function stopDaemon(pidFile: string, graceMs = 3000): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (alive(pid) && Date.now() < until) await new Promise((ok) => setTimeout(ok, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/** Resolves once `url` answers, or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last}).`);
}

/** Installs the Debian packages that are missing (the machine is root; apt's lists are refreshed once). */
export function ensurePackages(packages: string[], log: (line: string) => void): void {
  const missing = packages.filter((p) => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !r.stdout.includes('install ok installed');
  });
  if (!missing.length) return;
  log(`installing ${missing.join(' ')} from Debian`);
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}
