import { useEffect, useRef, useState } from 'preact/hooks';
import { bytesText, KIND_LABEL } from '@/components/display';
import { downloadText } from '@/components/extension';
import { errorText, useLedger } from '@/components/ledger-context';
import { useLiveQuery } from '@/components/useLiveQuery';
import {
  backupJson,
  type CsvMapping,
  type CsvPreview,
  exportDocumentsCsv,
  exportExceptionsCsv,
  type ImportField,
  type ImportProgress,
  ImportRowsError,
  restoreJson,
} from '@/lib/ledger';
import { DOC_KINDS, type DocKind } from '@/lib/model/document';

/** The word a clerk types to wipe the ledger. */
export const WIPE_WORD = 'DELETE';

const MAPPED_FIELDS: { field: ImportField; label: string }[] = [
  { field: 'number', label: 'Number' },
  { field: 'kind', label: 'Kind' },
  { field: 'vendor', label: 'Vendor' },
  { field: 'date', label: 'Date' },
  { field: 'total', label: 'Total' },
  { field: 'currency', label: 'Currency' },
  { field: 'poRef', label: 'PO reference' },
  { field: 'quantity', label: 'Quantity' },
  { field: 'unitPrice', label: 'Unit price' },
];

type Message = { text: string; error: boolean } | undefined;

function Note({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p class={`notice ${message.error ? 'error' : 'ok'}`} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}

/** Counts, storage used, CSV import with preview/progress/cancel, exports, backup/restore, wipe. */
export function DataPanel() {
  return (
    <section aria-labelledby="data-heading" class="stack">
      <h2 id="data-heading">Data</h2>
      <Counts />
      <ImportCsv />
      <ExportAndBackup />
      <Wipe />
    </section>
  );
}

function Counts() {
  const ledger = useLedger();
  const counts = useLiveQuery(() => ledger.counts(), []);
  const [storage, setStorage] = useState<StorageEstimate | undefined>(undefined);
  useEffect(() => {
    void navigator.storage?.estimate().then(setStorage);
  }, [counts]);
  return (
    <section aria-labelledby="counts-heading">
      <h3 id="counts-heading">In this browser</h3>
      {counts ? (
        <ul class="plain row counts" data-testid="counts">
          <li>
            <strong>{counts.documents}</strong> documents (
            {DOC_KINDS.map((k) => `${counts.byKind[k]} ${KIND_LABEL[k]}`).join(', ')})
          </li>
          <li>
            <strong>{counts.exceptions.open}</strong> open exceptions, {counts.exceptions.resolved} resolved
          </li>
          <li>
            Storage used: <strong>{bytesText(storage?.usage)}</strong>
            {storage?.quota ? ` of ${bytesText(storage.quota)} available` : ''}
          </li>
        </ul>
      ) : (
        <p class="muted">Counting…</p>
      )}
    </section>
  );
}

interface Progress {
  rowsRead: number;
  rowsTotal: number;
  written: number;
  toWrite: number;
  phase: ImportProgress['phase'];
}

function ImportCsv() {
  const ledger = useLedger();
  const [file, setFile] = useState<{ name: string; bytes: ArrayBuffer } | undefined>(undefined);
  const [preview, setPreview] = useState<CsvPreview | undefined>(undefined);
  const [mapping, setMapping] = useState<CsvMapping | undefined>(undefined);
  const [allowPartial, setAllowPartial] = useState(false);
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [message, setMessage] = useState<Message>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);

  const runPreview = (bytes: ArrayBuffer, m?: CsvMapping) => {
    try {
      const p = ledger.previewCsv(bytes, { localeHint: navigator.language, mapping: m });
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      setPreview(undefined);
      setMessage({ text: errorText(e), error: true });
    }
  };

  const onFile = async (input: HTMLInputElement) => {
    setMessage(undefined);
    setPreview(undefined);
    setAllowPartial(false);
    const f = input.files?.[0];
    if (!f) return;
    const bytes = await f.arrayBuffer();
    setFile({ name: f.name, bytes });
    runPreview(bytes);
  };

  const changeMapping = (next: CsvMapping) => {
    if (!file) return;
    setMapping(next);
    runPreview(file.bytes, next);
  };

  const start = async () => {
    if (!file || !mapping) return;
    const controller = new AbortController();
    abort.current = controller;
    setMessage(undefined);
    setProgress({
      rowsRead: 0,
      rowsTotal: preview?.rowCount ?? 0,
      written: 0,
      toWrite: preview?.documents ?? 0,
      phase: 'reading',
    });
    try {
      const result = await ledger.importCsv(file.bytes, mapping, {
        allowPartial,
        signal: controller.signal,
        fileName: file.name,
        localeHint: navigator.language,
        onProgress: (p) =>
          setProgress((prev) => {
            const base = prev ?? { rowsRead: 0, rowsTotal: 0, written: 0, toWrite: 0, phase: p.phase };
            if (p.phase === 'reading')
              return { ...base, phase: p.phase, rowsRead: p.done, rowsTotal: p.total || base.rowsTotal };
            if (p.phase === 'writing')
              return { ...base, phase: p.phase, rowsRead: base.rowsTotal, written: p.done, toWrite: p.total };
            return { ...base, phase: p.phase, written: p.phase === 'done' ? p.total : base.written };
          }),
      });
      const skipped =
        result.skipped.length === 1
          ? ' 1 row with an error was skipped.'
          : result.skipped.length > 1
            ? ` ${result.skipped.length} rows with errors were skipped.`
            : '';
      setMessage({
        text: `Imported ${result.importedRows} of ${result.rows} rows: ${result.created} new documents, ${result.updated} updated.${skipped}`,
        error: false,
      });
      setFile(undefined);
      setPreview(undefined);
      if (fileInput.current) fileInput.current.value = '';
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
      if (e instanceof ImportRowsError) setAllowPartial(false);
    } finally {
      abort.current = undefined;
      setProgress(undefined);
    }
  };

  const columnOptions = preview?.headers ?? [];
  return (
    <section aria-labelledby="import-heading" class="stack">
      <h3 id="import-heading">Import POs, invoices or receipts (CSV)</h3>
      <p class="muted">
        Exports from SAP (ME2N), NetSuite, QuickBooks, Xero, Odoo or a spreadsheet. Tieout shows what it read before
        anything is written; a cancelled import writes nothing.
      </p>
      <label>
        CSV file
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => void onFile(e.currentTarget)}
        />
      </label>
      {preview && mapping && (
        <div class="stack preview" data-testid="csv-preview">
          <p>
            Looks like <strong>{mapping.format}</strong>: {preview.rowCount} rows make{' '}
            <strong>{preview.documents}</strong> documents
            {preview.errors.length === 1
              ? '; 1 row has an error'
              : preview.errors.length > 1
                ? `; ${preview.errors.length} rows have errors`
                : ''}
            .
          </p>
          <fieldset class="row">
            <legend>Columns</legend>
            <label>
              Rows without a kind are
              <select
                value={mapping.kind}
                onChange={(e) => changeMapping({ ...mapping, kind: e.currentTarget.value as DocKind })}
              >
                {DOC_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </label>
            {MAPPED_FIELDS.map(({ field, label }) => (
              <label key={field}>
                {label} column
                <select
                  value={mapping.columns[field] === undefined ? '' : String(mapping.columns[field])}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    const columns = { ...mapping.columns };
                    if (v === '') delete columns[field];
                    else columns[field] = Number(v);
                    changeMapping({ ...mapping, columns });
                  }}
                >
                  <option value="">(none)</option>
                  {columnOptions.map((h, i) => (
                    <option key={`${h}-${i}`} value={String(i)}>
                      {h || `Column ${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
          <div class="table-scroll">
            <table aria-label="First rows of the file">
              <thead>
                <tr>
                  {preview.headers.map((h, i) => (
                    <th scope="col" key={`${h}-${i}`}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 5).map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.errors.length > 0 && (
            <div class="notice error" data-testid="csv-errors">
              <p>
                {preview.errors.length} row{preview.errors.length === 1 ? '' : 's'} cannot be imported:
              </p>
              <ul>
                {preview.errors.slice(0, 20).map((e) => (
                  <li key={`${e.line}-${e.reason}`}>
                    Line {e.line}: {e.reason}
                  </li>
                ))}
                {preview.errors.length > 20 && <li>and {preview.errors.length - 20} more.</li>}
              </ul>
              <label class="inline">
                <input
                  type="checkbox"
                  checked={allowPartial}
                  onChange={(e) => setAllowPartial(e.currentTarget.checked)}
                />
                Import only the valid rows
              </label>
            </div>
          )}
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={!!progress || (preview.errors.length > 0 && !allowPartial) || preview.documents === 0}
              onClick={() => void start()}
            >
              Import {preview.documents} documents
            </button>
            {progress && (
              <button type="button" onClick={() => abort.current?.abort()}>
                Cancel import
              </button>
            )}
          </div>
        </div>
      )}
      {progress && (
        <div class="stack" data-testid="import-progress">
          <label>
            Import progress
            <progress max={Math.max(1, progress.toWrite)} value={progress.phase === 'reading' ? 0 : progress.written} />
          </label>
          <p role="status">
            Rows read: {progress.rowsRead} of {progress.rowsTotal} · Documents written: {progress.written} of{' '}
            {progress.toWrite}
            {progress.phase === 'matching' ? ' · matching…' : ''}
          </p>
        </div>
      )}
      <Note message={message} />
    </section>
  );
}

function stamp(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function ExportAndBackup() {
  const ledger = useLedger();
  const [message, setMessage] = useState<Message>(undefined);
  const run = async (work: () => Promise<string>) => {
    setMessage(undefined);
    try {
      setMessage({ text: await work(), error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    }
  };
  const onRestore = async (input: HTMLInputElement) => {
    const f = input.files?.[0];
    if (!f) return;
    await run(async () => {
      const result = await restoreJson(ledger.db, await f.text());
      return `Restored ${result.documents} documents and ${result.exceptions} exceptions from ${f.name}.`;
    });
    input.value = '';
  };
  return (
    <section aria-labelledby="export-heading" class="stack">
      <h3 id="export-heading">Export and back up</h3>
      <div class="row">
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              downloadText(
                await exportDocumentsCsv(ledger.db),
                `tieout-documents-${stamp(new Date())}.csv`,
                'text/csv',
              );
              return 'Documents exported as CSV.';
            })
          }
        >
          Export documents (CSV)
        </button>
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              downloadText(
                await exportExceptionsCsv(ledger.db),
                `tieout-exceptions-${stamp(new Date())}.csv`,
                'text/csv',
              );
              return 'Exceptions exported as CSV.';
            })
          }
        >
          Export exceptions (CSV)
        </button>
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              const now = new Date();
              downloadText(await backupJson(ledger.db, now), `tieout-backup-${stamp(now)}.json`, 'application/json');
              return 'Backup saved. Keep it somewhere safe: it holds every document and exception.';
            })
          }
        >
          Back up (JSON)
        </button>
      </div>
      <label>
        Restore a backup (replaces the whole ledger)
        <input type="file" accept=".json,application/json" onChange={(e) => void onRestore(e.currentTarget)} />
      </label>
      <Note message={message} />
    </section>
  );
}

function Wipe() {
  const ledger = useLedger();
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<Message>(undefined);
  const confirmed = typed.trim() === WIPE_WORD;
  const wipe = async (event: Event) => {
    event.preventDefault();
    if (!confirmed) return;
    try {
      await ledger.wipe();
      setTyped('');
      setMessage({ text: 'The ledger is empty: every document, exception and setting was deleted.', error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    }
  };
  return (
    <section aria-labelledby="wipe-heading" class="stack">
      <h3 id="wipe-heading">Wipe everything</h3>
      <form class="row" onSubmit={(e) => void wipe(e)}>
        <label class="grow">
          Type {WIPE_WORD} to delete every document, exception and setting in this browser
          <input type="text" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit" class="danger" disabled={!confirmed}>
          Wipe the ledger
        </button>
      </form>
      <Note message={message} />
    </section>
  );
}
