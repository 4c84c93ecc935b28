import { addMonthsToDate, isCalendarDate, STATS_TABLES, type StatsTable, type YearMonth, yearMonthOf } from '@capacity/contracts';

/** The column each statistics table is range-partitioned on. */
export const PARTITION_KEYS: Record<StatsTable, string> = {
  database_size_stats: 'collected_date',
  instance_size_stats: 'collected_date',
  database_size_aggregations: 'period_start',
  instance_size_aggregations: 'period_start',
  table_size_stats: 'collected_date',
};

export function isStatsTable(name: string): name is StatsTable {
  return (STATS_TABLES as readonly string[]).includes(name);
}

/** `database_size_stats` + `2026-12` → `database_size_stats_2026_12`. */
export function partitionName(table: StatsTable, month: YearMonth): string {
  return `${table}_${month.replace('-', '_')}`;
}

export function defaultPartitionName(table: StatsTable): string {
  return `${table}_default`;
}

/** Parses `<table>_YYYY_MM` back into its table and month; null for anything else. */
export function parsePartitionName(name: string): { table: StatsTable; month: YearMonth } | null {
  const match = /^(.+)_(\d{4})_(\d{2})$/.exec(name);
  if (!match || !isStatsTable(match[1])) return null;
  const month = Number(match[3]);
  if (month < 1 || month > 12) return null;
  return { table: match[1], month: `${match[2]}-${match[3]}` };
}

/**
 * `pg_get_expr(relpartbound)` of a range partition → its bounds as `YYYY-MM-DD`;
 * `{ isDefault: true }` for `DEFAULT`; null for anything else (MINVALUE/MAXVALUE, other strategies).
 */
export function parseRangeBound(expression: string): { isDefault: true } | { isDefault: false; from: string; to: string } | null {
  if (expression.trim() === 'DEFAULT') return { isDefault: true };
  const match = /^FOR VALUES FROM \('(\d{4}-\d{2}-\d{2})'\) TO \('(\d{4}-\d{2}-\d{2})'\)$/.exec(expression.trim());
  return match ? { isDefault: false, from: match[1], to: match[2] } : null;
}

/** The month when `[from, to)` is exactly one calendar month, else null. */
export function monthOfRange(from: string, to: string): YearMonth | null {
  if (!isCalendarDate(from) || !from.endsWith('-01')) return null;
  return addMonthsToDate(from, 1) === to ? yearMonthOf(from) : null;
}
