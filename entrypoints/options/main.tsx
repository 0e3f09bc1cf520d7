import { render } from 'preact';
import '@/components/theme.css';
import { createLedger, openLedgerDb } from '@/lib/ledger';
import { createTeamStore } from '@/lib/sync/store';
import './options.css';
import { App } from './App';

// The options page shares the worker's IndexedDB: it reads through liveQuery and writes through its own
// ledger service, with no message round trip.
// Its writes carry the clerk of the team ledger, as the worker's do.
const team = createTeamStore();
const ledger = createLedger(openLedgerDb(), {
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
  clerk: () => team.clerk(),
});
render(<App ledger={ledger} team={team} />, document.getElementById('app') as HTMLElement);
