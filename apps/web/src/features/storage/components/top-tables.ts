import type { LatestDatabaseSizeResponse, TableGrowthItem, TableSizeItem } from '../../../lib/api-types';
import type { TableGrowthWindow } from '../api/tables';

/** A top table with its growth over each window; null where the window holds no earlier reading of it. */
export interface TopTableRow extends TableSizeItem {
  growth: Record<TableGrowthWindow, TableGrowthItem | null>;
}

type TableName = Pick<TableSizeItem, 'schema_name' | 'table_name'>;

/** A table is its schema and name together: two schemas may hold tables of the same name. */
export const tableKey = (table: TableName): string => `${table.schema_name}\u0000${table.table_name}`;

/** Joins each window's growth to the tables by schema + table name. */
export function withGrowth(tables: readonly TableSizeItem[], growth: Partial<Record<TableGrowthWindow, readonly TableGrowthItem[]>>): TopTableRow[] {
  const byWindow = (items: readonly TableGrowthItem[] | undefined) => new Map((items ?? []).map((item) => [tableKey(item), item]));
  const week = byWindow(growth[7]);
  const month = byWindow(growth[30]);
  return tables.map((table) => ({
    ...table,
    growth: { 7: week.get(tableKey(table)) ?? null, 30: month.get(tableKey(table)) ?? null },
  }));
}

/** The database the top tables open on: the largest one by its latest size ('' when there is none). */
export function largestDatabase(databases: readonly LatestDatabaseSizeResponse[]): string {
  let largest: LatestDatabaseSizeResponse | undefined;
  for (const database of databases) {
    if (largest === undefined || (database.size_bytes ?? -1) > (largest.size_bytes ?? -1)) largest = database;
  }
  return largest?.database_name ?? '';
}
