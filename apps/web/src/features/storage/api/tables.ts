import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { TableGrowthResponse, TopTablesResponse } from '../../../lib/api-types';
import { storageKeys } from '../../../lib/query-keys';

/** The growth windows the Storage tab shows beside each table. */
export const TABLE_GROWTH_WINDOWS = [7, 30] as const;
export type TableGrowthWindow = (typeof TABLE_GROWTH_WINDOWS)[number];

/** The largest tables of the database on its latest day with table readings. */
export async function fetchTopTables(id: number, databaseName: string): Promise<TopTablesResponse> {
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/databases/{name}/tables', { params: { path: { id, name: databaseName } } }));
}

/** Each of those tables against its first reading inside the last `windowDays` days. */
export async function fetchTableGrowth(id: number, databaseName: string, windowDays: number): Promise<TableGrowthResponse> {
  return bodyOf(
    await apiClient.GET('/api/v1/instances/{id}/databases/{name}/tables/growth', {
      params: { path: { id, name: databaseName }, query: { window_days: windowDays } },
    }),
  );
}

export const topTablesQuery = (id: number, databaseName: string) =>
  queryOptions({ queryKey: storageKeys.topTables(id, databaseName), queryFn: () => fetchTopTables(id, databaseName), enabled: databaseName !== '' });

export const tableGrowthQuery = (id: number, databaseName: string, windowDays: number) =>
  queryOptions({
    queryKey: storageKeys.tableGrowth(id, databaseName, windowDays),
    queryFn: () => fetchTableGrowth(id, databaseName, windowDays),
    enabled: databaseName !== '',
  });

export const useTopTables = (id: number, databaseName: string) => useQuery(topTablesQuery(id, databaseName));
export const useTableGrowth = (id: number, databaseName: string, windowDays: TableGrowthWindow) => useQuery(tableGrowthQuery(id, databaseName, windowDays));
