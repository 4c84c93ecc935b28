import type { StatsTable } from '../common/constants';

/** Most future months one create call (or PARTITION_PREMAKE_MONTHS) may ask for. */
export const MAX_FUTURE_MONTHS = 120;
/** Most months a cleanup request may keep (same bound as RETENTION_MONTHS). */
export const MAX_RETENTION_MONTHS = 1200;
/** A partition whose planner estimate exceeds this is not counted exactly: its row count is the estimate. */
export const EXACT_COUNT_ROW_LIMIT = 5_000_000;

export const PARTITION_HEALTH_KINDS = ['missing_current', 'missing_future', 'rows_in_default', 'gap'] as const;
export type PartitionHealthKind = (typeof PARTITION_HEALTH_KINDS)[number];

/** One partition (a month, or the table's default partition). */
export interface PartitionInfo {
  table: StatsTable;
  /** `<table>_YYYY_MM` or `<table>_default`. */
  name: string;
  /** Inclusive lower bound `YYYY-MM-DD`; null for the default partition. */
  range_from: string | null;
  /** Exclusive upper bound `YYYY-MM-DD`; null for the default partition. */
  range_to: string | null;
  /** Exact count, or the planner estimate when `row_count_estimated` is true (very large partitions). */
  row_count: number;
  row_count_estimated: boolean;
  /** `pg_total_relation_size` (table + indexes + TOAST). */
  total_bytes: number;
  is_default: boolean;
}

/** GET /partitions?table */
export interface PartitionListResponse {
  data: PartitionInfo[];
}

export interface PartitionHealthFinding {
  kind: PartitionHealthKind;
  message: string;
  /** The month concerned, `YYYY-MM`, when the finding is about one month. */
  month?: string;
}

export interface TablePartitionStatus {
  table: StatsTable;
  /** Month partitions in range order, then the default partition. */
  partitions: PartitionInfo[];
  /** Number of month partitions (the default partition not counted). */
  partition_count: number;
  total_bytes: number;
  /** Rows sitting in `<table>_default`. */
  default_rows: number;
  healthy: boolean;
  findings: PartitionHealthFinding[];
}

/** GET /partitions/status */
export interface PartitionStatusResponse {
  tables: TablePartitionStatus[];
  healthy: boolean;
  /** The current month `YYYY-MM` the findings were judged against. */
  current_month: string;
  premake_months: number;
  retention_months: number;
  checked_at: string;
}

/** A month partition of a table. */
export interface PartitionRef {
  table: StatsTable;
  name: string;
  /** `YYYY-MM` */
  month: string;
}

export interface PartitionMovedRows extends PartitionRef {
  /** Rows moved from `<table>_default` into this partition. */
  rows: number;
}

/** POST /partitions/create (also the result of a maintenance run). */
export interface PartitionCreateResult {
  session_id: string;
  /** Partitions that did not exist and were created. */
  created: PartitionRef[];
  /** Partitions asked for that already existed (nothing done). */
  existing: PartitionRef[];
  /** Rows rescued from a default partition into their month. */
  moved: PartitionMovedRows[];
  /** Partitions that could not be created, with the reason. */
  failed: (PartitionRef & { reason: string })[];
}

export interface PartitionArchived extends PartitionRef {
  files: string[];
  rows: number;
  detail: string;
}

export interface PartitionSkipped extends PartitionRef {
  reason: string;
}

/** POST /partitions/cleanup */
export interface PartitionCleanupResult {
  session_id: string;
  dry_run: boolean;
  retention_months: number;
  /** First month kept, `YYYY-MM`: every month partition before it is past retention. */
  keep_from: string;
  archive_enabled: boolean;
  /** Partitions past retention (what a real run would archive and drop). */
  would_drop: PartitionRef[];
  /** Partitions detached and dropped by this run. */
  dropped: PartitionRef[];
  /** Partitions written to the cold tier before their drop. */
  archived: PartitionArchived[];
  /** Partitions past retention left in place, and why. */
  skipped: PartitionSkipped[];
  /** Why nothing was dropped, when a run refused to drop (e.g. archive disabled without drop_without_archive). */
  message: string | null;
}
