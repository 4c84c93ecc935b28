import type { PartitionInfo, TablePartitionStatus } from '../../../lib/api-types';
import { planFutureMonths, sizesPerMonth } from './partition-plan';

const part = (table: PartitionInfo['table'], from: string | null, total_bytes: number): PartitionInfo => ({
  table,
  name: from ? `${table}_${from.slice(0, 7).replace('-', '_')}` : `${table}_default`,
  range_from: from,
  range_to: null,
  row_count: 0,
  row_count_estimated: false,
  total_bytes,
  is_default: from === null,
});

const status = (table: PartitionInfo['table'], partitions: PartitionInfo[]): TablePartitionStatus => ({
  table,
  partitions,
  partition_count: partitions.filter((p) => !p.is_default).length,
  total_bytes: partitions.reduce((s, p) => s + p.total_bytes, 0),
  default_rows: 0,
  healthy: true,
  findings: [],
});

describe('planFutureMonths', () => {
  it('lists the current month and the next ones per table, marking those that exist', () => {
    const tables = [status('database_size_stats', [part('database_size_stats', '2026-11-01', 10), part('database_size_stats', null, 1)])];
    expect(planFutureMonths(tables, '2026-11', 2)).toEqual([
      { table: 'database_size_stats', month: '2026-11', exists: true },
      { table: 'database_size_stats', month: '2026-12', exists: false },
      { table: 'database_size_stats', month: '2027-01', exists: false },
    ]);
  });
});

describe('sizesPerMonth', () => {
  it('groups partition sizes by month with one series per table, leaving out default partitions', () => {
    const tables = [
      status('database_size_stats', [part('database_size_stats', '2026-10-01', 100), part('database_size_stats', '2026-11-01', 200), part('database_size_stats', null, 5)]),
      status('instance_size_stats', [part('instance_size_stats', '2026-11-01', 7)]),
    ];
    expect(sizesPerMonth(tables)).toEqual({
      keys: ['database_size_stats', 'instance_size_stats'],
      rows: [
        { date: '2026-10', values: { database_size_stats: 100, instance_size_stats: 0 } },
        { date: '2026-11', values: { database_size_stats: 200, instance_size_stats: 7 } },
      ],
    });
  });
});
