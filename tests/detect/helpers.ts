import { type DetectOptions, detect } from '@/lib/detect/index';
import type { TextBlock } from '@/lib/detect/types';
import type { Detection } from '@/lib/model/detection';

export const NOW = new Date('2025-06-01T00:00:00Z');

/** Detections in one plain text block, as the content script would send them. */
export function inText(text: string, options: DetectOptions = {}, extra: Partial<TextBlock> = {}): Detection[] {
  return detect([{ text, ...extra }], { now: NOW, ...options });
}

/** Only what is reported (not the low-confidence evidence). */
export function reported(ds: Detection[]): Detection[] {
  return ds.filter((d) => d.confidence >= 0.5);
}

export function summary(ds: Detection[]): string[] {
  return reported(ds).map((d) => `${d.kind}:${d.number}`);
}
