import { render } from 'preact';
import { openLedger } from '@/components/ledger';
import { recordScriptStart } from '@/components/popup/timing';
import '@/components/theme.css';
import './popup.css';
import { App } from './App';

recordScriptStart();

// `?url=` names the page the popup is about when it is opened in a tab of its own (tests, the tour).
const urlOverride = new URLSearchParams(location.search).get('url') ?? undefined;
render(<App ledger={openLedger()} urlOverride={urlOverride} />, document.getElementById('app') as HTMLElement);
