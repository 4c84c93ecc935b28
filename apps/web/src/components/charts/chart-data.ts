import type { AggregationItem, DatabaseSizeSeries, ForecastResponse, LatestDatabaseSizeResponse } from '../../lib/api-types';
import { addDays } from '../../lib/dates';
import { MIB } from '../format';

/** One size figure of one database on one date: what every chart is shaped from. */
export interface SizePoint {
  date: string;
  instance: string;
  database: string;
  bytes: number;
}

export interface SeriesPoint {
  date: string;
  value: number;
}

export interface StackedRow {
  date: string;
  values: Record<string, number>;
}

export interface StackedSeries {
  /** Series names, largest (at the latest date) first. */
  keys: string[];
  rows: StackedRow[];
}

export type GroupMode = 'database' | 'instance';

export const OTHER_KEY = '…';

/** A reading's bytes (as given, else from size_mb); null when its size could not be read. */
function statBytes(stat: DatabaseSizeSeries['stats'][number]): number | null {
  return stat.size_bytes ?? (stat.size_mb === null ? null : stat.size_mb * MIB);
}

/** GET /instances/:id/database-sizes → points; a reading of unknown size is no point (not a 0). */
export function historyToPoints(series: DatabaseSizeSeries[], instance: string): SizePoint[] {
  return series.flatMap((s) =>
    s.stats.flatMap((stat) => {
      const bytes = statBytes(stat);
      return bytes === null ? [] : [{ date: stat.collected_date, instance, database: s.database_name, bytes }];
    }),
  );
}

/** Aggregation items → points dated by period start, valued by the period's average size. */
export function aggregationsToPoints(items: AggregationItem[]): SizePoint[] {
  return items.map((item) => ({
    date: item.period_start,
    instance: item.instance.name,
    database: item.database_name,
    bytes: item.statistics.avg_size_mb * MIB,
  }));
}

/** The sum of all points per date, in date order. */
export function toTotalSeries(points: SizePoint[]): SeriesPoint[] {
  const byDate = new Map<string, number>();
  for (const point of points) byDate.set(point.date, (byDate.get(point.date) ?? 0) + point.bytes);
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, value]) => ({ date, value }));
}

/**
 * Groups by date and by series: one series per database (named `instance / database` when the points
 * span several instances, so equal database names stay apart) or one per instance (its databases summed).
 * Past `maxKeys` series, the smallest are summed into one `…` series. A series without a figure on a
 * date counts 0 there, so stacks stay whole.
 */
export function toStackedSeries(points: SizePoint[], mode: GroupMode, maxKeys = Number.POSITIVE_INFINITY): StackedSeries {
  const manyInstances = new Set(points.map((p) => p.instance)).size > 1;
  const keyOf = (p: SizePoint) => (mode === 'instance' ? p.instance : manyInstances ? `${p.instance} / ${p.database}` : p.database);

  const byDate = new Map<string, Record<string, number>>();
  for (const point of points) {
    const values = byDate.get(point.date) ?? {};
    const key = keyOf(point);
    values[key] = (values[key] ?? 0) + point.bytes;
    byDate.set(point.date, values);
  }
  // Dates are unique keys: no two compare equal.
  const days = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const allKeys = [...new Set(points.map(keyOf))];
  // Rank by the figure at each series' latest date, then by name for a stable order.
  const latest = new Map<string, number>();
  for (const [, values] of days) for (const [key, value] of Object.entries(values)) latest.set(key, value);
  allKeys.sort((a, b) => (latest.get(b) ?? 0) - (latest.get(a) ?? 0) || a.localeCompare(b));

  const kept = allKeys.length > maxKeys ? allKeys.slice(0, Math.max(0, maxKeys - 1)) : allKeys;
  const folded = allKeys.length > kept.length;
  const keys = folded ? [...kept, OTHER_KEY] : kept;

  const rows = days.map(([date, source]) => {
    const values: Record<string, number> = {};
    for (const key of kept) values[key] = source[key] ?? 0;
    if (folded) values[OTHER_KEY] = allKeys.slice(kept.length).reduce((sum, key) => sum + (source[key] ?? 0), 0);
    return { date, values };
  });
  return { keys, rows };
}

export interface ForecastRow {
  date: string;
  actual?: number;
  forecast?: number;
}

/**
 * The total series with the forecast appended: the dashed line starts at the last reading and runs
 * through the projections (bytes). Without enough history only the readings are returned.
 */
export function withForecast(total: SeriesPoint[], forecast: ForecastResponse | undefined): ForecastRow[] {
  const rows: ForecastRow[] = total.map((p) => ({ date: p.date, actual: p.value }));
  if (!forecast?.enough_history || forecast.projections.length === 0 || rows.length === 0) return rows;
  const last = rows[rows.length - 1];
  last.forecast = last.actual;
  const projections = [...forecast.projections].sort((a, b) => a.date.localeCompare(b.date));
  for (const projection of projections) {
    if (projection.date <= last.date) continue;
    rows.push({ date: projection.date, forecast: Math.max(0, projection.size_mb * MIB) });
  }
  return rows;
}

/**
 * Change of each database against its reading 7 days (or `days`) before its latest one: the newest reading of
 * known size on or before that day. null when the history does not reach back that far or a size is unknown.
 */
export function changeSince(latest: LatestDatabaseSizeResponse[], history: DatabaseSizeSeries[], days = 7): Map<string, number | null> {
  const byName = new Map(history.map((s) => [s.database_name, s.stats]));
  const result = new Map<string, number | null>();
  for (const db of latest) {
    const cutoff = addDays(db.collected_date, -days);
    let base: number | null = null;
    let baseDate = '';
    for (const stat of byName.get(db.database_name) ?? []) {
      const bytes = statBytes(stat);
      if (bytes !== null && stat.collected_date <= cutoff && stat.collected_date > baseDate) {
        baseDate = stat.collected_date;
        base = bytes;
      }
    }
    result.set(db.database_name, base === null || db.size_bytes === null ? null : db.size_bytes - base);
  }
  return result;
}

/** The newest period of each database (a per-database summary of aggregation items). */
export function latestPerDatabase(items: AggregationItem[]): AggregationItem[] {
  const newest = new Map<string, AggregationItem>();
  for (const item of items) {
    const key = `${item.instance.id}\u0000${item.database_name}`;
    const current = newest.get(key);
    if (!current || item.period_start > current.period_start) newest.set(key, item);
  }
  return [...newest.values()].sort((a, b) => b.statistics.avg_size_mb - a.statistics.avg_size_mb);
}
