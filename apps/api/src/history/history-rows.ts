import type {
  AggregationInstanceRef,
  AggregationItem,
  DatabaseSizeSeries,
  DbType,
  PeriodType,
  SizeSource,
} from '@capacity/contracts';
import { bytesToMb } from '../common/units';

/**
 * Rows as the tables name their columns, whether they come from PostgreSQL or from the cold tier,
 * and the one place that turns them into API responses — so both paths answer identically.
 */
export interface StatRow {
  instance_id: number;
  database_name: string;
  /** null: the size could not be read that day (never 0 for that). */
  size_bytes: number | null;
  data_size_bytes: number | null;
  log_size_bytes: number | null;
  size_source: SizeSource | null;
  collected_date: string;
  collected_at: string;
}

/** The columns of every aggregation row, of a database or of an instance. */
export interface AggregationRowBase {
  instance_id: number;
  period_type: PeriodType;
  period_start: string;
  period_end: string;
  avg_data_size_bytes: number | null;
  max_data_size_bytes: number | null;
  min_data_size_bytes: number | null;
  avg_log_size_bytes: number | null;
  max_log_size_bytes: number | null;
  min_log_size_bytes: number | null;
  data_count: number;
  growth_rate: number | null;
  calculated_at: string;
}

export interface AggregationRow extends AggregationRowBase {
  database_name: string;
  avg_size_bytes: number;
  max_size_bytes: number;
  min_size_bytes: number;
  size_change_bytes: number | null;
  size_change_percent: number | null;
}

/** The columns the trends need of an aggregation row. */
export type TrendRow = Pick<AggregationRow, 'database_name' | 'period_start' | 'period_end' | 'avg_size_bytes' | 'growth_rate'>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
/** Canonical ISO-8601 UTC with milliseconds, as Date#toISOString writes it (the cold tier's text already is). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const instant = (value: unknown): string =>
  typeof value === 'string' && ISO_INSTANT.test(value) ? value : (value instanceof Date ? value : new Date(String(value))).toISOString();

export function toStatRow(raw: Record<string, unknown>): StatRow {
  return {
    instance_id: num(raw.instance_id),
    database_name: String(raw.database_name),
    size_bytes: numOrNull(raw.size_bytes),
    data_size_bytes: numOrNull(raw.data_size_bytes),
    log_size_bytes: numOrNull(raw.log_size_bytes),
    size_source: raw.size_source === 'files' || raw.size_source === 'statistics' ? raw.size_source : null,
    collected_date: day(raw.collected_date),
    collected_at: instant(raw.collected_at),
  };
}

export function toAggregationRow(raw: Record<string, unknown>): AggregationRow {
  return {
    instance_id: num(raw.instance_id),
    database_name: String(raw.database_name),
    period_type: raw.period_type as PeriodType,
    period_start: day(raw.period_start),
    period_end: day(raw.period_end),
    avg_size_bytes: num(raw.avg_size_bytes),
    max_size_bytes: num(raw.max_size_bytes),
    min_size_bytes: num(raw.min_size_bytes),
    avg_data_size_bytes: numOrNull(raw.avg_data_size_bytes),
    max_data_size_bytes: numOrNull(raw.max_data_size_bytes),
    min_data_size_bytes: numOrNull(raw.min_data_size_bytes),
    avg_log_size_bytes: numOrNull(raw.avg_log_size_bytes),
    max_log_size_bytes: numOrNull(raw.max_log_size_bytes),
    min_log_size_bytes: numOrNull(raw.min_log_size_bytes),
    data_count: num(raw.data_count),
    size_change_bytes: numOrNull(raw.size_change_bytes),
    size_change_percent: numOrNull(raw.size_change_percent),
    growth_rate: numOrNull(raw.growth_rate),
    calculated_at: instant(raw.calculated_at),
  };
}

export function toTrendRow(raw: Record<string, unknown>): TrendRow {
  return {
    database_name: String(raw.database_name),
    period_start: day(raw.period_start),
    period_end: day(raw.period_end),
    avg_size_bytes: num(raw.avg_size_bytes),
    growth_rate: numOrNull(raw.growth_rate),
  };
}

export const trendKey = (row: TrendRow): string => `${row.period_start}|${row.database_name}`;

/** Code-unit order, the same as PostgreSQL's COLLATE "C" used by the repository's ORDER BY. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order of every aggregation list: newest period first, then instance, database and period type. */
export function compareAggregationRows(a: AggregationRow, b: AggregationRow): number {
  return (
    compareText(b.period_start, a.period_start) ||
    a.instance_id - b.instance_id ||
    compareText(a.database_name, b.database_name) ||
    compareText(a.period_type, b.period_type)
  );
}

export function compareStatRows(a: StatRow, b: StatRow): number {
  return compareText(a.database_name, b.database_name) || compareText(a.collected_date, b.collected_date);
}

/** Rows of both tiers as one list: a key present in PostgreSQL wins over its archived copy. */
export function mergeByKey<T>(hot: T[], cold: T[], key: (row: T) => string): T[] {
  const seen = new Set(hot.map(key));
  return [...hot, ...cold.filter((row) => !seen.has(key(row)))];
}

export const aggregationKey = (row: AggregationRow): string => `${row.instance_id}|${row.period_type}|${row.period_start}|${row.database_name}`;
export const statKey = (row: StatRow): string => `${row.instance_id}|${row.collected_date}|${row.database_name}`;

export function toAggregationItem(row: AggregationRow, instance: AggregationInstanceRef): AggregationItem {
  return {
    instance: { id: instance.id, name: instance.name, db_type: instance.db_type },
    database_name: row.database_name,
    period_type: row.period_type,
    period_start: row.period_start,
    period_end: row.period_end,
    statistics: {
      avg_size_mb: bytesToMb(row.avg_size_bytes) as number,
      max_size_mb: bytesToMb(row.max_size_bytes) as number,
      min_size_mb: bytesToMb(row.min_size_bytes) as number,
      avg_data_size_mb: bytesToMb(row.avg_data_size_bytes),
      max_data_size_mb: bytesToMb(row.max_data_size_bytes),
      min_data_size_mb: bytesToMb(row.min_data_size_bytes),
      avg_log_size_mb: bytesToMb(row.avg_log_size_bytes),
      max_log_size_mb: bytesToMb(row.max_log_size_bytes),
      min_log_size_mb: bytesToMb(row.min_log_size_bytes),
      data_count: row.data_count,
      size_change_mb: bytesToMb(row.size_change_bytes),
      size_change_percent: row.size_change_percent,
      growth_rate: row.growth_rate,
    },
    calculated_at: row.calculated_at,
  };
}

/** Readings grouped per database (rows already in compareStatRows order). */
export function toDatabaseSeries(rows: StatRow[]): DatabaseSizeSeries[] {
  const series: DatabaseSizeSeries[] = [];
  for (const row of rows) {
    let current = series.at(-1);
    if (!current || current.database_name !== row.database_name) {
      current = { database_name: row.database_name, stats: [] };
      series.push(current);
    }
    current.stats.push({
      collected_date: row.collected_date,
      collected_at: row.collected_at,
      size_mb: bytesToMb(row.size_bytes),
      size_bytes: row.size_bytes,
      data_size_mb: bytesToMb(row.data_size_bytes),
      log_size_mb: bytesToMb(row.log_size_bytes),
      size_source: row.size_source,
    });
  }
  return series;
}

export interface InstanceRefRow {
  id: number;
  name: string;
  db_type: DbType;
}
