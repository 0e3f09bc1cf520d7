import { render } from 'preact';
import { openLedger } from '@/components/ledger';
import '@/components/theme.css';
import './options.css';
import { App } from './App';

render(<App ledger={openLedger()} />, document.getElementById('app') as HTMLElement);
