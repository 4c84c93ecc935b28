import { periodEnd, type FleetGroupBy, type FleetGroupSeries, type FleetSeriesPoint, type PeriodType } from '@capacity/contracts';
import { required } from '../common/required';
import { bytesToMb } from '../common/units';
import type { SeriesRow } from './fleet.repository';

export interface SeriesParts {
  periods: { period_start: string; period_end: string }[];
  series: FleetGroupSeries[];
  others: FleetSeriesPoint[];
  total: FleetSeriesPoint[];
}

const point = (periodStart: string, bytes: number): FleetSeriesPoint => ({ period_start: periodStart, size_bytes: bytes, size_mb: bytesToMb(bytes) as number });

/** The group of a `group` row: its key, label and the field that names it. */
function describeGroup(groupBy: FleetGroupBy, row: SeriesRow): Pick<FleetGroupSeries, 'key' | 'label' | 'instance' | 'database_name' | 'db_type' | 'tag'> {
  const none = { instance: null, database_name: null, db_type: null, tag: null };
  // The statement reads a top group's instance in the same snapshot as its readings, so it is there.
  const instance =
    row.instance_id === null
      ? null
      : { id: row.instance_id, name: required(row.instance_name, 'instance of a top group'), db_type: required(row.instance_db_type, 'engine of a top group') };
  switch (groupBy) {
    case 'instance':
      return { ...none, key: `instance:${row.instance_id}`, label: String(row.instance_name), instance };
    case 'database':
      return { ...none, key: `database:${row.instance_id}/${row.database_name}`, label: `${row.instance_name} / ${row.database_name}`, instance, database_name: row.database_name };
    case 'db_type':
      return { ...none, key: `db_type:${row.key_text}`, label: String(row.key_text), db_type: row.key_text as FleetGroupSeries['db_type'] };
    case 'tag':
      return row.key_text === null ? { ...none, key: 'untagged', label: '(untagged)' } : { ...none, key: `tag:${row.key_text}`, label: row.key_text, tag: row.key_text };
  }
}

/**
 * The answer's series from the rows of the series statement: one point per period with readings for every top group
 * (0 where it has none) and for the others; the others are total − top groups, except for tags (overlapping groups),
 * where the statement reads them.
 */
export function buildSeries(periodType: PeriodType, groupBy: FleetGroupBy, rows: SeriesRow[]): SeriesParts {
  const totals = new Map<string, number>();
  const groups: SeriesRow[] = [];
  const points = new Map<number, Map<string, number>>();
  const others = new Map<string, number>();
  for (const row of rows) {
    const bytes = Number(row.size_bytes);
    if (row.part === 'total') totals.set(row.period_start as string, bytes);
    else if (row.part === 'group') groups.push(row);
    else if (row.part === 'others') others.set(row.period_start as string, bytes);
    else {
      const byPeriod = points.get(row.rank as number) ?? new Map<string, number>();
      byPeriod.set(row.period_start as string, bytes);
      points.set(row.rank as number, byPeriod);
    }
  }
  const starts = [...totals.keys()].sort();
  const series = groups
    .sort((a, b) => (a.rank as number) - (b.rank as number))
    .map((row) => {
      const byPeriod = points.get(row.rank as number);
      return {
        rank: row.rank as number,
        ...describeGroup(groupBy, row),
        score_bytes: Number(row.size_bytes),
        points: starts.map((start) => point(start, byPeriod?.get(start) ?? 0)),
      };
    });
  const rest = (start: string): number =>
    groupBy === 'tag' ? (others.get(start) ?? 0) : (totals.get(start) as number) - series.reduce((sum, group) => sum + (points.get(group.rank)?.get(start) ?? 0), 0);
  return {
    periods: starts.map((start) => ({ period_start: start, period_end: periodEnd(periodType, start) })),
    series,
    others: starts.map((start) => point(start, rest(start))),
    total: starts.map((start) => point(start, totals.get(start) as number)),
  };
}
