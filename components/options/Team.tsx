import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/components/extension';
import { useLiveQuery } from '@/components/useLiveQuery';
import { parseTeamConfig, serverPermissionPattern, type TeamConfig } from '@/lib/sync/config';
import { syncSentence } from '@/lib/sync/sentence';
import type { SyncReport, TeamStore } from '@/lib/sync/store';
import type { TestResult } from '@/lib/sync/team-service';

type Form = { server: string; database: string; user: string; password: string };
type Note = { text: string; error: boolean } | undefined;

const EMPTY: Form = { server: '', database: '', user: '', password: '' };

/** The form as a config; an empty password keeps the saved one. */
function configOf(form: Form, saved: TeamConfig | undefined) {
  return parseTeamConfig({ ...form, password: form.password || saved?.password || '' });
}

/**
 * Asks the browser for the server's origin (an optional host permission). Called first in a click
 * handler, before anything is awaited: Chrome shows the prompt only inside the user's gesture.
 */
function askAccess(config: TeamConfig): Promise<boolean> {
  return browser.permissions.request({ origins: [serverPermissionPattern(config)] }).catch(() => false);
}

/**
 * Options → Team: the team's CouchDB server, database, the clerk's user and password (kept in the
 * team store of the extension's own origin, never in a backup or export), Test connection, Sync
 * now, Leave the team, and the last sync in a sentence.
 */
export function TeamPanel({ store }: { store: TeamStore }) {
  const saved = useLiveQuery(() => store.config(), [], undefined);
  const report = useLiveQuery<SyncReport | undefined>(() => store.report(), [], undefined);
  const [form, setForm] = useState<Form>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const [note, setNote] = useState<Note>(undefined);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => new Date());

  // The saved settings fill the form once; the password stays out of it.
  useEffect(() => {
    if (loaded || saved === undefined) return;
    setForm({ server: saved.server, database: saved.database, user: saved.user, password: '' });
    setLoaded(true);
  }, [saved, loaded]);
  // "Synced 2 min ago" stays true while the page is open.
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);

  const field = (name: keyof Form) => (event: Event) =>
    setForm((f) => ({ ...f, [name]: (event.currentTarget as HTMLInputElement).value }));

  async function work(task: () => Promise<Note>) {
    setBusy(true);
    setNote(undefined);
    try {
      setNote(await task());
    } catch (e) {
      setNote({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
      setNow(new Date());
    }
  }

  const syncNote = (r: SyncReport | undefined): Note =>
    r ? { text: syncSentence(r, new Date()), error: r.state !== 'up_to_date' } : undefined;

  const onSave = (event: Event) => {
    event.preventDefault();
    const parsed = configOf(form, saved);
    if (!parsed.ok) {
      setNote({ text: `${parsed.error} Nothing was saved.`, error: true });
      return;
    }
    const access = askAccess(parsed.config);
    void work(async () => {
      if (!(await access)) {
        return {
          text: `The browser did not allow Tieout to reach ${new URL(parsed.config.server).host}, so nothing was saved.`,
          error: true,
        };
      }
      // Another server or database is another team: this browser leaves the old one first.
      if (saved && (saved.server !== parsed.config.server || saved.database !== parsed.config.database)) {
        await sendMessage({ type: 'team.leave' });
      }
      await store.saveConfig(parsed.config);
      setForm((f) => ({ ...f, password: '' }));
      return syncNote(await sendMessage<SyncReport | undefined>({ type: 'team.sync' }));
    });
  };

  const onTest = () => {
    const parsed = configOf(form, saved);
    if (!parsed.ok) {
      setNote({ text: parsed.error, error: true });
      return;
    }
    const access = askAccess(parsed.config);
    void work(async () => {
      await access;
      const result = await sendMessage<TestResult>({ type: 'team.test', config: parsed.config });
      return { text: result.sentence, error: !result.ok };
    });
  };

  const onSync = () =>
    void work(async () => syncNote(await sendMessage<SyncReport | undefined>({ type: 'team.sync' })));

  const onLeave = () =>
    void work(async () => {
      await sendMessage({ type: 'team.leave' });
      setForm(EMPTY);
      setLoaded(false);
      return { text: 'This browser left the team: it no longer syncs. Its ledger is kept as it was.', error: false };
    });

  return (
    <section aria-labelledby="team-heading" class="stack">
      <h2 id="team-heading">Team</h2>
      <p class="muted">
        A team shares one ledger through its own CouchDB server: every clerk sees the POs, invoices and decisions of the
        others, and a duplicate another clerk entered is flagged here. Without a server, nothing leaves this browser.
      </p>
      <p role="status" data-testid="team-state">
        {saved ? (report ? syncSentence(report, now) : '') : 'No team server: this ledger stays in this browser.'}
      </p>
      <form class="stack" onSubmit={onSave} aria-describedby="team-heading">
        <label>
          Server address
          <input
            name="server"
            type="url"
            placeholder="https://couch.example.com"
            value={form.server}
            onInput={field('server')}
            required
          />
        </label>
        <label>
          Database
          <input name="database" value={form.database} onInput={field('database')} placeholder="ap-team" required />
        </label>
        <label>
          User name
          <input name="user" value={form.user} onInput={field('user')} autocomplete="username" required />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            value={form.password}
            onInput={field('password')}
            autocomplete="current-password"
            placeholder={saved ? 'Saved — leave empty to keep it' : ''}
            required={!saved}
          />
        </label>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            Save and sync
          </button>
          <button type="button" disabled={busy} onClick={onTest}>
            Test connection
          </button>
          <button type="button" disabled={busy || !saved} onClick={onSync}>
            Sync now
          </button>
          <button type="button" disabled={busy || !saved} onClick={onLeave}>
            Leave the team
          </button>
        </div>
      </form>
      {note && (
        <p
          class={`notice ${note.error ? 'error' : 'ok'}`}
          role={note.error ? 'alert' : 'status'}
          data-testid="team-note"
        >
          {note.text}
        </p>
      )}
    </section>
  );
}
