import type { StatsTable } from '@capacity/contracts';
import { PARTITION_KEYS } from '../partition/partition-naming';

export type ColumnKind = 'bigint' | 'int' | 'text' | 'date' | 'timestamptz' | 'numeric';

export interface ArchiveColumn {
  name: string;
  kind: ColumnKind;
}

const c = (name: string, kind: ColumnKind): ArchiveColumn => ({ name, kind });
const triple = (prefix: string): ArchiveColumn[] => ['avg', 'max', 'min'].map((kind) => c(`${kind}_${prefix}size_bytes`, 'bigint'));
const AUDIT = [c('created_at', 'timestamptz'), c('updated_at', 'timestamptz')];

/** Every column of each statistics table, in table order (migrations 1764300000000, 1764900002000, 1764900003000): the Parquet schema. */
export const ARCHIVE_COLUMNS: Record<StatsTable, readonly ArchiveColumn[]> = {
  database_size_stats: [
    c('id', 'bigint'), c('instance_id', 'int'), c('database_name', 'text'),
    c('size_bytes', 'bigint'), c('data_size_bytes', 'bigint'), c('log_size_bytes', 'bigint'),
    c('collected_date', 'date'), c('collected_at', 'timestamptz'), ...AUDIT, c('size_source', 'text'),
  ],
  instance_size_stats: [
    c('id', 'bigint'), c('instance_id', 'int'),
    c('total_size_bytes', 'bigint'), c('data_size_bytes', 'bigint'), c('log_size_bytes', 'bigint'), c('database_count', 'int'),
    c('collected_date', 'date'), c('collected_at', 'timestamptz'), ...AUDIT,
  ],
  database_size_aggregations: [
    c('id', 'bigint'), c('instance_id', 'int'), c('database_name', 'text'), c('period_type', 'text'),
    c('period_start', 'date'), c('period_end', 'date'),
    ...triple(''), ...triple('data_'), ...triple('log_'),
    c('data_count', 'int'), c('size_change_bytes', 'bigint'), c('size_change_percent', 'numeric'), c('growth_rate', 'numeric'),
    c('calculated_at', 'timestamptz'),
  ],
  instance_size_aggregations: [
    c('id', 'bigint'), c('instance_id', 'int'), c('period_type', 'text'),
    c('period_start', 'date'), c('period_end', 'date'),
    ...triple('total_'), ...triple('data_'), ...triple('log_'),
    c('avg_database_count', 'numeric'), c('data_count', 'int'),
    c('total_size_change_bytes', 'bigint'), c('total_size_change_percent', 'numeric'), c('growth_rate', 'numeric'),
    c('database_count_change', 'int'), c('calculated_at', 'timestamptz'),
  ],
  table_size_stats: [
    c('id', 'bigint'), c('instance_id', 'int'), c('database_name', 'text'), c('schema_name', 'text'), c('table_name', 'text'),
    c('total_bytes', 'bigint'), c('data_bytes', 'bigint'), c('index_bytes', 'bigint'), c('toast_bytes', 'bigint'), c('row_estimate', 'bigint'),
    c('size_source', 'text'), c('collected_date', 'date'), c('collected_at', 'timestamptz'), ...AUDIT,
  ],
};

/** Columns summed by the verification: every bigint column (the id and all byte sizes). */
export function sumColumns(table: StatsTable): string[] {
  return ARCHIVE_COLUMNS[table].filter((column) => column.kind === 'bigint').map((column) => column.name);
}

export function hasColumn(table: StatsTable, name: string): boolean {
  return ARCHIVE_COLUMNS[table].some((column) => column.name === name);
}

/**
 * Row order inside a Parquet file: by instance first, so a one-instance query skips most row groups; then by day,
 * so the rows one collection wrote together (same collected_at / created_at / updated_at) sit side by side and
 * their timestamps delta-encode to almost nothing.
 */
export function sortColumns(table: StatsTable): string[] {
  return ['instance_id', PARTITION_KEYS[table], 'period_type', 'database_name', 'schema_name', 'table_name', 'id'].filter((name) => hasColumn(table, name));
}

/** DuckDB type a column is stored as in Parquet. */
export function duckType(kind: ColumnKind): string {
  switch (kind) {
    case 'bigint':
      return 'BIGINT';
    case 'int':
      return 'INTEGER';
    case 'text':
      return 'VARCHAR';
    case 'date':
      return 'DATE';
    case 'timestamptz':
      return 'TIMESTAMPTZ';
    case 'numeric':
      return 'DECIMAL(14,2)';
  }
}

/** PostgreSQL type of a column, for casting text back on restore. */
export function pgType(kind: ColumnKind): string {
  switch (kind) {
    case 'bigint':
      return 'bigint';
    case 'int':
      return 'integer';
    case 'text':
      return 'text';
    case 'date':
      return 'date';
    case 'timestamptz':
      return 'timestamptz';
    case 'numeric':
      return 'numeric';
  }
}

/**
 * DuckDB expression reading a column back in a cheap-to-convert form: sizes and counts as DOUBLE, dates as
 * `YYYY-MM-DD` text, timestamps as epoch milliseconds (turned into ISO strings by `coldConverter`).
 */
/** A column the files do not hold (added to the table after they were written): NULL, typed as coldSelectExpression. */
export function absentColumn(column: ArchiveColumn): string {
  const type = column.kind === 'bigint' || column.kind === 'numeric' || column.kind === 'timestamptz' ? 'DOUBLE' : column.kind === 'date' ? 'VARCHAR' : duckType(column.kind);
  return `CAST(NULL AS ${type}) AS "${column.name}"`;
}

export function coldSelectExpression(column: ArchiveColumn): string {
  const name = `"${column.name}"`;
  switch (column.kind) {
    case 'bigint':
    case 'numeric':
      return `CAST(${name} AS DOUBLE) AS ${name}`;
    case 'int':
    case 'text':
      return name;
    case 'date':
      return `CAST(${name} AS VARCHAR) AS ${name}`;
    case 'timestamptz':
      return `CAST(epoch_ms(${name}) AS DOUBLE) AS ${name}`;
  }
}

/**
 * Turns a column's values as read into the hot shape: timestamps (epoch ms) into ISO-8601 UTC with milliseconds,
 * what `Date#toISOString` gives. One converter per column of one read: the databases of one collection share their
 * timestamps and sit side by side, so the last value is remembered (a Date per value cost more than the Parquet read;
 * ISO text from DuckDB is dearer still, each string over 12 bytes crossing from native memory on its own).
 */
export function coldConverter(kind: ColumnKind): (value: unknown) => unknown {
  if (kind !== 'timestamptz') return (value) => value ?? null;
  let lastMs: unknown;
  let lastText: string | null = null;
  return (value) => {
    if (value === null || value === undefined) return null;
    if (value !== lastMs) {
      lastMs = value;
      lastText = new Date(value as number).toISOString();
    }
    return lastText;
  };
}

/** The value as the hot path shows it: timestamps ISO-8601 UTC with milliseconds (what `Date#toISOString` gives). */
export function coldValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return kind === 'timestamptz' ? new Date(value as number).toISOString() : value;
}
