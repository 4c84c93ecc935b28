import type { InstanceSizeStatPoint } from '../history/history.types';

/**
 * Where a database size comes from: `files` — the files on disk (PostgreSQL, SQL Server, Oracle; MySQL/MariaDB
 * with PROCESS); `statistics` — MySQL/MariaDB information_schema.TABLES estimates (no PROCESS), which lag behind
 * the files after bulk changes. null: no size (or a reading older than the column).
 */
export type SizeSource = 'files' | 'statistics';

/** One database of an instance as read by the latest collection (GET /instances/:id/database-sizes/latest). */
export interface LatestDatabaseSizeResponse {
  database_name: string;
  /** null: the user could not read it (the collection record's warnings name the missing privilege); never 0 for that. */
  size_bytes: number | null;
  size_mb: number | null;
  size_source: SizeSource | null;
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
  /** The instance reading of the same collection (total = databases + instance log); null before the first. */
  instance: InstanceSizeStatPoint | null;
}
