/**
 * Reading a file from the popup or the options page: "Read this PDF" for the PDF or XML open in
 * the tab (fetched by the background's reader with the activeTab grant), and a drop zone (with a
 * file picker for the keyboard) for a PDF or XML file from the desktop, read right here with the
 * same reader, pdf.js loaded only when a file arrives. Shows progress, then what was recorded or
 * the sentence saying why nothing was.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage, type TargetTab } from '@/components/extension';
import type { AttachmentResult } from '@/lib/background/attachment-service';

const KIND_WORD: Record<string, string> = {
  invoice: 'Invoice',
  credit_note: 'Credit note',
  po: 'PO',
  receipt: 'Receipt',
};
const STATE_WORD: Record<string, string> = { tied: 'tied out', exception: 'has an exception', unknown: 'recorded' };

/** Whether the tab shows a file Tieout can read (a PDF in the browser's viewer, an XML file). */
export function readableTab(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return /\.(pdf|xml)$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export function summary(result: AttachmentResult): string {
  const main = result.statuses.find((s) => s.kind !== 'po') ?? result.statuses[0];
  const what = result.einvoice ? ` (${result.einvoice.syntax}, from ${result.einvoice.source})` : '';
  if (!main) return result.notes.at(-1) ?? `Nothing was found in ${result.file}.`;
  return `${KIND_WORD[main.kind] ?? main.kind} ${main.number} ${STATE_WORD[main.status] ?? main.status}${what}.`;
}

export function ReadFiles({ tab, onOpen }: { tab?: TargetTab | null; onOpen?: (docId: string) => void }) {
  const [state, setState] = useState<{ busy?: string; done?: string; error?: string; notes?: string[] }>({});
  const [over, setOver] = useState(false);

  const finish = (result: AttachmentResult) => {
    setState({ done: summary(result), notes: result.notes });
    const main = result.statuses.find((s) => s.kind !== 'po') ?? result.statuses[0];
    if (main?.docId) onOpen?.(main.docId);
  };
  const fail = (e: unknown) => setState({ error: e instanceof Error ? e.message : String(e) });

  const readFile = async (file: File) => {
    setState({ busy: `Reading ${file.name}…` });
    try {
      const { readInExtension } = await import('@/lib/attachments/extension-reader');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reading = await readInExtension(
        { name: file.name.slice(0, 300), bytes },
        (path) => browser.runtime.getURL(path as '/'),
        (done, total) => setState({ busy: `Reading ${file.name}… page ${done} of ${total}` }),
      );
      const page = { url: `file:${encodeURIComponent(file.name)}`.slice(0, 4096), title: file.name.slice(0, 1024) };
      finish(await sendMessage<AttachmentResult>({ type: 'attachment.record', reading, page }));
    } catch (e) {
      fail(e);
    }
  };

  const readTab = async () => {
    if (!tab) return;
    setState({ busy: 'Reading this file…' });
    try {
      finish(
        await sendMessage<AttachmentResult>({
          type: 'attachment.read',
          url: tab.url,
          page: { url: tab.url.slice(0, 4096), title: tab.title.slice(0, 1024) },
        }),
      );
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section
      class={`file-drop stack${over ? ' over' : ''}`}
      data-testid="file-drop"
      aria-label="Read a PDF or XML invoice"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer?.files[0];
        if (file) void readFile(file);
      }}
    >
      <div class="row">
        {readableTab(tab?.url) && (
          <button type="button" onClick={() => void readTab()} disabled={!!state.busy}>
            Read this {/\.xml$/i.test(tab?.url ?? '') ? 'XML' : 'PDF'}
          </button>
        )}
        <label class="grow muted small">
          Drop a PDF or XML invoice here, or{' '}
          <input
            type="file"
            accept=".pdf,.xml,application/pdf,application/xml,text/xml"
            aria-label="Choose a PDF or XML invoice to read"
            onChange={(e) => {
              const file = (e.currentTarget as HTMLInputElement).files?.[0];
              if (file) void readFile(file);
            }}
          />
        </label>
      </div>
      {state.busy && (
        <p class="small" role="status" data-testid="file-progress">
          {state.busy}
        </p>
      )}
      {state.done && (
        <p class="small" role="status" data-testid="file-result">
          {state.done}
        </p>
      )}
      {state.notes?.map((n) => (
        <p class="small muted" key={n}>
          {n}
        </p>
      ))}
      {state.error && (
        <p class="small message" role="alert" data-testid="file-error">
          {state.error}
        </p>
      )}
    </section>
  );
}
