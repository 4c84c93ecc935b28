import type { PeriodType } from '../common/constants';
import type { Paginated } from '../common/responses';
import type { SizeSource } from '../collection/collection.types';

/** One daily reading of a database (GET /instances/:id/database-sizes). */
export interface DatabaseSizeStatPoint {
  /** YYYY-MM-DD */
  collected_date: string;
  /** ISO timestamp */
  collected_at: string;
  /** null: the size could not be read that day (see the collection record's warnings). */
  size_mb: number | null;
  size_bytes: number | null;
  data_size_mb: number | null;
  log_size_mb: number | null;
  size_source: SizeSource | null;
}

export interface DatabaseSizeSeries {
  database_name: string;
  stats: DatabaseSizeStatPoint[];
}

export interface DatabaseSizesResponse {
  data: DatabaseSizeSeries[];
}

export interface TrendDatabase {
  database_name: string;
  avg_size_mb: number;
  growth_rate: number | null;
}

export interface TrendPeriod {
  /** Label of the period: daily 'YYYY-MM-DD', weekly 'YYYY-Www' (ISO), monthly 'YYYY-MM', quarterly 'YYYY-Qn'. */
  period: string;
  /** YYYY-MM-DD */
  period_start: string;
  /** YYYY-MM-DD, inclusive */
  period_end: string;
  /** Sum of the databases' average sizes in the period. */
  total_size_mb: number;
  databases: TrendDatabase[];
}

export interface TrendsSummary {
  /** First period's total vs the last one's, percent; null with fewer than 2 periods or a 0 base. */
  total_growth_rate: number | null;
  /** Largest database by average size in the last period. */
  largest_database: string | null;
  /** Database with the highest growth from its first to its last period. */
  fastest_growing: string | null;
}

export interface TrendsResponse {
  data: { trends: TrendPeriod[]; summary: TrendsSummary };
}

export interface ForecastProjection {
  /** Days after the last reading. */
  days: number;
  /** YYYY-MM-DD */
  date: string;
  size_mb: number;
}

export interface ForecastResponse {
  /** null: the instance total (its databases plus its instance-level log, as InstanceSizeStatPoint.total_size_bytes). */
  database_name: string | null;
  points_used: number;
  slope_mb_per_day: number | null;
  projections: ForecastProjection[];
  enough_history: boolean;
  message: string;
}

/**
 * One daily reading of an instance (GET /instances/:id/instance-sizes, and `instance` of …/database-sizes/latest).
 * total = data + log: the databases plus the instance-level log where the engine keeps one (PostgreSQL WAL,
 * MySQL/MariaDB binary logs, Oracle redo) and it was readable; SQL Server keeps a log per database: there,
 * data and log are the sums of the databases' parts.
 */
export interface InstanceSizeStatPoint {
  /** YYYY-MM-DD */
  collected_date: string;
  /** ISO timestamp */
  collected_at: string;
  /** null when a database's size was unknown that day: a total of the readable part would pass for the whole. */
  total_size_bytes: number | null;
  total_size_mb: number | null;
  /** The databases. */
  data_size_bytes: number | null;
  data_size_mb: number | null;
  /** The log; null when the user may not read it (the collection record says why). */
  log_size_bytes: number | null;
  log_size_mb: number | null;
  database_count: number;
}

export interface InstanceSizesResponse {
  data: InstanceSizeStatPoint[];
}

/** Figures of one period of an instance's readings; `*_mb` = bytes / 1024 / 1024 rounded to 2 decimals. */
export interface InstanceAggregationStatistics {
  /** null when no reading of the period has a known total. */
  avg_total_size_mb: number | null;
  max_total_size_mb: number | null;
  min_total_size_mb: number | null;
  avg_data_size_mb: number | null;
  max_data_size_mb: number | null;
  min_data_size_mb: number | null;
  avg_log_size_mb: number | null;
  max_log_size_mb: number | null;
  min_log_size_mb: number | null;
  avg_database_count: number | null;
  data_count: number;
  /** Average total vs the previous period's; null when there is none. */
  total_size_change_mb: number | null;
  total_size_change_percent: number | null;
  /** (last total − first total) / first × 100 inside the period; null when first is 0. */
  growth_rate: number | null;
  database_count_change: number | null;
}

/** GET /instances/:id/instance-sizes/aggregations, newest period first. */
export interface InstanceAggregationItem {
  period_type: PeriodType;
  /** YYYY-MM-DD */
  period_start: string;
  /** YYYY-MM-DD, inclusive */
  period_end: string;
  statistics: InstanceAggregationStatistics;
  /** ISO timestamp */
  calculated_at: string;
}

export type InstanceAggregationsResponse = Paginated<InstanceAggregationItem>;
