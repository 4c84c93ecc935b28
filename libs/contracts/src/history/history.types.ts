/** One daily reading of a database (GET /instances/:id/database-sizes). */
export interface DatabaseSizeStatPoint {
  /** YYYY-MM-DD */
  collected_date: string;
  /** ISO timestamp */
  collected_at: string;
  size_mb: number;
  size_bytes: number;
  data_size_mb: number | null;
  log_size_mb: number | null;
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
  /** null: the instance total (sum of its databases). */
  database_name: string | null;
  points_used: number;
  slope_mb_per_day: number | null;
  projections: ForecastProjection[];
  enough_history: boolean;
  message: string;
}
