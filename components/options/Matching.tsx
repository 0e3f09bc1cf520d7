import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { errorText, useLedger } from '@/components/ledger-context';
import { vendorKey } from '@/lib/model/keys';
import type { MatchMode, MatchSettings, Tolerance, VendorOverride } from '@/lib/model/settings';
import { parseTolerance, type ToleranceText, toleranceText } from './tolerance';

type Check = 'price' | 'quantity' | 'total';
const CHECKS: { id: Check; label: string; unit: string; help: string }[] = [
  { id: 'price', label: 'Unit price', unit: 'in PO currency', help: 'invoiced unit price over the PO unit price' },
  { id: 'quantity', label: 'Quantity', unit: 'units', help: 'invoiced quantity over ordered (or received, 3-way)' },
  { id: 'total', label: 'Total', unit: 'in PO currency', help: 'invoiced total over the PO total' },
];

type FormState = Record<Check, ToleranceText> & { mode: MatchMode };

function formOf(s: MatchSettings): FormState {
  return {
    price: toleranceText(s.price),
    quantity: toleranceText(s.quantity),
    total: toleranceText(s.total),
    mode: s.defaultMode,
  };
}

function ToleranceInputs({
  value,
  onChange,
  label,
  unit,
  idPrefix,
}: {
  value: ToleranceText;
  onChange: (v: ToleranceText) => void;
  label: string;
  unit: string;
  idPrefix: string;
}) {
  return (
    <>
      <label>
        {label}: % over
        <input
          type="text"
          inputMode="decimal"
          size={6}
          data-testid={`${idPrefix}-percent`}
          value={value.percent}
          onInput={(e) => onChange({ ...value, percent: e.currentTarget.value })}
        />
      </label>
      <label>
        {label}: amount over ({unit})
        <input
          type="text"
          inputMode="decimal"
          size={8}
          data-testid={`${idPrefix}-absolute`}
          value={value.absolute}
          onInput={(e) => onChange({ ...value, absolute: e.currentTarget.value })}
        />
      </label>
    </>
  );
}

/** Tolerances (% and absolute per check), 2-way/3-way default and per-vendor overrides. */
export function MatchingPanel() {
  const ledger = useLedger();
  const [settings, setSettings] = useState<MatchSettings | undefined>(undefined);
  const [form, setForm] = useState<FormState | undefined>(undefined);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void ledger.getSettings().then((s) => {
      setSettings(s);
      setForm(formOf(s));
    });
  }, [ledger]);

  const save = async (next: MatchSettings, what: string) => {
    setSaving(true);
    setMessage(undefined);
    try {
      const saved = await ledger.saveSettings(next);
      setSettings(saved);
      setForm(formOf(saved));
      setMessage({ text: `${what} Every invoice was matched again under the new rules.`, error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      setSaving(false);
    }
  };

  if (!settings || !form) return <p class="muted">Loading settings…</p>;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const next: MatchSettings = { ...settings, defaultMode: form.mode };
    for (const c of CHECKS) {
      const t = parseTolerance(form[c.id], c.label);
      if (typeof t === 'string') {
        setMessage({ text: `${t} Nothing was saved.`, error: true });
        return;
      }
      next[c.id] = t;
    }
    void save(next, 'Tolerances saved.');
  };

  return (
    <section aria-labelledby="matching-heading" class="stack">
      <h2 id="matching-heading">Matching</h2>
      <p class="muted">
        An amount passes when it is within every limit you set; leave a box empty for no limit of that kind.
        Under-billing never raises an exception.
      </p>
      <form class="stack" onSubmit={onSubmit}>
        {CHECKS.map((c) => (
          <fieldset key={c.id} class="row">
            <legend>
              {c.label} <span class="muted small">({c.help})</span>
            </legend>
            <ToleranceInputs
              idPrefix={c.id}
              label={c.label}
              unit={c.unit}
              value={form[c.id]}
              onChange={(v) => setForm({ ...form, [c.id]: v })}
            />
          </fieldset>
        ))}
        <fieldset class="row">
          <legend>Default match</legend>
          <label class="inline">
            <input
              type="radio"
              name="mode"
              value="2way"
              checked={form.mode === '2way'}
              onChange={() => setForm({ ...form, mode: '2way' })}
            />
            2-way: invoice against PO
          </label>
          <label class="inline">
            <input
              type="radio"
              name="mode"
              value="3way"
              checked={form.mode === '3way'}
              onChange={() => setForm({ ...form, mode: '3way' })}
            />
            3-way: also against goods receipts
          </label>
        </fieldset>
        <div>
          <button type="submit" class="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save tolerances'}
          </button>
        </div>
      </form>
      {message && (
        <p class={`notice ${message.error ? 'error' : 'ok'}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <VendorOverrides settings={settings} onSave={save} />
    </section>
  );
}

const EMPTY_OVERRIDE = {
  vendor: '',
  price: { percent: '', absolute: '' },
  quantity: { percent: '', absolute: '' },
  total: { percent: '', absolute: '' },
  mode: '' as MatchMode | '',
};

function VendorOverrides({
  settings,
  onSave,
}: {
  settings: MatchSettings;
  onSave: (s: MatchSettings, what: string) => Promise<void>;
}) {
  const [draft, setDraft] = useState(EMPTY_OVERRIDE);
  const [error, setError] = useState('');
  const entries = Object.entries(settings.vendorOverrides);

  const add = (event: Event) => {
    event.preventDefault();
    setError('');
    const key = vendorKey(draft.vendor);
    if (!key) {
      setError('Type the vendor’s name.');
      return;
    }
    const override: VendorOverride = {};
    for (const c of CHECKS) {
      const text = draft[c.id];
      if (!text.percent.trim() && !text.absolute.trim()) continue;
      const t = parseTolerance(text, c.label);
      if (typeof t === 'string') {
        setError(`${t} Nothing was saved.`);
        return;
      }
      override[c.id] = t;
    }
    if (draft.mode) override.mode = draft.mode;
    if (Object.keys(override).length === 0) {
      setError('Set at least one tolerance or a match mode for this vendor.');
      return;
    }
    void onSave(
      { ...settings, vendorOverrides: { ...settings.vendorOverrides, [key]: override } },
      `Override for ${draft.vendor.trim()} saved.`,
    ).then(() => setDraft(EMPTY_OVERRIDE));
  };

  const remove = (key: string) => {
    const { [key]: _removed, ...rest } = settings.vendorOverrides;
    void onSave({ ...settings, vendorOverrides: rest }, `Override for ${key} removed.`);
  };

  const describe = (t: Tolerance | undefined) =>
    t
      ? [t.percent !== undefined ? `${t.percent}%` : '', t.absolute !== undefined ? `${t.absolute}` : '']
          .filter(Boolean)
          .join(' + ') || 'none'
      : 'default';

  return (
    <section aria-labelledby="overrides-heading" class="stack">
      <h3 id="overrides-heading">Per-vendor overrides</h3>
      {entries.length === 0 ? (
        <p class="muted">No vendor has its own tolerances; the ones above apply to all.</p>
      ) : (
        <table aria-label="Vendor overrides">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">Price</th>
              <th scope="col">Quantity</th>
              <th scope="col">Total</th>
              <th scope="col">Match</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, o]) => (
              <tr key={key}>
                <td>{key}</td>
                <td>{describe(o.price)}</td>
                <td>{describe(o.quantity)}</td>
                <td>{describe(o.total)}</td>
                <td>{o.mode === '3way' ? '3-way' : o.mode === '2way' ? '2-way' : 'default'}</td>
                <td>
                  <button
                    type="button"
                    class="danger"
                    aria-label={`Remove override for ${key}`}
                    onClick={() => remove(key)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="stack" onSubmit={add} aria-label="Add a vendor override">
        <label>
          Vendor name
          <input
            type="text"
            value={draft.vendor}
            onInput={(e) => setDraft({ ...draft, vendor: e.currentTarget.value })}
          />
        </label>
        <div class="row">
          {CHECKS.map((c) => (
            <ToleranceInputs
              key={c.id}
              idPrefix={`override-${c.id}`}
              label={c.label}
              unit={c.unit}
              value={draft[c.id]}
              onChange={(v) => setDraft({ ...draft, [c.id]: v })}
            />
          ))}
          <label>
            Match
            <select
              value={draft.mode}
              onChange={(e) => setDraft({ ...draft, mode: e.currentTarget.value as MatchMode | '' })}
            >
              <option value="">Default</option>
              <option value="2way">2-way</option>
              <option value="3way">3-way</option>
            </select>
          </label>
        </div>
        <div>
          <button type="submit">Save vendor override</button>
        </div>
      </form>
      <ErrorNotice text={error} />
    </section>
  );
}
