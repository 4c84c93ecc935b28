import { addMonths, type StatsTable, type YearMonth, yearMonthOf } from '@capacity/contracts';
import type { StackedSeries } from '../../../components/charts/chart-data';
import type { TablePartitionStatus } from '../../../lib/api-types';

export interface PlannedPartition {
  table: StatsTable;
  month: YearMonth;
  exists: boolean;
}

/**
 * What "create future partitions" asks for: the current month and `futureMonths` after it, for every
 * table, marked with whether the partition is already there (the dry-run preview of the create call).
 */
export function planFutureMonths(tables: TablePartitionStatus[], currentMonth: YearMonth, futureMonths: number): PlannedPartition[] {
  const plan: PlannedPartition[] = [];
  for (const table of tables) {
    const existing = new Set(table.partitions.flatMap((p) => (!p.is_default && p.range_from ? [yearMonthOf(p.range_from)] : [])));
    for (let i = 0; i <= futureMonths; i += 1) {
      const month = addMonths(currentMonth, i);
      plan.push({ table: table.table, month, exists: existing.has(month) });
    }
  }
  return plan;
}

/** Partition sizes per month, one series per table (bars stacked by table). The default partition is left out. */
export function sizesPerMonth(tables: TablePartitionStatus[]): StackedSeries {
  const byMonth = new Map<string, Record<string, number>>();
  for (const table of tables) {
    for (const partition of table.partitions) {
      if (partition.is_default || !partition.range_from) continue;
      const month = yearMonthOf(partition.range_from);
      const values = byMonth.get(month) ?? {};
      values[table.table] = (values[table.table] ?? 0) + partition.total_bytes;
      byMonth.set(month, values);
    }
  }
  const keys = tables.map((t) => t.table);
  // Months are unique keys: no two compare equal.
  const rows = [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, source]) => {
    return { date: month, values: Object.fromEntries(keys.map((k) => [k, source[k] ?? 0])) };
  });
  return { keys, rows };
}
