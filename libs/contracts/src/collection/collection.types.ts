/** One database of an instance as read by the latest collection (GET /instances/:id/database-sizes/latest). */
export interface LatestDatabaseSizeResponse {
  database_name: string;
  size_bytes: number;
  size_mb: number;
  data_size_bytes: number | null;
  data_size_mb: number | null;
  log_size_bytes: number | null;
  log_size_mb: number | null;
  /** YYYY-MM-DD in APP_TIMEZONE. */
  collected_date: string;
  /** ISO timestamp of the reading. */
  collected_at: string;
}

export interface LatestDatabaseSizesResponse {
  data: LatestDatabaseSizeResponse[];
}
