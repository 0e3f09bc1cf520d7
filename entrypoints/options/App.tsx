import { useEffect, useState } from 'preact/hooks';
import { ReadFiles } from '@/components/attachments/ReadFiles';
import { sendMessage } from '@/components/extension';
import { type Ledger, LedgerContext } from '@/components/ledger-context';
import { CustomFormatsPanel } from '@/components/options/CustomFormats';
import { DataPanel } from '@/components/options/Data';
import { MatchingPanel } from '@/components/options/Matching';
import { SitesPanel } from '@/components/options/Sites';
import { TeamPanel } from '@/components/options/Team';
import { Welcome } from '@/components/options/Welcome';
import type { TeamStore } from '@/lib/sync/store';

const VIEWS = [
  { id: 'welcome', label: 'Welcome' },
  { id: 'matching', label: 'Matching' },
  { id: 'sites', label: 'Sites' },
  { id: 'formats', label: 'Number formats' },
  { id: 'data', label: 'Data' },
  { id: 'team', label: 'Team' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

function viewOf(hash: string): ViewId {
  const id = hash.replace(/^#/, '');
  return VIEWS.find((v) => v.id === id)?.id ?? 'matching';
}

/** The options page: one view per section, chosen by the URL hash (`options.html#data`). */
export function App({ ledger, team }: { ledger: Ledger; team: TeamStore }) {
  const [view, setView] = useState<ViewId>(() => viewOf(location.hash));
  // An open settings page keeps the team ledger current (no team: the background does nothing).
  useEffect(() => void sendMessage({ type: 'team.sync' }).catch(() => undefined), []);
  useEffect(() => {
    const onHash = () => setView(viewOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `Tieout — ${VIEWS.find((v) => v.id === view)?.label ?? 'Settings'}`;
    document.getElementById('view')?.focus();
  }, [view]);

  return (
    <LedgerContext.Provider value={ledger}>
      <div class="options">
        <header>
          <h1>Tieout</h1>
          <nav aria-label="Settings sections">
            <ul class="plain">
              {VIEWS.map((v) => (
                <li key={v.id}>
                  <a href={`#${v.id}`} aria-current={view === v.id ? 'page' : undefined}>
                    {v.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="view" tabIndex={-1} data-view={view}>
          {view === 'welcome' && <Welcome />}
          {view === 'matching' && <MatchingPanel />}
          {view === 'sites' && <SitesPanel />}
          {view === 'formats' && <CustomFormatsPanel />}
          {view === 'data' && <ReadFiles />}
          {view === 'data' && <DataPanel />}
          {view === 'team' && <TeamPanel store={team} />}
        </main>
      </div>
    </LedgerContext.Provider>
  );
}
