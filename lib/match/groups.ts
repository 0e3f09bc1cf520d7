import { ChainHeads, keyHash } from './keyhash';
import { keepShape } from './shapes';

/**
 * Documents grouped by PO key for one run: each key gets a small integer, and each group is a chain
 * of positions through typed arrays, appended in arrival order. A full run has a hundred thousand PO
 * groups; a `Map` of arrays would keep two hundred thousand small arrays alive for the whole run,
 * and the collector copies every one of them. Keys are found by their hash in a ChainHeads table,
 * which measured a third faster than a `Map` of strings at this size.
 */
export class PoKeyGroups {
  /** Room for this many keys in the per-key arrays below; doubled when full (growKeys). */
  private room = 1024;
  private byHash = new ChainHeads(this.room);
  /** Per key number: the next key with the same hash, or -1; and each key's hash. */
  private sameHash = new Int32Array(this.room).fill(-1);
  private readonly hashes: number[] = [];
  private readonly names: string[] = [];
  /** Per key: first and last entry of its POs, then of its referencing documents; -1 when none. */
  private heads = new Int32Array(this.room * 4).fill(-1);
  /** Per entry: the document's position in the run's input, and the next entry of its chain. */
  private items: Int32Array;
  private next: Int32Array;
  private entries = 0;

  constructor(expectedEntries: number) {
    this.items = new Int32Array(Math.max(16, expectedEntries));
    this.next = new Int32Array(this.items.length);
  }

  /** The key's number, assigned on first sight: the order keys were first seen in. */
  idOf(key: string): number {
    const hash = keyHash(key);
    let id = this.lookup(key, hash);
    if (id === -1) {
      id = this.names.length;
      if (id === this.room) this.growKeys();
      this.names.push(key);
      this.hashes.push(hash);
      this.byHash.link(this.sameHash, hash, id);
    }
    return id;
  }

  has(key: string): boolean {
    return this.lookup(key, keyHash(key)) !== -1;
  }

  find(key: string): number | undefined {
    const id = this.lookup(key, keyHash(key));
    return id === -1 ? undefined : id;
  }

  private lookup(key: string, hash: number): number {
    let id = this.byHash.first(hash);
    while (id !== -1 && this.names[id] !== key) id = this.sameHash[id]!;
    return id;
  }

  /** Twice the room for keys: a larger table with every key linked again, and longer group heads. */
  private growKeys(): void {
    this.room *= 2;
    this.byHash = new ChainHeads(this.room);
    this.sameHash = new Int32Array(this.room).fill(-1);
    for (let id = this.names.length - 1; id >= 0; id--) this.byHash.link(this.sameHash, this.hashes[id]!, id);
    this.heads = grown(this.heads, this.room * 4, -1);
  }

  keyOf(id: number): string {
    return this.names[id]!;
  }

  get size(): number {
    return this.names.length;
  }

  addPo(key: string, position: number): void {
    this.append(this.idOf(key) * 4, position);
  }

  addReference(key: string, position: number): void {
    this.append(this.idOf(key) * 4 + 2, position);
  }

  hasPos(id: number): boolean {
    return this.heads[id * 4]! !== -1;
  }

  /** The key's POs, in arrival order, taken from `docs` by position. */
  pos<T>(id: number, docs: readonly T[]): T[] {
    return this.collect(this.heads[id * 4]!, docs);
  }

  /** The documents referencing the key, in arrival order. */
  references<T>(id: number, docs: readonly T[]): T[] {
    return this.collect(this.heads[id * 4 + 2]!, docs);
  }

  private collect<T>(head: number, docs: readonly T[]): T[] {
    const out: T[] = [];
    for (let e = head; e !== -1; e = this.next[e]!) out.push(docs[this.items[e]!]!);
    return out;
  }

  private append(slot: number, position: number): void {
    if (this.entries === this.items.length) {
      this.items = grown(this.items, this.items.length * 2);
      this.next = grown(this.next, this.next.length * 2);
    }
    const e = this.entries++;
    this.items[e] = position;
    this.next[e] = -1;
    const tail = this.heads[slot + 1]!;
    if (tail === -1) this.heads[slot] = e;
    else this.next[tail] = e;
    this.heads[slot + 1] = e;
  }
}

/** A copy of `array` in a longer one, the new slots set to `fill`. */
function grown(array: Int32Array, size: number, fill = 0): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(array);
  if (fill !== 0) out.fill(fill, array.length);
  return out;
}

keepShape(new PoKeyGroups(1));
