import type { SizeSource, TableGrowthItem, TableSizeItem } from '@capacity/contracts';
import { bytesToMb } from '../common/units';

/** One table_size_stats row as the service works with it, from the hot table or the cold tier. */
export interface TableReading {
  schema_name: string;
  table_name: string;
  total_bytes: number;
  data_bytes: number;
  index_bytes: number;
  toast_bytes: number | null;
  row_estimate: number | null;
  size_source: SizeSource;
  /** YYYY-MM-DD */
  collected_date: string;
  /** ISO-8601 */
  collected_at: string;
}

/** The columns a reading is made of (what the cold tier is asked for). */
export const TABLE_READING_COLUMNS = [
  'instance_id', 'database_name', 'schema_name', 'table_name', 'total_bytes', 'data_bytes', 'index_bytes', 'toast_bytes',
  'row_estimate', 'size_source', 'collected_date', 'collected_at',
] as const;

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** A raw row (pg: bigint as text, Date; cold tier: numbers, ISO text) → a reading. */
export function toTableReading(raw: Record<string, unknown>): TableReading {
  const at = raw.collected_at;
  return {
    schema_name: String(raw.schema_name),
    table_name: String(raw.table_name),
    total_bytes: Number(raw.total_bytes),
    data_bytes: Number(raw.data_bytes),
    index_bytes: Number(raw.index_bytes),
    toast_bytes: numberOrNull(raw.toast_bytes),
    row_estimate: numberOrNull(raw.row_estimate),
    size_source: raw.size_source as SizeSource,
    collected_date: String(raw.collected_date),
    collected_at: at instanceof Date ? at.toISOString() : new Date(String(at)).toISOString(),
  };
}

export const tableKey = (row: Pick<TableReading, 'schema_name' | 'table_name'>): string => `${row.schema_name}\u0000${row.table_name}`;

/** Largest first, then by schema and name: the order of a day's top list. */
export function compareBySize(a: TableReading, b: TableReading): number {
  return b.total_bytes - a.total_bytes || a.schema_name.localeCompare(b.schema_name) || a.table_name.localeCompare(b.table_name);
}

export function toTableSizeItem(row: TableReading): TableSizeItem {
  return {
    schema_name: row.schema_name,
    table_name: row.table_name,
    total_bytes: row.total_bytes,
    total_mb: bytesToMb(row.total_bytes) ?? 0,
    data_bytes: row.data_bytes,
    index_bytes: row.index_bytes,
    toast_bytes: row.toast_bytes,
    row_estimate: row.row_estimate,
    size_source: row.size_source,
    collected_at: row.collected_at,
  };
}

/**
 * Growth of the tables of `endDate` over the readings given (those of the window): each table against its first
 * reading in the window before `endDate`; a table with none (new among the largest) is left out. Fastest first (by
 * bytes), ties by name.
 */
export function tableGrowth(readings: readonly TableReading[], endDate: string): TableGrowthItem[] {
  const first = new Map<string, TableReading>();
  for (const row of readings) {
    if (row.collected_date >= endDate) continue;
    const known = first.get(tableKey(row));
    if (!known || row.collected_date < known.collected_date) first.set(tableKey(row), row);
  }
  const items: TableGrowthItem[] = [];
  for (const end of readings) {
    if (end.collected_date !== endDate) continue;
    const start = first.get(tableKey(end));
    if (!start) continue;
    const change = end.total_bytes - start.total_bytes;
    items.push({
      schema_name: end.schema_name,
      table_name: end.table_name,
      start_date: start.collected_date,
      start_total_bytes: start.total_bytes,
      end_total_bytes: end.total_bytes,
      change_bytes: change,
      // + 0 turns the -0 of a small shrink into 0.
      change_mb: (bytesToMb(change) ?? 0) + 0,
      change_percent: start.total_bytes === 0 ? null : Math.round((change / start.total_bytes) * 10_000) / 100,
    });
  }
  return items.sort((a, b) => b.change_bytes - a.change_bytes || a.schema_name.localeCompare(b.schema_name) || a.table_name.localeCompare(b.table_name));
}
