import { periodLabel, type PeriodType, type TrendPeriod, type TrendsResponse } from '@capacity/contracts';
import { bytesToMb } from '../common/units';
import { compareText, type TrendRow } from './history-rows';

const round2 = (value: number): number => Math.round(value * 100) / 100;
const growth = (from: number, to: number): number | null => (from === 0 ? null : round2(((to - from) / from) * 100));

/**
 * Trends of one instance from its database aggregations of one period type: per period the sum of
 * the databases' averages and each database's average and in-period growth; the summary compares
 * the first and last periods.
 */
export function buildTrends(type: PeriodType, rows: TrendRow[]): TrendsResponse {
  const byPeriod = new Map<string, TrendRow[]>();
  for (const row of [...rows].sort((a, b) => compareText(a.period_start, b.period_start) || compareText(a.database_name, b.database_name))) {
    const list = byPeriod.get(row.period_start) ?? [];
    list.push(row);
    byPeriod.set(row.period_start, list);
  }
  const trends: TrendPeriod[] = [];
  const totals: number[] = [];
  for (const [start, list] of byPeriod) {
    const totalBytes = list.reduce((sum, row) => sum + row.avg_size_bytes, 0);
    totals.push(totalBytes);
    trends.push({
      period: periodLabel(type, start),
      period_start: start,
      period_end: list[0].period_end,
      total_size_mb: bytesToMb(totalBytes) as number,
      databases: list.map((row) => ({ database_name: row.database_name, avg_size_mb: bytesToMb(row.avg_size_bytes) as number, growth_rate: row.growth_rate })),
    });
  }

  const last = [...byPeriod.values()].at(-1) ?? [];
  const largest = last.reduce<TrendRow | null>((best, row) => (!best || row.avg_size_bytes > best.avg_size_bytes ? row : best), null);
  // Fastest growing: the largest growth of a database's average from its first period to its last.
  const firstLast = new Map<string, { first: number; last: number }>();
  for (const list of byPeriod.values()) {
    for (const row of list) {
      const entry = firstLast.get(row.database_name);
      if (entry) entry.last = row.avg_size_bytes;
      else firstLast.set(row.database_name, { first: row.avg_size_bytes, last: row.avg_size_bytes });
    }
  }
  let fastest: { name: string; rate: number } | null = null;
  for (const [name, { first, last: lastSize }] of [...firstLast].sort(([a], [b]) => compareText(a, b))) {
    const rate = growth(first, lastSize);
    if (rate !== null && rate > 0 && (!fastest || rate > fastest.rate)) fastest = { name, rate };
  }
  return {
    data: {
      trends,
      summary: {
        total_growth_rate: totals.length >= 2 ? growth(totals[0], totals[totals.length - 1]) : null,
        largest_database: largest?.database_name ?? null,
        fastest_growing: fastest?.name ?? null,
      },
    },
  };
}
