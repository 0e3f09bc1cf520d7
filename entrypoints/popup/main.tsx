import { render } from 'preact';
import { openLedgerDb } from '@/lib/ledger/db';
import { App } from './App';

render(<App db={openLedgerDb()} />, document.getElementById('app') as HTMLElement);
