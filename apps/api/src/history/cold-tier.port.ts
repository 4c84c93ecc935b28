import type { PeriodType, StatsTable } from '@capacity/contracts';

export const COLD_TIER = Symbol('COLD_TIER');
export interface ColdRowFilter { from: string; to: string; instanceIds?: number[]; databaseName?: string; periodType?: PeriodType }
export interface ColdTierPort {
  archivedMonths(table: StatsTable, from: string, to: string): Promise<string[]>; // 'YYYY-MM-01' of archived+dropped months in range
  readRows(table: StatsTable, filter: ColdRowFilter): Promise<Record<string, unknown>[]>; // table's column names; sizes as numbers; dates 'YYYY-MM-DD'
}
