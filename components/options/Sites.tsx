import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { disableSite, enableSites, listSites } from '@/components/extension';
import { normalizeOrigin, SITE_PRESETS } from '@/lib/sites';

/** Enabled origins with remove buttons, Gmail/Outlook presets, and a typed origin. */
export function SitesPanel({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const [sites, setSites] = useState<string[] | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  useEffect(() => {
    listSites()
      .then(setSites)
      .catch((e: Error) => setError(e.message));
  }, []);

  const run = async (work: () => Promise<string[]>, success: string) => {
    setError('');
    setDone('');
    try {
      setSites(await work());
      setDone(success);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const onAdd = (event: Event) => {
    event.preventDefault();
    let origin: string;
    try {
      origin = normalizeOrigin(typed);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    void run(() => enableSites([origin]), `Tieout is on for ${origin}.`).then(() => setTyped(''));
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="sites-heading" class="stack">
      <Heading id="sites-heading">Sites</Heading>
      <p class="muted">
        Tieout reads only the sites you turn on here. The browser asks you to allow each one; you can remove it at any
        time.
      </p>
      <div class="row">
        {SITE_PRESETS.map((preset) => {
          const on = preset.origins.every((o) => sites?.includes(o));
          return (
            <button
              type="button"
              key={preset.name}
              disabled={on}
              onClick={() => void run(() => enableSites(preset.origins), `Tieout is on for ${preset.name}.`)}
            >
              {on ? `${preset.name} is on` : `Enable ${preset.name}`}
            </button>
          );
        })}
      </div>
      <form class="row" onSubmit={onAdd}>
        <label class="grow">
          Another site (address of a supplier portal or ERP)
          <input
            type="text"
            inputMode="url"
            placeholder="https://portal.example.com"
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary">
          Enable site
        </button>
      </form>
      <ErrorNotice text={error} />
      {done && (
        <p class="notice ok" role="status">
          {done}
        </p>
      )}
      {sites === undefined ? (
        <p class="muted">Loading sites…</p>
      ) : sites.length === 0 ? (
        <p class="muted" data-testid="no-sites">
          No site is enabled yet. Enable Gmail, Outlook or your supplier portal above.
        </p>
      ) : (
        <ul class="plain" aria-label="Enabled sites">
          {sites.map((origin) => (
            <li class="item" key={origin}>
              <span class="grow mono">{origin}</span>
              <button
                type="button"
                class="danger"
                aria-label={`Remove ${origin}`}
                onClick={() => void run(() => disableSite(origin), `Tieout is off for ${origin}.`)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
