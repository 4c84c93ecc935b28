// The capacity (limits and forecast) endpoints' choices (web-safe: the SPA builds its labels and selectors from them).

/** Where an effective limit comes from: set by an admin, reported by the engine, or none known. */
export const LIMIT_SOURCES = ['configured', 'engine'] as const;
export type LimitSource = (typeof LIMIT_SOURCES)[number];

/**
 * The state of a forecast to the limit:
 * - `ok`: growing, a limit is known and not reached: days to full and the date are given;
 * - `not_enough_history`: fewer than {@link FORECAST_MIN_DAILY_POINTS} daily points (never a forecast from fewer);
 * - `not_growing`: the fitted growth per day is zero or negative;
 * - `no_limit`: growing, but neither a configured nor an engine-reported limit is known;
 * - `full`: the latest size is at or above the limit.
 */
export const CAPACITY_STATUSES = ['ok', 'not_enough_history', 'not_growing', 'no_limit', 'full'] as const;
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number];

/** No forecast from fewer daily points than this. */
export const FORECAST_MIN_DAILY_POINTS = 14;
/** The default of FORECAST_POINTS: the fit uses the last this many daily points. */
export const FORECAST_DEFAULT_POINTS = 30;

/** GET /fleet/capacity orders by … (`-key` descending); nulls always last, ties by instance id then database name. */
export const CAPACITY_SORT_KEYS = ['days_to_full', 'used_percent', 'size', 'limit', 'growth_per_day', 'name'] as const;
export type CapacitySortKey = (typeof CAPACITY_SORT_KEYS)[number];
export type CapacitySort = CapacitySortKey | `-${CapacitySortKey}`;
export const CAPACITY_SORTS: readonly CapacitySort[] = CAPACITY_SORT_KEYS.flatMap((key) => [key, `-${key}` as const]);
export const DEFAULT_CAPACITY_SORT: CapacitySort = 'days_to_full';

export const CAPACITY_LEVELS = ['instance', 'database'] as const;
export type CapacityLevel = (typeof CAPACITY_LEVELS)[number];

/**
 * A configured limit is a whole number of bytes from 1 to 2^53 − 1 (8 PiB): it fits a PostgreSQL bigint and
 * survives JSON exactly (a larger JSON number is not exact in JavaScript).
 */
export const CAPACITY_LIMIT_MIN_BYTES = 1;
export const CAPACITY_LIMIT_MAX_BYTES = Number.MAX_SAFE_INTEGER;
