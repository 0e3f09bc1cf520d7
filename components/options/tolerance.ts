import type { Tolerance } from '@/lib/model/settings';

/** Form text for one tolerance: empty means "no limit of this kind". */
export interface ToleranceText {
  percent: string;
  absolute: string;
}

export function toleranceText(t: Tolerance | undefined): ToleranceText {
  return {
    percent: t?.percent === undefined ? '' : String(t.percent),
    absolute: t?.absolute === undefined ? '' : String(t.absolute),
  };
}

/** Parses a tolerance as typed; a sentence naming the field on error. */
export function parseTolerance(text: ToleranceText, label: string): Tolerance | string {
  const out: Tolerance = {};
  for (const part of ['percent', 'absolute'] as const) {
    const raw = text[part].trim().replace(',', '.');
    if (!raw) continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) return `${label}: "${text[part]}" is not a number of zero or more.`;
    out[part] = n;
  }
  return out;
}
