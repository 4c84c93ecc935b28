import type { PeriodType, StatsTable, YearMonth } from '@capacity/contracts';

export const COLD_TIER = Symbol('COLD_TIER');
export interface ColdRowFilter {
  from: string;
  to: string;
  instanceIds?: number[];
  databaseName?: string;
  periodType?: PeriodType;
  /** Only these columns (of the table's); all when absent. Fewer columns read and converted, faster answers. */
  columns?: readonly string[];
}
export interface ColdTierPort {
  archivedMonths(table: StatsTable, from: string, to: string): Promise<YearMonth[]>; // archived+dropped months in range
  readRows(table: StatsTable, filter: ColdRowFilter): Promise<Record<string, unknown>[]>; // table's column names; sizes as numbers; dates 'YYYY-MM-DD'
}
