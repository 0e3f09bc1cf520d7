import { render } from 'preact';
import '@/components/theme.css';
import { createLedger, openLedgerDb } from '@/lib/ledger';
import './options.css';
import { App } from './App';

// The options page shares the worker's IndexedDB: it reads through liveQuery and writes through its own
// ledger service, with no message round trip.
const ledger = createLedger(openLedgerDb(), { now: () => new Date(), newId: () => crypto.randomUUID() });
render(<App ledger={ledger} />, document.getElementById('app') as HTMLElement);
