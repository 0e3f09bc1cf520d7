import { ChainHeads, keyHash } from './keyhash';
import { keepShape } from './shapes';

/**
 * Documents grouped by PO key for one run: each key gets a small integer, and each group is a run of
 * positions in one typed array, in arrival order. A full run has a hundred thousand PO groups; a
 * `Map` of arrays would keep two hundred thousand small arrays alive for the whole run, and the
 * collector copies every one of them. Keys are found by their hash in a ChainHeads table, which
 * measured a third faster than a `Map` of strings at this size. Entries are recorded in arrival
 * order and laid out group by group (a counting sort) on the first read, so that reading a group
 * is a sequential read rather than a walk that misses the cache at every step.
 */
export class PoKeyGroups {
  /** Room for this many keys in the per-key arrays below; doubled when full (growKeys). */
  private room = 1024;
  private byHash = new ChainHeads(this.room);
  /** Per key number: the next key with the same hash, or -1; and each key's hash. */
  private sameHash = new Int32Array(this.room).fill(-1);
  private readonly hashes: number[] = [];
  private readonly names: string[] = [];
  /** Per entry, in arrival order: its list (key number × 2, + 1 for a referencing document) and position. */
  private entryList: Int32Array;
  private entryAt: Int32Array;
  private entries = 0;
  /** Once laid out: list `l` is `members[start[l]]` up to `members[start[l + 1]]`. */
  private start: Int32Array | undefined;
  private members: Int32Array | undefined;

  constructor(expectedEntries: number) {
    this.entryList = new Int32Array(Math.max(16, expectedEntries));
    this.entryAt = new Int32Array(this.entryList.length);
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
  }

  keyOf(id: number): string {
    return this.names[id]!;
  }

  get size(): number {
    return this.names.length;
  }

  addPo(key: string, position: number): void {
    this.append(this.idOf(key) * 2, position);
  }

  addReference(key: string, position: number): void {
    this.append(this.idOf(key) * 2 + 1, position);
  }

  hasPos(id: number): boolean {
    const start = this.laidOut();
    return start[id * 2 + 1]! > start[id * 2]!;
  }

  /** The key's POs, in arrival order, taken from `docs` by position. */
  pos<T>(id: number, docs: readonly T[]): T[] {
    return this.collect(id * 2, docs);
  }

  /** The documents referencing the key, in arrival order. */
  references<T>(id: number, docs: readonly T[]): T[] {
    return this.collect(id * 2 + 1, docs);
  }

  private collect<T>(list: number, docs: readonly T[]): T[] {
    const start = this.laidOut();
    const members = this.members!;
    const out: T[] = [];
    for (let i = start[list]!; i < start[list + 1]!; i++) out.push(docs[members[i]!]!);
    return out;
  }

  private append(list: number, position: number): void {
    if (this.start) throw new Error('PoKeyGroups: documents added after the groups were read');
    if (this.entries === this.entryList.length) {
      this.entryList = grown(this.entryList, this.entryList.length * 2);
      this.entryAt = grown(this.entryAt, this.entryAt.length * 2);
    }
    this.entryList[this.entries] = list;
    this.entryAt[this.entries] = position;
    this.entries++;
  }

  /** Lays the entries out list by list, keeping arrival order within each list, on the first read. */
  private laidOut(): Int32Array {
    if (this.start) return this.start;
    const lists = this.names.length * 2;
    const start = new Int32Array(lists + 1);
    for (let e = 0; e < this.entries; e++) start[this.entryList[e]! + 1]!++;
    for (let l = 0; l < lists; l++) start[l + 1]! += start[l]!;
    const fill = start.slice(0, lists);
    const members = new Int32Array(this.entries);
    for (let e = 0; e < this.entries; e++) members[fill[this.entryList[e]!]!++] = this.entryAt[e]!;
    this.members = members;
    this.start = start;
    return start;
  }
}

/** A copy of `array` in a longer one. */
function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(array);
  return out;
}

keepShape(new PoKeyGroups(1));
