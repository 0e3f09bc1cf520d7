import { render } from 'preact';
import { openLedger } from '@/components/ledger';
import { recordScriptStart, span } from '@/components/popup/timing';
import '@/components/theme.css';
import './popup.css';
import { App } from './App';

recordScriptStart();

// `?url=` names the page the popup is about when it is opened in a tab of its own (tests, the tour).
const urlOverride = new URLSearchParams(location.search).get('url') ?? undefined;
const ledger = openLedger();
// Open the database now, side by side with the first render, instead of at the first query.
const opening = performance.now();
ledger.db
  .open()
  .then(() => span('db.open', opening))
  .catch(() => undefined);
render(<App ledger={ledger} urlOverride={urlOverride} />, document.getElementById('app') as HTMLElement);
span('mount', opening);
