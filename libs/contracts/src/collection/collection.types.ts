/** SizeSource in one line, for the OpenAPI document. */
export const SIZE_SOURCE_DESCRIPTION =
  'files: the files on disk; statistics: MySQL/MariaDB information_schema estimates (no PROCESS privilege), which lag after bulk changes; null: no size';

/**
 * Where a database size comes from: `files` — the files on disk (PostgreSQL, SQL Server, Oracle; MySQL/MariaDB
 * with PROCESS); `statistics` — MySQL/MariaDB information_schema.TABLES estimates (no PROCESS), which lag behind
 * the files after bulk changes. null: no size (or a reading older than the column).
 */
export const SIZE_SOURCES = ['files', 'statistics'] as const;
export type SizeSource = (typeof SIZE_SOURCES)[number];
