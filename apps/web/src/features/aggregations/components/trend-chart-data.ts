import { OTHER_KEY, toStackedSeries, toTotalSeries, type GroupMode, type SizePoint } from '../../../components/charts/chart-data';
import type { TopSeriesData } from '../../../components/charts/top-series-chart';

export const TREND_TOTAL_KEY = '\u0000total';

/**
 * Complete points (every row of the filter) as top series: one per database or instance, the smallest folded into
 * "others" past `maxKeys`, and the total of all points per date.
 */
export function pointsChartData(points: SizePoint[], mode: GroupMode, labels: { others: string; total: string }, maxKeys: number): TopSeriesData {
  const stacked = toStackedSeries(points, mode, maxKeys);
  const totals = new Map(toTotalSeries(points).map((point) => [point.date, point.value]));
  return {
    lines: stacked.keys.map((key) => ({ key, label: key === OTHER_KEY ? labels.others : key })),
    total: { key: TREND_TOTAL_KEY, label: labels.total },
    rows: stacked.rows.map((row) => ({ date: row.date, values: { ...row.values, [TREND_TOTAL_KEY]: totals.get(row.date) ?? 0 } })),
  };
}
