import type { FleetChangeItem, FleetGroupSeries, FleetRankingItem, FleetSeries, FleetSeriesPoint } from '../lib/api-types';

const MIB = 1024 * 1024;

export const fleetPoint = (period_start: string, size_bytes: number): FleetSeriesPoint => ({
  period_start,
  size_bytes,
  size_mb: Math.round((size_bytes / MIB) * 100) / 100,
});

/** An instance group with a point per given day. */
export function instanceGroup(rank: number, id: number, name: string, sizes: Record<string, number>): FleetGroupSeries {
  return {
    rank,
    key: `instance:${id}`,
    label: name,
    instance: { id, name, db_type: 'postgresql' },
    database_name: null,
    db_type: null,
    tag: null,
    score_bytes: Object.values(sizes).at(-1) ?? 0,
    points: Object.entries(sizes).map(([day, bytes]) => fleetPoint(day, bytes)),
  };
}

/** A daily fleet series over the days of `total` (day → bytes); `others` defaults to total − groups. */
export function fleetSeriesFixture(
  groups: FleetGroupSeries[],
  total: Record<string, number>,
  overrides: Partial<FleetSeries> = {},
): FleetSeries {
  const days = Object.keys(total);
  const groupSum = (day: string) => groups.reduce((sum, g) => sum + (g.points.find((p) => p.period_start === day)?.size_bytes ?? 0), 0);
  return {
    period_type: 'daily',
    start_date: days[0] ?? '2026-11-01',
    end_date: days.at(-1) ?? '2026-11-30',
    group_by: 'instance',
    rank_by: 'size',
    top: 10,
    measure: 'instance_total',
    periods: days.map((day) => ({ period_start: day, period_end: day })),
    series: groups,
    others: days.map((day) => fleetPoint(day, total[day] - groupSum(day))),
    total: days.map((day) => fleetPoint(day, total[day])),
    ...overrides,
  };
}

export function rankingFixture(rank: number, overrides: Partial<FleetRankingItem> = {}): FleetRankingItem {
  return {
    rank,
    instance: { id: rank, name: `pg-${rank}`, db_type: 'postgresql' },
    database_name: `db_${rank}`,
    date_then: '2026-10-31',
    date_now: '2026-11-30',
    size_then_bytes: 1024 * MIB,
    size_then_mb: 1024,
    size_now_bytes: 1536 * MIB,
    size_now_mb: 1536,
    change_bytes: 512 * MIB,
    change_mb: 512,
    change_percent: 50,
    ...overrides,
  };
}

export function changeFixture(change: FleetChangeItem['change'], overrides: Partial<FleetChangeItem> = {}): FleetChangeItem {
  const before = change === 'appeared' ? null : 100 * MIB;
  const after = change === 'disappeared' ? null : 300 * MIB;
  return {
    change,
    instance: { id: 3, name: 'my-3', db_type: 'mysql' },
    database_name: `db_${change}`,
    date: '2026-11-30',
    previous_date: '2026-11-29',
    size_before_bytes: before,
    size_before_mb: before === null ? null : before / MIB,
    size_after_bytes: after,
    size_after_mb: after === null ? null : after / MIB,
    change_bytes: before === null || after === null ? null : after - before,
    change_mb: before === null || after === null ? null : (after - before) / MIB,
    change_percent: before === null || after === null ? null : 200,
    ...overrides,
  };
}
