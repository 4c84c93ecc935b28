import type { AggregationRow } from './history-rows';
import { buildTrends } from './trends';

const MiB = 1024 * 1024;
function row(database_name: string, period_start: string, period_end: string, avgMb: number, growth_rate: number | null): AggregationRow {
  const bytes = avgMb * MiB;
  return {
    instance_id: 1, database_name, period_type: 'monthly', period_start, period_end,
    avg_size_bytes: bytes, max_size_bytes: bytes, min_size_bytes: bytes,
    avg_data_size_bytes: null, max_data_size_bytes: null, min_data_size_bytes: null,
    avg_log_size_bytes: null, max_log_size_bytes: null, min_log_size_bytes: null,
    data_count: 1, size_change_bytes: null, size_change_percent: null, growth_rate, calculated_at: '2026-01-01T00:00:00.000Z',
  };
}

describe('buildTrends', () => {
  it('sums the databases per period and summarises first vs last', () => {
    const answer = buildTrends('monthly', [
      row('b', '2026-02-01', '2026-02-28', 300, 1),
      row('a', '2026-01-01', '2026-01-31', 100, 5),
      row('b', '2026-01-01', '2026-01-31', 200, 2),
      row('a', '2026-02-01', '2026-02-28', 150, 3),
    ]);
    expect(answer.data.trends).toEqual([
      { period: '2026-01', period_start: '2026-01-01', period_end: '2026-01-31', total_size_mb: 300, databases: [
        { database_name: 'a', avg_size_mb: 100, growth_rate: 5 }, { database_name: 'b', avg_size_mb: 200, growth_rate: 2 },
      ] },
      { period: '2026-02', period_start: '2026-02-01', period_end: '2026-02-28', total_size_mb: 450, databases: [
        { database_name: 'a', avg_size_mb: 150, growth_rate: 3 }, { database_name: 'b', avg_size_mb: 300, growth_rate: 1 },
      ] },
    ]);
    // 300 → 450 = +50 %; b is largest in February; a grew 50 %, b 50 % too: the first in name order wins the tie.
    expect(answer.data.summary).toEqual({ total_growth_rate: 50, largest_database: 'b', fastest_growing: 'a' });
  });

  it('has no growth figures with one period or none', () => {
    expect(buildTrends('quarterly', [row('a', '2026-01-01', '2026-03-31', 10, null)]).data).toEqual({
      trends: [{ period: '2026-Q1', period_start: '2026-01-01', period_end: '2026-03-31', total_size_mb: 10, databases: [{ database_name: 'a', avg_size_mb: 10, growth_rate: null }] }],
      summary: { total_growth_rate: null, largest_database: 'a', fastest_growing: null },
    });
    expect(buildTrends('daily', []).data).toEqual({ trends: [], summary: { total_growth_rate: null, largest_database: null, fastest_growing: null } });
  });
});
