import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { KIND_LABEL } from '@/components/display';
import { DOC_KINDS, type DocKind } from '@/lib/model/document';
import { checkFormat, loadFormats, type StoredFormat, saveFormats } from './customFormats';

const EMPTY = { vendor: '', kind: 'invoice' as DocKind, pattern: '', caseInsensitive: false, sample: '' };

/** Per-vendor number formats: regex + kind + sample, validated and tested against the sample as typed. */
export function CustomFormatsPanel() {
  const [formats, setFormats] = useState<StoredFormat[] | undefined>(undefined);
  const [draft, setDraft] = useState(EMPTY);
  const [message, setMessage] = useState('');
  const helpId = useId();
  const checkId = useId();

  useEffect(() => {
    void loadFormats(browser.storage.local).then(setFormats);
  }, []);

  const check = checkFormat(draft);
  const canSave = check.state === 'matches';
  const update = (patch: Partial<typeof EMPTY>) => setDraft({ ...draft, ...patch });

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (check.state !== 'matches') return;
    const next = [...(formats ?? []), { ...check.format, sample: draft.sample.trim() }];
    await saveFormats(browser.storage.local, next);
    setFormats(next);
    setDraft(EMPTY);
    setMessage(
      `Saved. Pages read from now on mark numbers like ${draft.sample.trim()} as ${KIND_LABEL[check.format.kind]}.`,
    );
  };

  const remove = async (index: number) => {
    const next = (formats ?? []).filter((_, i) => i !== index);
    await saveFormats(browser.storage.local, next);
    setFormats(next);
    setMessage('Format removed.');
  };

  return (
    <section aria-labelledby="formats-heading" class="stack">
      <h2 id="formats-heading">Custom number formats</h2>
      <p class="muted" id={helpId}>
        When a vendor prints numbers Tieout does not recognise, describe them with a regular expression for the whole
        number, for example <code>AC-\d{6}</code>, and give one real number as a sample.
      </p>
      <form class="stack" onSubmit={(e) => void onSubmit(e)} aria-describedby={helpId}>
        <div class="row">
          <label class="grow">
            Vendor
            <input type="text" value={draft.vendor} onInput={(e) => update({ vendor: e.currentTarget.value })} />
          </label>
          <label>
            Document kind
            <select value={draft.kind} onChange={(e) => update({ kind: e.currentTarget.value as DocKind })}>
              {DOC_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div class="row">
          <label class="grow">
            Pattern (regular expression)
            <input
              type="text"
              class="mono"
              spellcheck={false}
              maxLength={200}
              value={draft.pattern}
              aria-describedby={checkId}
              onInput={(e) => update({ pattern: e.currentTarget.value })}
            />
          </label>
          <label class="grow">
            Sample number
            <input
              type="text"
              class="mono"
              maxLength={200}
              value={draft.sample}
              aria-describedby={checkId}
              onInput={(e) => update({ sample: e.currentTarget.value })}
            />
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={draft.caseInsensitive}
              onChange={(e) => update({ caseInsensitive: e.currentTarget.checked })}
            />
            Ignore case
          </label>
        </div>
        <p id={checkId} role="status" data-testid="format-check" class={checkClass(check.state, draft.pattern)}>
          {checkText(check, draft.pattern)}
        </p>
        <button type="submit" class="primary" disabled={!canSave}>
          Save format
        </button>
      </form>
      {message && (
        <p class="notice ok" role="status">
          {message}
        </p>
      )}
      {formats && formats.length > 0 ? (
        <table aria-label="Saved number formats">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">Kind</th>
              <th scope="col">Pattern</th>
              <th scope="col">Sample</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {formats.map((f, i) => (
              <tr key={`${f.pattern}-${i}`}>
                <td>{f.vendor ?? 'Any vendor'}</td>
                <td>{KIND_LABEL[f.kind]}</td>
                <td class="mono">{f.pattern}</td>
                <td class="mono">{f.sample ?? ''}</td>
                <td>
                  <button
                    type="button"
                    class="danger"
                    aria-label={`Remove format ${f.pattern}`}
                    onClick={() => void remove(i)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        formats && <p class="muted">No custom format yet.</p>
      )}
    </section>
  );
}

function checkClass(state: ReturnType<typeof checkFormat>['state'], pattern: string): string {
  if (!pattern) return 'muted';
  return state === 'matches' ? 'notice ok' : state === 'invalid' || state === 'no-match' ? 'notice error' : 'notice';
}

function checkText(check: ReturnType<typeof checkFormat>, pattern: string): string {
  if (!pattern) return 'Type a pattern and a sample; the sample is tested as you type.';
  switch (check.state) {
    case 'invalid':
      return check.error;
    case 'no-sample':
      return 'The pattern is valid. Type a sample number to test it.';
    case 'no-match':
      return 'The sample does not match the pattern.';
    case 'matches':
      return `The sample matches; it will be stored under key ${check.key}.`;
  }
}
