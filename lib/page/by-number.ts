/**
 * Values per number (kind and key) for the page overlay. A `${kind}|${key}` string per number was
 * the obvious map key, but a 10,000-row list holds 20,000 numbers in several such maps, each with
 * its own copy of that string: a map per kind, keyed by the key string the number already has,
 * keeps none.
 */
import type { DocKind } from '@/lib/model/document';

export class ByNumber<V> {
  private readonly kinds = new Map<DocKind, Map<string, V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(kind: DocKind, key: string): V | undefined {
    return this.kinds.get(kind)?.get(key);
  }

  has(kind: DocKind, key: string): boolean {
    return this.kinds.get(kind)?.has(key) ?? false;
  }

  set(kind: DocKind, key: string, value: V): void {
    let byKey = this.kinds.get(kind);
    if (!byKey) {
      byKey = new Map();
      this.kinds.set(kind, byKey);
    }
    const before = byKey.size;
    byKey.set(key, value);
    this.count += byKey.size - before;
  }

  /** Replaces the number's value with `change(value)`, or removes it when that gives undefined. */
  update(kind: DocKind, key: string, change: (value: V | undefined) => V | undefined): void {
    const next = change(this.get(kind, key));
    if (next === undefined) this.delete(kind, key);
    else this.set(kind, key, next);
  }

  delete(kind: DocKind, key: string): boolean {
    const byKey = this.kinds.get(kind);
    if (!byKey?.delete(key)) return false;
    this.count--;
    return true;
  }

  clear(): void {
    this.kinds.clear();
    this.count = 0;
  }

  forEach(visit: (value: V, kind: DocKind, key: string) => void): void {
    for (const [kind, byKey] of this.kinds) for (const [key, value] of byKey) visit(value, kind, key);
  }

  *values(): Generator<V> {
    for (const byKey of this.kinds.values()) yield* byKey.values();
  }
}
