/** `conflicting_values`: one document seen with two values of a field, both kept and shown. */
import type { Document } from '@/lib/model/document';
import { docLabel, money } from './describe';
import type { Finding } from './finding';

function describeValue(value: unknown): string {
  if (value && typeof value === 'object' && 'minor' in value && 'currency' in value) {
    const { minor, currency } = value as { minor: unknown; currency: unknown };
    if (typeof minor === 'number' && Number.isInteger(minor) && typeof currency === 'string') {
      return money(minor, currency);
    }
  }
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function conflicting(d: Document, keys: string[]): Finding {
  const kept = (field: string): string => {
    const v = (d as Record<string, unknown>)[field];
    return v === undefined ? 'nothing' : describeValue(v);
  };
  const fields = [...new Set(d.conflicts.map((c) => c.field))].sort();
  const parts = fields.map((f) => {
    const others = [...new Set(d.conflicts.filter((c) => c.field === f).map((c) => describeValue(c.value)))].sort();
    return `${f} ${kept(f)} (kept) vs ${others.join(', ')}`;
  });
  const poKey = d.kind === 'po' ? d.key : new Set(keys).size === 1 ? keys[0] : undefined;
  // poKey in the literal even when undefined: a property added afterwards makes a hidden class
  // that dies with the run, and with it the optimized code (shapes.ts).
  return {
    type: 'conflicting_values',
    severity: 'medium',
    poKey,
    docIds: [d.id],
    message: `${docLabel(d)} was seen with conflicting values: ${parts.join('; ')}`,
  };
}
