export type SortDirection = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

/** Sorts a copy; null/undefined values go last whatever the direction. */
export function sortBy<T, K extends string>(rows: T[], sort: SortState<K>, value: (row: T, key: K) => string | number | null | undefined): T[] {
  const factor = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * factor;
    return String(x).localeCompare(String(y)) * factor;
  });
}

/** A second click on the column turns its direction; a new column starts in its own first direction. */
export function nextSort<K extends string>(current: SortState<K>, key: K, firstDirection: SortDirection): SortState<K> {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: firstDirection };
}
