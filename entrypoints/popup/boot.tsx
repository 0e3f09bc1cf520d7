import { render } from 'preact';
import { sendMessage, targetTab } from '@/components/extension';
import { openPopupLedger } from '@/components/popup/lazy-ledger';
import { recordScriptStart, span } from '@/components/popup/timing';
import '@/components/theme.css';
import './popup.css';
import { App } from './App';

recordScriptStart();

// `?url=` names the page the popup is about when it is opened in a tab of its own (tests, the tour).
const urlOverride = new URLSearchParams(location.search).get('url') ?? undefined;
const { ledger, preload } = openPopupLedger();
// Open the database now, side by side with the first render, instead of at the first query.
const opening = performance.now();
ledger.db
  .open()
  .then(() => span('db.open', opening))
  .catch(() => undefined);
// The tab is asked for now too: views that depend on it (This page, the default tab) wait for it.
const asking = performance.now();
const tabRequest = targetTab(urlOverride).finally(() => span('tab', asking));
render(
  <App ledger={ledger} tabRequest={tabRequest} preload={preload} />,
  document.getElementById('app') as HTMLElement,
);
span('mount', opening);
// An open popup brings the team ledger up to date (no team: the background does nothing), after the first paint.
requestAnimationFrame(() => setTimeout(() => void sendMessage({ type: 'team.sync' }).catch(() => undefined), 0));
