import type { IndexableType, Table } from 'dexie';

/**
 * Rows whose index matches any of `keys`. Dexie's `anyOf` walks one cursor with a round trip per
 * row; one `getAll` per key, all queued at once, reads the same rows in a single round.
 */
export async function whereAnyOf<T extends { id: string }, TInsert>(
  table: Table<T, string, TInsert>,
  index: string,
  keys: IndexableType[],
): Promise<T[]> {
  if (keys.length === 0) return [];
  if (keys.length === 1)
    return table
      .where(index)
      .equals(keys[0] as IndexableType)
      .toArray();
  const lists = await Promise.all(keys.map((k) => table.where(index).equals(k).toArray()));
  const byId = new Map<string, T>();
  for (const list of lists) for (const row of list) byId.set(row.id, row);
  return [...byId.values()];
}
