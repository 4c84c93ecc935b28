import type { TopSeriesData } from '../../../components/charts/top-series-chart';
import type { FleetGroupSeries, FleetSeries, FleetSeriesPoint } from '../../../lib/api-types';

export const OTHERS_KEY = 'others';
export const TOTAL_KEY = 'total';

/** size: each period's size; growth: its change since the first period of the answer. */
export type FleetChartMeasure = 'size' | 'growth';

function byPeriod(points: FleetSeriesPoint[]): Map<string, number> {
  return new Map(points.map((point) => [point.period_start, point.size_bytes]));
}

/**
 * A fleet series as chart rows: one row per period, a figure for each top group (by its key), for the others (left
 * out when they are 0 throughout) and the total — the API's `total`, never a sum of what is drawn.
 */
export function fleetChartData(
  series: FleetSeries,
  labels: { others: string; total: string; group?: (group: FleetGroupSeries) => string },
  measure: FleetChartMeasure = 'size',
): TopSeriesData {
  const starts = series.periods.map((period) => period.period_start);
  const labelOf = labels.group ?? ((group: FleetGroupSeries) => group.label);
  const columns = [
    ...series.series.map((group) => ({ key: group.key, label: labelOf(group), figures: byPeriod(group.points) })),
    { key: OTHERS_KEY, label: labels.others, figures: byPeriod(series.others) },
    { key: TOTAL_KEY, label: labels.total, figures: byPeriod(series.total) },
  ];
  const first = starts[0];
  const valueOf = (figures: Map<string, number>, start: string) => {
    const value = figures.get(start) ?? 0;
    return measure === 'growth' ? value - (figures.get(first) ?? 0) : value;
  };
  const rows = starts.map((start) => ({ date: start, values: Object.fromEntries(columns.map((column) => [column.key, valueOf(column.figures, start)])) }));
  const hasOthers = series.others.some((point) => point.size_bytes !== 0);
  const lines = columns.filter((column) => column.key !== TOTAL_KEY && (column.key !== OTHERS_KEY || hasOthers)).map(({ key, label }) => ({ key, label }));
  return { lines, total: { key: TOTAL_KEY, label: labels.total }, rows };
}
