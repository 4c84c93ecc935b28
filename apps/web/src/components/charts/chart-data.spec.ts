import type { AggregationItem, DatabaseSizeSeries, ForecastResponse, LatestDatabaseSizeResponse } from '../../lib/api-types';
import {
  aggregationsToPoints,
  changeSince,
  historyToPoints,
  latestPerDatabase,
  OTHER_KEY,
  toStackedSeries,
  toTotalSeries,
  withForecast,
  type SizePoint,
} from './chart-data';

const MIB = 1024 * 1024;

const stat = (collected_date: string, size_bytes: number | null) => ({
  collected_date,
  collected_at: `${collected_date}T03:00:00Z`,
  size_bytes,
  size_mb: size_bytes === null ? null : Math.round((size_bytes / MIB) * 100) / 100,
  data_size_mb: null,
  log_size_mb: null,
  size_source: size_bytes === null ? null : ('files' as const),
});

const history: DatabaseSizeSeries[] = [
  { database_name: 'orders', stats: [stat('2026-03-02', 300), stat('2026-03-01', 100)] },
  { database_name: 'users', stats: [stat('2026-03-01', 50), stat('2026-03-03', 70)] },
];

function item(instance: { id: number; name: string }, database_name: string, period_start: string, avg_size_mb: number): AggregationItem {
  return {
    instance: { ...instance, db_type: 'postgresql' },
    database_name,
    period_type: 'monthly',
    period_start,
    period_end: period_start,
    statistics: {
      avg_size_mb,
      max_size_mb: avg_size_mb,
      min_size_mb: avg_size_mb,
      avg_data_size_mb: null,
      max_data_size_mb: null,
      min_data_size_mb: null,
      avg_log_size_mb: null,
      max_log_size_mb: null,
      min_log_size_mb: null,
      data_count: 1,
      size_change_mb: null,
      size_change_percent: null,
      growth_rate: null,
    },
    calculated_at: '2026-03-05T05:00:00Z',
  };
}

describe('toTotalSeries', () => {
  it('sums every database per date and orders the dates', () => {
    expect(toTotalSeries(historyToPoints(history, 'pg1'))).toEqual([
      { date: '2026-03-01', value: 150 },
      { date: '2026-03-02', value: 300 },
      { date: '2026-03-03', value: 70 },
    ]);
  });

  it('gives an empty series for no points', () => {
    expect(toTotalSeries([])).toEqual([]);
  });
});

describe('historyToPoints', () => {
  it('makes no point of a reading whose size is unknown (never a 0)', () => {
    const points = historyToPoints([{ database_name: 'hidden', stats: [stat('2026-03-01', null), stat('2026-03-02', 40)] }], 'my1');
    expect(points).toEqual([{ date: '2026-03-02', instance: 'my1', database: 'hidden', bytes: 40 }]);
  });
});

describe('toStackedSeries', () => {
  it('makes one series per database with 0 where a database has no reading that day', () => {
    const stacked = toStackedSeries(historyToPoints(history, 'pg1'), 'database');
    // At their latest dates orders = 300, users = 70: orders first.
    expect(stacked.keys).toEqual(['orders', 'users']);
    expect(stacked.rows).toEqual([
      { date: '2026-03-01', values: { orders: 100, users: 50 } },
      { date: '2026-03-02', values: { orders: 300, users: 0 } },
      { date: '2026-03-03', values: { orders: 0, users: 70 } },
    ]);
  });

  const cross = aggregationsToPoints([
    item({ id: 1, name: 'pg1' }, 'app', '2026-01-01', 10),
    item({ id: 1, name: 'pg1' }, 'logs', '2026-01-01', 5),
    item({ id: 2, name: 'my1' }, 'app', '2026-01-01', 2),
    item({ id: 2, name: 'my1' }, 'app', '2026-02-01', 4),
  ]);

  it('in instance mode sums the databases of each instance per date', () => {
    const stacked = toStackedSeries(cross, 'instance');
    expect(stacked.keys).toEqual(['pg1', 'my1']);
    expect(stacked.rows).toEqual([
      { date: '2026-01-01', values: { pg1: 15 * MIB, my1: 2 * MIB } },
      { date: '2026-02-01', values: { pg1: 0, my1: 4 * MIB } },
    ]);
  });

  it('in database mode keeps equal database names of different instances apart', () => {
    const stacked = toStackedSeries(cross, 'database');
    expect(stacked.keys).toEqual(['pg1 / app', 'pg1 / logs', 'my1 / app']);
    expect(stacked.rows[0].values).toEqual({ 'pg1 / app': 10 * MIB, 'pg1 / logs': 5 * MIB, 'my1 / app': 2 * MIB });
  });

  it('folds the smallest series into one beyond the limit', () => {
    const points: SizePoint[] = ['a', 'b', 'c', 'd'].map((database, i) => ({ date: '2026-01-01', instance: 'x', database, bytes: (i + 1) * 10 }));
    const stacked = toStackedSeries(points, 'database', 3);
    expect(stacked.keys).toEqual(['d', 'c', OTHER_KEY]);
    expect(stacked.rows[0].values).toEqual({ d: 40, c: 30, [OTHER_KEY]: 20 + 10 });
  });
});

describe('withForecast', () => {
  const total = [
    { date: '2026-03-01', value: 100 * MIB },
    { date: '2026-03-02', value: 110 * MIB },
  ];
  const forecast: ForecastResponse = {
    database_name: null,
    points_used: 30,
    slope_mb_per_day: 10,
    enough_history: true,
    message: '',
    projections: [
      { days: 90, date: '2026-05-31', size_mb: 1010 },
      { days: 30, date: '2026-04-01', size_mb: 410 },
    ],
  };

  it('starts the dashed line at the last reading and runs through the projections in date order', () => {
    expect(withForecast(total, forecast)).toEqual([
      { date: '2026-03-01', actual: 100 * MIB },
      { date: '2026-03-02', actual: 110 * MIB, forecast: 110 * MIB },
      { date: '2026-04-01', forecast: 410 * MIB },
      { date: '2026-05-31', forecast: 1010 * MIB },
    ]);
  });

  it('adds nothing without enough history', () => {
    expect(withForecast(total, { ...forecast, enough_history: false })).toEqual([
      { date: '2026-03-01', actual: 100 * MIB },
      { date: '2026-03-02', actual: 110 * MIB },
    ]);
  });
});

describe('changeSince', () => {
  const latest = (database_name: string, collected_date: string, size_bytes: number | null): LatestDatabaseSizeResponse => ({
    database_name,
    collected_date,
    collected_at: `${collected_date}T03:00:00Z`,
    size_bytes,
    size_mb: size_bytes === null ? null : size_bytes / MIB,
    size_source: size_bytes === null ? null : 'files',
    data_size_bytes: null,
    data_size_mb: null,
    log_size_bytes: null,
    log_size_mb: null,
  });

  it('compares with the newest reading on or before 7 days earlier', () => {
    const series: DatabaseSizeSeries[] = [
      { database_name: 'orders', stats: [stat('2026-03-01', 1000), stat('2026-03-03', 1200), stat('2026-03-09', 1250), stat('2026-03-10', 1500)] },
    ];
    // 2026-03-10 − 7 days = 2026-03-03 → base 1200.
    expect(changeSince([latest('orders', '2026-03-10', 1500)], series).get('orders')).toBe(300);
  });

  it('is null when the history does not reach back 7 days', () => {
    const series: DatabaseSizeSeries[] = [{ database_name: 'new', stats: [stat('2026-03-08', 10)] }];
    expect(changeSince([latest('new', '2026-03-10', 20)], series).get('new')).toBeNull();
  });

  it('takes an unknown size neither as the base nor as 0: the newest known reading before the cutoff, null when today is unknown', () => {
    const series: DatabaseSizeSeries[] = [
      { database_name: 'db', stats: [stat('2026-03-01', 1000), stat('2026-03-03', null), stat('2026-03-10', 1500)] },
    ];
    expect(changeSince([latest('db', '2026-03-10', 1500)], series).get('db')).toBe(500);
    expect(changeSince([latest('db', '2026-03-10', null)], series).get('db')).toBeNull();
  });
});

describe('latestPerDatabase', () => {
  it('keeps the newest period of each database, largest first', () => {
    const items = [
      item({ id: 1, name: 'pg1' }, 'app', '2026-01-01', 10),
      item({ id: 1, name: 'pg1' }, 'app', '2026-02-01', 12),
      item({ id: 1, name: 'pg1' }, 'logs', '2026-02-01', 30),
    ];
    expect(latestPerDatabase(items).map((i) => [i.database_name, i.period_start])).toEqual([
      ['logs', '2026-02-01'],
      ['app', '2026-02-01'],
    ]);
  });
});
