import { useState } from 'preact/hooks';
import { enableSites, openOptionsPage, scanTab, type TargetTab } from '@/components/extension';
import { Legend } from '@/components/Legend';
import { errorText } from '@/components/ledger-context';

/** The empty ledger teaches what to do instead of showing an empty list. */
export function FirstRun({ tab }: { tab: TargetTab | undefined }) {
  const [note, setNote] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const origin = tab?.origin;
  const enable = async () => {
    if (!origin || !tab) return;
    try {
      await enableSites([origin]);
      if (tab.id >= 0) await scanTab(tab.id).catch(() => undefined);
      setNote({ text: `Tieout is on for ${origin}. Numbers it finds appear here.`, error: false });
    } catch (e) {
      setNote({ text: errorText(e), error: true });
    }
  };
  return (
    <section class="stack first-run" aria-labelledby="first-run-h" data-testid="first-run">
      <h2 id="first-run-h">Your ledger is empty</h2>
      <p>
        Tieout finds PO and invoice numbers on the pages you read and ties every invoice to its PO. Everything stays in
        this browser.
      </p>
      <ol class="stack">
        <li>
          <strong>Turn it on where you read invoices.</strong>{' '}
          {origin ? (
            <button type="button" class="primary" onClick={() => void enable()}>
              Enable on {new URL(origin).hostname}
            </button>
          ) : (
            <button type="button" class="link" onClick={() => void openOptionsPage('#sites')}>
              Choose sites (Gmail, Outlook, your portal)
            </button>
          )}
        </li>
        <li>
          <strong>Import your open POs</strong> from your ERP as CSV.{' '}
          <button type="button" class="link" onClick={() => void openOptionsPage('#data')}>
            Import POs
          </button>
        </li>
        <li>
          <strong>Read your invoices as usual.</strong> Tieout marks each PO and invoice number it finds; point at one
          for its card.{' '}
          <button type="button" class="link" onClick={() => void openOptionsPage('#welcome')}>
            More in the welcome page
          </button>
        </li>
      </ol>
      <section aria-labelledby="first-run-legend-h">
        <h3 id="first-run-legend-h">What the marks on a page mean</h3>
        <Legend headingId="first-run-legend-h" />
      </section>
      {note && (
        <p class={`notice ${note.error ? 'error' : 'ok'}`} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </section>
  );
}
