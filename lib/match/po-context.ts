/**
 * What the checks of one PO share within a run: the tolerances per vendor and the run's context
 * (classes with one instance kept, shapes.ts), and the keys a document is attributed to.
 */
import type { Document } from '@/lib/model/document';
import { type MatchSettings, settingsForVendor } from '@/lib/model/settings';
import type { Finding } from './finding';

/** The PO keys a document is attributed to: a credit note's may come through its invoice (`effKeys`). */
export function attributedKeys(d: Document, effKeys: Map<Document, string[]>): string[] {
  return (d.kind === 'credit_note' && effKeys.get(d)) || d.poKeys;
}

type VendorSettings = ReturnType<typeof settingsForVendor>;

/**
 * The tolerances and mode per vendor for one run: worked out once per vendor, once in all without
 * overrides. A class with one instance kept (shapes.ts), as is PoContext: objects made once per run
 * otherwise take the code of every PO check with them when they die.
 */
export class RunTolerances {
  /** Set when no vendor has overrides: every vendor has these. */
  readonly defaults: VendorSettings | undefined;
  readonly byVendor = new Map<string | undefined, VendorSettings>();
  constructor(readonly settings: MatchSettings) {
    this.defaults =
      Object.keys(settings.vendorOverrides).length === 0 ? settingsForVendor(settings, undefined) : undefined;
  }
}

export function tolerancesOf(t: RunTolerances, vendorKey: string | undefined): VendorSettings {
  if (t.defaults) return t.defaults;
  let s = t.byVendor.get(vendorKey);
  if (!s) {
    s = settingsForVendor(t.settings, vendorKey);
    t.byVendor.set(vendorKey, s);
  }
  return s;
}

/**
 * What every PO check of a run shares. Data only, no functions: optimized code that calls a
 * function created per run is thrown away when that function dies after the run (see shapes.ts).
 */
export class PoContext {
  constructor(
    readonly tolerances: RunTolerances,
    /** Credit notes attributed through the invoice they correct (attributedKeys). */
    readonly effKeys: Map<Document, string[]>,
    readonly notDuplicate: Set<string>,
    readonly findings: Finding[],
    /** Whether the caller reads the balance: the checks need only the sums. */
    readonly balances: boolean,
  ) {}
}
