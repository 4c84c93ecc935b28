import { STATS_TABLES, type StatsTable } from '@capacity/contracts';

/** The column each statistics table is range-partitioned on. */
export const PARTITION_KEYS: Record<StatsTable, string> = {
  database_size_stats: 'collected_date',
  instance_size_stats: 'collected_date',
  database_size_aggregations: 'period_start',
  instance_size_aggregations: 'period_start',
};

export function isStatsTable(name: string): name is StatsTable {
  return (STATS_TABLES as readonly string[]).includes(name);
}

/** First day of the month of `date` (UTC calendar), as a Date at 00:00Z. */
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function addMonths(month: Date, count: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + count, 1));
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `database_size_stats` + 2026-12 → `database_size_stats_2026_12`. */
export function partitionName(table: StatsTable, month: Date): string {
  const year = month.getUTCFullYear();
  const mm = String(month.getUTCMonth() + 1).padStart(2, '0');
  return `${table}_${year}_${mm}`;
}

export function defaultPartitionName(table: StatsTable): string {
  return `${table}_default`;
}

/** Parses `<table>_YYYY_MM` back into its table and month; null for anything else. */
export function parsePartitionName(name: string): { table: StatsTable; month: Date } | null {
  const match = /^(.+)_(\d{4})_(\d{2})$/.exec(name);
  if (!match || !isStatsTable(match[1])) return null;
  const monthIndex = Number(match[3]) - 1;
  if (monthIndex < 0 || monthIndex > 11) return null;
  return { table: match[1], month: new Date(Date.UTC(Number(match[2]), monthIndex, 1)) };
}

/** DDL for one monthly partition; names come only from the whitelist above. */
export function createPartitionSql(table: StatsTable, month: Date): string {
  const from = formatDate(month);
  const to = formatDate(addMonths(month, 1));
  return `CREATE TABLE IF NOT EXISTS "${partitionName(table, month)}" PARTITION OF "${table}" FOR VALUES FROM ('${from}') TO ('${to}')`;
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

/** The month start when `[from, to)` is exactly one calendar month, else null. */
export function monthOfRange(from: string, to: string): Date | null {
  const start = new Date(`${from}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || start.getUTCDate() !== 1) return null;
  return formatDate(addMonths(start, 1)) === to ? start : null;
}
