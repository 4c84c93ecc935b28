import type { CapacityStatus, DbType, LimitSource } from '@capacity/contracts';

export type { CapacityStatus, LimitSource };

/**
 * The capacity of one instance (`databaseName` null: the instance total) or one database, as
 * `CapacityForecastService.forecastAll()` computes it for the whole fleet in one set-based pass.
 * Sizes in bytes; the growth is the least-squares slope over the last FORECAST_POINTS daily points.
 */
export interface CapacityFigure {
  instanceId: number;
  instanceName: string;
  dbType: DbType;
  /** null: the instance (sum of its databases and the instance log, as instance_size_stats). */
  databaseName: string | null;
  /** The latest daily size; null when never collected. */
  sizeBytes: number | null;
  /** The effective limit: the configured one if set, else the engine-reported one; null when none is known. */
  limitBytes: number | null;
  limitSource: LimitSource | null;
  /** sizeBytes / limitBytes × 100 (2 decimals); null without a limit or a size. */
  usedPercent: number | null;
  /** Fitted growth per day (bytes/day); null below 14 daily points. */
  growthBytesPerDay: number | null;
  /**
   * Days from the latest reading until the fitted line reaches the limit, (limit − fitted size) / growth per day
   * (1 decimal); 0 when 'full'; null for the other statuses.
   */
  daysToFull: number | null;
  /** The 95 % prediction band of daysToFull: when the upper bound of the fit's prediction interval reaches the limit. */
  daysToFullEarly: number | null;
  /** … and when its lower bound does; null when that never happens (the growth is not significantly positive). */
  daysToFullLate: number | null;
  /** The latest reading's date + ceil(daysToFull), YYYY-MM-DD; null unless status is 'ok' or 'full'. */
  fullDate: string | null;
  status: CapacityStatus;
}
