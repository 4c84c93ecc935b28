export const DB_TYPES = ['postgresql', 'mysql', 'sqlserver', 'oracle'] as const;
export type DbType = (typeof DB_TYPES)[number];

export const DEFAULT_PORTS: Record<DbType, number> = { postgresql: 5432, mysql: 3306, sqlserver: 1433, oracle: 1521 };

export const ROLES = ['admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERIOD_TYPES = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const SESSION_CATEGORIES = ['capacity', 'aggregation', 'partition', 'archive', 'alert'] as const;
export type SessionCategory = (typeof SESSION_CATEGORIES)[number];

export const SESSION_STATUSES = ['running', 'completed', 'partial', 'failed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const RECORD_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const SESSION_TYPES = ['scheduled', 'manual'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const STATS_TABLES = [
  'database_size_stats',
  'instance_size_stats',
  'database_size_aggregations',
  'instance_size_aggregations',
  'table_size_stats',
] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

/** Tables kept per database and day in table_size_stats (the largest by total size). */
export const TOP_TABLES_PER_DATABASE = 20;

export const MAX_PER_PAGE = 500;

/** Largest value of a PostgreSQL `integer` (int4) column: ids, owner_id, counts. */
export const INT4_MAX = 2_147_483_647;
/** The dates the API accepts (inclusive); outside them PostgreSQL or the period maths would fail later. */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2999-12-31';
export const MAX_PAGE = 1_000_000;
