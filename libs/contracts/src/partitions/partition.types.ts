/** Most future months one create call (or PARTITION_PREMAKE_MONTHS) may ask for. */
export const MAX_FUTURE_MONTHS = 120;
/** Most months a cleanup request may keep (same bound as RETENTION_MONTHS). */
export const MAX_RETENTION_MONTHS = 1200;
/** A partition whose planner estimate exceeds this is not counted exactly: its row count is the estimate. */
export const EXACT_COUNT_ROW_LIMIT = 5_000_000;

export const PARTITION_HEALTH_KINDS = ['missing_current', 'missing_future', 'rows_in_default', 'gap'] as const;
export type PartitionHealthKind = (typeof PARTITION_HEALTH_KINDS)[number];
