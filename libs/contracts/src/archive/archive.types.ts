import type { StatsTable } from '../common/constants';

export const ARCHIVE_STATES = ['exporting', 'exported', 'verified', 'dropped', 'restored', 'failed'] as const;
export type ArchiveState = (typeof ARCHIVE_STATES)[number];

/** A month as `YYYY-MM` in archive requests. */
export const ARCHIVE_MONTH = /^(19\d{2}|2\d{3})-(0[1-9]|1[0-2])$/;

/** One table-month of the cold tier (a row of `archive_manifest`). */
export interface ArchiveEntry {
  table: StatsTable;
  /** `YYYY-MM` */
  month: string;
  state: ArchiveState;
  /** Rows written to (and verified in) the Parquet files. */
  rows: number | null;
  /** Parquet files, relative to ARCHIVE_DIR. */
  files: string[];
  parquet_bytes: number | null;
  /** `pg_total_relation_size` of the partition when it was exported. */
  pg_bytes_before: number | null;
  /** pg_bytes_before / parquet_bytes, 2 decimals; null until both are known. */
  compression_ratio: number | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  exported_at: string | null;
  verified_at: string | null;
  dropped_at: string | null;
  restored_at: string | null;
}

export interface ArchiveTableStatus {
  table: StatsTable;
  /** Months now served from the cold tier (state `dropped`). */
  cold_months: number;
  cold_rows: number;
  parquet_bytes: number;
  pg_bytes_before: number;
  entries: ArchiveEntry[];
}

/** GET /archive/status */
export interface ArchiveStatusResponse {
  archive_enabled: boolean;
  retention_months: number;
  tables: ArchiveTableStatus[];
}

/** POST /archive/restore */
export interface ArchiveRestoreResponse {
  table: StatsTable;
  month: string;
  state: 'restored';
  rows: number;
  restored_at: string;
}
