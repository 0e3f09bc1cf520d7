/**
 * "Test connection" and the check before every sync: one GET of the team database with the
 * clerk's credentials, turned into a sentence. `fetch` is passed in (the worker's, a test's).
 * The password goes in the Authorization header only; no sentence or error here contains it.
 */
import { basicAuth, databaseUrl, type TeamConfig } from './config';

export type ConnectionResult =
  | { ok: true; documents: number; sentence: string }
  | { ok: false; state: 'offline' | 'rejected' | 'error'; sentence: string };

export const REQUEST_TIMEOUT_MS = 20_000;

/** A failed request as the sync reports it: which kind, and the sentence for the clerk. */
export class TeamServerError extends Error {
  constructor(
    readonly state: 'offline' | 'rejected' | 'error',
    message: string,
  ) {
    super(message);
  }
}

export function describeStatus(
  status: number,
  config: Pick<TeamConfig, 'database' | 'user'>,
  reason = '',
): TeamServerError {
  // CouchDB answers 403 to a valid user outside the database's members; some servers say 401 with that reason.
  if (status === 403 || (status === 401 && /not authorized to access this db/i.test(reason))) status = 403;
  if (status === 401)
    return new TeamServerError('rejected', `the server refused user “${config.user}”: wrong user name or password`);
  if (status === 403) {
    return new TeamServerError(
      'rejected',
      `user “${config.user}” has no access to database “${config.database}” (ask the team’s admin to add you to its members)`,
    );
  }
  if (status === 404) return new TeamServerError('rejected', `the server has no database “${config.database}”`);
  return new TeamServerError('error', `the server answered ${status}`);
}

export async function checkConnection(config: TeamConfig, fetchFn: typeof fetch): Promise<ConnectionResult> {
  let res: Response;
  try {
    res = await fetchFn(databaseUrl(config), {
      headers: { Authorization: basicAuth(config), Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return {
      ok: false,
      state: 'offline',
      sentence: `Offline: ${new URL(config.server).host} did not answer (no network, or the server is down).`,
    };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { reason?: unknown } | undefined;
    const e = describeStatus(res.status, config, typeof body?.reason === 'string' ? body.reason : '');
    return { ok: false, state: e.state, sentence: `${e.state === 'rejected' ? 'Rejected' : 'Failed'}: ${e.message}.` };
  }
  const body = (await res.json().catch(() => undefined)) as { doc_count?: unknown } | undefined;
  const documents = typeof body?.doc_count === 'number' ? body.doc_count : 0;
  return {
    ok: true,
    documents,
    sentence: `Connected as ${config.user} to “${config.database}” (${documents.toLocaleString('en-US')} team records).`,
  };
}
