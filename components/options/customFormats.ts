/**
 * Custom number formats live in `browser.storage.local` under `customFormats`: an array of
 * `CustomFormat` (lib/detect/custom.ts) plus the clerk's sample. Storage rather than the ledger so
 * that content scripts read them without opening IndexedDB, and a ledger wipe keeps the team's rules.
 */
import { z } from 'zod';
import { type CustomFormat, CustomFormatSchema, validateCustomFormat } from '@/lib/detect/custom';
import { numberKey } from '@/lib/model/keys';

export const CUSTOM_FORMATS_KEY = 'customFormats';

export const StoredFormatSchema = CustomFormatSchema.extend({ sample: z.string().max(200).optional() });
export type StoredFormat = z.infer<typeof StoredFormatSchema>;

export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Stored formats; entries that no longer parse are dropped from what is shown, not from storage. */
export async function loadFormats(storage: StorageArea): Promise<StoredFormat[]> {
  const raw = (await storage.get(CUSTOM_FORMATS_KEY))[CUSTOM_FORMATS_KEY];
  const parsed = z.array(z.unknown()).safeParse(raw);
  if (!parsed.success) return [];
  return parsed.data.flatMap((f) => {
    const one = StoredFormatSchema.safeParse(f);
    return one.success ? [one.data] : [];
  });
}

export async function saveFormats(storage: StorageArea, formats: readonly StoredFormat[]): Promise<void> {
  await storage.set({ [CUSTOM_FORMATS_KEY]: formats });
}

export type SampleCheck =
  | { state: 'invalid'; error: string }
  | { state: 'no-sample'; format: CustomFormat }
  | { state: 'matches'; format: CustomFormat; key: string }
  | { state: 'no-match'; format: CustomFormat };

/**
 * Validates a format as typed and tests it against the sample, as the options form shows live.
 * The sample is bounded by the schema's 200 characters, and validation refused any pattern that
 * could backtrack badly, so running it here is cheap.
 */
export function checkFormat(draft: {
  vendor: string;
  kind: CustomFormat['kind'];
  pattern: string;
  caseInsensitive: boolean;
  sample: string;
}): SampleCheck {
  const v = validateCustomFormat({
    vendor: draft.vendor.trim() || undefined,
    kind: draft.kind,
    pattern: draft.pattern,
    caseInsensitive: draft.caseInsensitive,
  });
  if (!v.ok) return { state: 'invalid', error: v.error };
  const sample = draft.sample.trim().slice(0, 200);
  if (!sample) return { state: 'no-sample', format: v.format };
  const regex = new RegExp(`^(?:${v.format.pattern})$`, v.format.caseInsensitive ? 'iu' : 'u');
  return regex.test(sample)
    ? { state: 'matches', format: v.format, key: numberKey(sample) }
    : { state: 'no-match', format: v.format };
}
