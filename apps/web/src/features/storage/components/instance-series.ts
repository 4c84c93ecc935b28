import type { SeriesPoint, SizePoint } from '../../../components/charts/chart-data';
import type { InstanceSizeStatPoint } from '../../../lib/api-types';

/** The instance totals (databases + instance log) per date; days whose total is unknown are left out. */
export function instanceTotalSeries(readings: InstanceSizeStatPoint[]): SeriesPoint[] {
  return readings.flatMap((r) => (r.total_size_bytes === null ? [] : [{ date: r.collected_date, value: r.total_size_bytes }]));
}

/** The instance log as one more stacked series beside the databases, named `label`. */
export function instanceLogPoints(readings: InstanceSizeStatPoint[], instance: string, label: string): SizePoint[] {
  return readings.flatMap((r) => (r.log_size_bytes === null ? [] : [{ date: r.collected_date, instance, database: label, bytes: r.log_size_bytes }]));
}
