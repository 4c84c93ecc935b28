import type { DbType, PeriodType } from '../common/constants';
import type { Paginated } from '../common/responses';

/** The instance an aggregation item belongs to. */
export interface AggregationInstanceRef {
  id: number;
  name: string;
  db_type: DbType;
}

/** Figures of one period; `*_mb` = bytes / 1024 / 1024 rounded to 2 decimals. */
export interface AggregationStatistics {
  avg_size_mb: number;
  max_size_mb: number;
  min_size_mb: number;
  avg_data_size_mb: number | null;
  max_data_size_mb: number | null;
  min_data_size_mb: number | null;
  avg_log_size_mb: number | null;
  max_log_size_mb: number | null;
  min_log_size_mb: number | null;
  data_count: number;
  /** vs the previous period of the same type and key (avg vs avg); null when there is none. */
  size_change_mb: number | null;
  /** null when there is no previous period or its average is 0. */
  size_change_percent: number | null;
  /** Growth inside the period: (last reading − first reading) / first × 100; null when first is 0. */
  growth_rate: number | null;
}

/** An aggregation item, everywhere (DESIGN.md §8, seed 001 §6.2). */
export interface AggregationItem {
  instance: AggregationInstanceRef;
  database_name: string;
  period_type: PeriodType;
  /** YYYY-MM-DD */
  period_start: string;
  /** YYYY-MM-DD, inclusive */
  period_end: string;
  statistics: AggregationStatistics;
  /** ISO timestamp */
  calculated_at: string;
}

export type AggregationsResponse = Paginated<AggregationItem>;

/** GET /aggregations/summary */
export interface AggregationSummaryResponse {
  data: {
    total_instances: number;
    total_databases: number;
    /** Sum over instances of the latest instance reading (MB), of the instances whose total is known. */
    total_size_mb: number;
    /** Instances whose latest total is unknown (a database's size could not be read): not in total_size_mb. */
    unsized_instances: number;
    /** Date of the newest reading counted, YYYY-MM-DD; null when there is none. */
    latest_date: string | null;
    /** Total size now minus 30 days before (MB); null without a reading 30 days back. */
    growth_30d_mb: number | null;
    /** Percent growth over the last 30 days; null without a base or when it is 0. */
    growth_30d_percent: number | null;
  };
}

/** POST /aggregations/run → 202 */
export interface RunAggregationResponse {
  session_id: string;
  status: 'running';
}
