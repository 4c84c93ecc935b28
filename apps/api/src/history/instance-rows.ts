import type { InstanceAggregationItem, InstanceSizeStatPoint, PeriodType } from '@capacity/contracts';
import { bytesToMb } from '../common/units';
import { compareText, type AggregationRowBase } from './history-rows';

/**
 * instance_size_stats / instance_size_aggregations rows as the tables name their columns, from
 * PostgreSQL or the cold tier, and the one place that turns them into API responses.
 */
export interface InstanceStatRow {
  instance_id: number;
  /** null: a database's size was unknown that day. */
  total_size_bytes: number | null;
  data_size_bytes: number | null;
  log_size_bytes: number | null;
  database_count: number;
  collected_date: string;
  collected_at: string;
}

export interface InstanceAggregationRow extends AggregationRowBase {
  avg_total_size_bytes: number | null;
  max_total_size_bytes: number | null;
  min_total_size_bytes: number | null;
  avg_database_count: number | null;
  total_size_change_bytes: number | null;
  total_size_change_percent: number | null;
  database_count_change: number | null;
}

/** The columns toInstanceStatRow reads. */
export const INSTANCE_STAT_COLUMNS = ['instance_id', 'total_size_bytes', 'data_size_bytes', 'log_size_bytes', 'database_count', 'collected_date', 'collected_at'] as const;

const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const instant = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

export function toInstanceStatRow(raw: Record<string, unknown>): InstanceStatRow {
  return {
    instance_id: Number(raw.instance_id),
    total_size_bytes: numOrNull(raw.total_size_bytes),
    data_size_bytes: numOrNull(raw.data_size_bytes),
    log_size_bytes: numOrNull(raw.log_size_bytes),
    database_count: Number(raw.database_count),
    collected_date: day(raw.collected_date),
    collected_at: instant(raw.collected_at),
  };
}

export function toInstanceAggregationRow(raw: Record<string, unknown>): InstanceAggregationRow {
  return {
    instance_id: Number(raw.instance_id),
    period_type: raw.period_type as PeriodType,
    period_start: day(raw.period_start),
    period_end: day(raw.period_end),
    avg_total_size_bytes: numOrNull(raw.avg_total_size_bytes),
    max_total_size_bytes: numOrNull(raw.max_total_size_bytes),
    min_total_size_bytes: numOrNull(raw.min_total_size_bytes),
    avg_data_size_bytes: numOrNull(raw.avg_data_size_bytes),
    max_data_size_bytes: numOrNull(raw.max_data_size_bytes),
    min_data_size_bytes: numOrNull(raw.min_data_size_bytes),
    avg_log_size_bytes: numOrNull(raw.avg_log_size_bytes),
    max_log_size_bytes: numOrNull(raw.max_log_size_bytes),
    min_log_size_bytes: numOrNull(raw.min_log_size_bytes),
    avg_database_count: numOrNull(raw.avg_database_count),
    data_count: Number(raw.data_count),
    total_size_change_bytes: numOrNull(raw.total_size_change_bytes),
    total_size_change_percent: numOrNull(raw.total_size_change_percent),
    growth_rate: numOrNull(raw.growth_rate),
    database_count_change: numOrNull(raw.database_count_change),
    calculated_at: instant(raw.calculated_at),
  };
}

export function toInstanceSizePoint(row: InstanceStatRow): InstanceSizeStatPoint {
  return {
    collected_date: row.collected_date,
    collected_at: row.collected_at,
    total_size_bytes: row.total_size_bytes,
    total_size_mb: bytesToMb(row.total_size_bytes),
    data_size_bytes: row.data_size_bytes,
    data_size_mb: bytesToMb(row.data_size_bytes),
    log_size_bytes: row.log_size_bytes,
    log_size_mb: bytesToMb(row.log_size_bytes),
    database_count: row.database_count,
  };
}

export function toInstanceAggregationItem(row: InstanceAggregationRow): InstanceAggregationItem {
  return {
    period_type: row.period_type,
    period_start: row.period_start,
    period_end: row.period_end,
    statistics: {
      avg_total_size_mb: bytesToMb(row.avg_total_size_bytes),
      max_total_size_mb: bytesToMb(row.max_total_size_bytes),
      min_total_size_mb: bytesToMb(row.min_total_size_bytes),
      avg_data_size_mb: bytesToMb(row.avg_data_size_bytes),
      max_data_size_mb: bytesToMb(row.max_data_size_bytes),
      min_data_size_mb: bytesToMb(row.min_data_size_bytes),
      avg_log_size_mb: bytesToMb(row.avg_log_size_bytes),
      max_log_size_mb: bytesToMb(row.max_log_size_bytes),
      min_log_size_mb: bytesToMb(row.min_log_size_bytes),
      avg_database_count: row.avg_database_count,
      data_count: row.data_count,
      total_size_change_mb: bytesToMb(row.total_size_change_bytes),
      total_size_change_percent: row.total_size_change_percent,
      growth_rate: row.growth_rate,
      database_count_change: row.database_count_change,
    },
    calculated_at: row.calculated_at,
  };
}

export const instanceStatKey = (row: InstanceStatRow): string => `${row.instance_id}|${row.collected_date}`;
export const instanceAggregationKey = (row: InstanceAggregationRow): string => `${row.instance_id}|${row.period_type}|${row.period_start}`;

/** Readings oldest first (a chart's order). */
export const compareInstanceStatRows = (a: InstanceStatRow, b: InstanceStatRow): number => compareText(a.collected_date, b.collected_date);

/** Newest period first, then period type: the order of every aggregation list. */
export const compareInstanceAggregationRows = (a: InstanceAggregationRow, b: InstanceAggregationRow): number =>
  compareText(b.period_start, a.period_start) || compareText(a.period_type, b.period_type);
