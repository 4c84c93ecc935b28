import {
  compareInstanceAggregationRows,
  toInstanceAggregationItem,
  toInstanceAggregationRow,
  toInstanceSizePoint,
  toInstanceStatRow,
} from './instance-rows';

describe('instance rows → API', () => {
  it('maps a reading from PostgreSQL (bigint as text, Date) with its three parts', () => {
    const row = toInstanceStatRow({
      instance_id: 3,
      total_size_bytes: '41943040',
      data_size_bytes: '25165824',
      log_size_bytes: '16777216',
      database_count: 2,
      collected_date: '2026-03-04',
      collected_at: new Date('2026-03-04T02:00:00.000Z'),
    });
    expect(toInstanceSizePoint(row)).toEqual({
      collected_date: '2026-03-04',
      collected_at: '2026-03-04T02:00:00.000Z',
      total_size_bytes: 41_943_040,
      total_size_mb: 40,
      data_size_bytes: 25_165_824,
      data_size_mb: 24,
      log_size_bytes: 16_777_216,
      log_size_mb: 16,
      database_count: 2,
    });
  });

  it('keeps an unreadable log and an unknown total null, never 0', () => {
    const point = toInstanceSizePoint(
      toInstanceStatRow({
        instance_id: 3,
        total_size_bytes: null,
        data_size_bytes: 1000,
        log_size_bytes: null,
        database_count: 1,
        collected_date: new Date('2026-03-04T00:00:00.000Z'),
        collected_at: '2026-03-04T02:00:00.000Z',
      }),
    );
    expect(point).toMatchObject({ total_size_bytes: null, total_size_mb: null, log_size_bytes: null, log_size_mb: null, collected_date: '2026-03-04' });
  });

  it('maps an instance rollup row (numeric as text) to an item with total, data and log figures', () => {
    const row = toInstanceAggregationRow({
      instance_id: 3,
      period_type: 'weekly',
      period_start: '2026-03-02',
      period_end: '2026-03-08',
      avg_total_size_bytes: '52428800',
      max_total_size_bytes: '62914560',
      min_total_size_bytes: '41943040',
      avg_data_size_bytes: '31457280',
      max_data_size_bytes: '41943040',
      min_data_size_bytes: '20971520',
      avg_log_size_bytes: '20971520',
      max_log_size_bytes: '20971520',
      min_log_size_bytes: '20971520',
      avg_database_count: '2.50',
      data_count: 4,
      total_size_change_bytes: '-1048576',
      total_size_change_percent: '-1.96',
      growth_rate: '50.00',
      database_count_change: null,
      calculated_at: new Date('2026-03-09T01:00:00.000Z'),
    });
    expect(toInstanceAggregationItem(row)).toEqual({
      period_type: 'weekly',
      period_start: '2026-03-02',
      period_end: '2026-03-08',
      statistics: {
        avg_total_size_mb: 50,
        max_total_size_mb: 60,
        min_total_size_mb: 40,
        avg_data_size_mb: 30,
        max_data_size_mb: 40,
        min_data_size_mb: 20,
        avg_log_size_mb: 20,
        max_log_size_mb: 20,
        min_log_size_mb: 20,
        avg_database_count: 2.5,
        data_count: 4,
        total_size_change_mb: -1,
        total_size_change_percent: -1.96,
        growth_rate: 50,
        database_count_change: null,
      },
      calculated_at: '2026-03-09T01:00:00.000Z',
    });
  });

  it('orders rollups newest period first, then by period type', () => {
    const at = (period_start: string, period_type: string) =>
      toInstanceAggregationRow({ instance_id: 1, period_type, period_start, period_end: period_start, data_count: 1, calculated_at: '2026-01-01T00:00:00.000Z' });
    const sorted = [at('2026-01-01', 'weekly'), at('2026-02-01', 'daily'), at('2026-01-01', 'daily')].sort(compareInstanceAggregationRows);
    expect(sorted.map((r) => `${r.period_start} ${r.period_type}`)).toEqual(['2026-02-01 daily', '2026-01-01 daily', '2026-01-01 weekly']);
  });
});
