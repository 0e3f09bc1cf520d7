/**
 * The team server a clerk configures (Options → Team): a CouchDB address, one database per team,
 * and the clerk's CouchDB user. Pure: parsing and the sentences for what is wrong.
 */
import { z } from 'zod';

/** CouchDB's own rule for database names. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https anywhere; plain http only on this machine (a development or test server). */
export function serverProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'The server address is not a web address (for example https://couch.example.com).';
  }
  if (u.username || u.password) return 'Put the user name and password in their own fields, not in the address.';
  if (u.search || u.hash) return 'The server address takes no ? or # part.';
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && (LOOPBACK_HOSTS.has(u.hostname) || /^127\.\d+\.\d+\.\d+$/.test(u.hostname))) {
    return undefined;
  }
  return 'The server address must start with https:// (plain http is only allowed for a server on this computer).';
}

export const TeamConfigSchema = z.object({
  server: z
    .string()
    .trim()
    .min(1, 'Enter the server address.')
    .max(500)
    .superRefine((v, ctx) => {
      const problem = serverProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((v) => v.replace(/\/+$/, '')),
  database: z
    .string()
    .trim()
    .min(1, 'Enter the team’s database name.')
    .max(238)
    .regex(DB_NAME, 'A database name is lower-case letters, digits and _$()+-/, starting with a letter.'),
  user: z.string().trim().min(1, 'Enter your user name on the team server.').max(200),
  password: z.string().min(1, 'Enter your password.').max(1000),
});
export type TeamConfig = z.infer<typeof TeamConfigSchema>;

/** The first problem as a sentence, or the parsed config. */
export function parseTeamConfig(raw: unknown): { ok: true; config: TeamConfig } | { ok: false; error: string } {
  const parsed = TeamConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? 'The team settings are incomplete.' };
}

/** The origin the extension needs access to (an optional host permission, asked for on save). */
export function serverOrigin(config: Pick<TeamConfig, 'server'>): string {
  return new URL(config.server).origin;
}

/** The match pattern for `permissions.request`. */
export function serverPermissionPattern(config: Pick<TeamConfig, 'server'>): string {
  const u = new URL(config.server);
  return `${u.protocol}//${u.hostname}/*`;
}

/** The database's address, without credentials (they travel in a header). */
export function databaseUrl(config: Pick<TeamConfig, 'server' | 'database'>): string {
  return `${config.server}/${encodeURIComponent(config.database)}`;
}

export function basicAuth(config: Pick<TeamConfig, 'user' | 'password'>): string {
  const bytes = new TextEncoder().encode(`${config.user}:${config.password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}
