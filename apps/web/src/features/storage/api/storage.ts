import type { PeriodType } from '@capacity/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type {
  AggregationItem,
  DatabaseSizesResponse,
  ForecastResponse,
  InstanceAggregationsPage,
  InstanceSizesResponse,
  LatestDatabaseSizesResponse,
} from '../../../lib/api-types';
import { fetchAllPages, type AllRows } from '../../../lib/fetch-all-pages';
import { storageKeys } from '../../../lib/query-keys';
import { CSV_REQUEST, saveCsvAnswer } from '../../../lib/save-csv-answer';

export interface HistoryFilter {
  start_date: string;
  end_date: string;
  database_name?: string;
}

export interface InstanceAggregationsFilter {
  period_type: PeriodType;
  start_date?: string;
  end_date?: string;
  database_name?: string;
}

export async function fetchDatabaseSizes(id: number, filter: HistoryFilter): Promise<DatabaseSizesResponse> {
  const query = { ...filter, database_name: filter.database_name || undefined };
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/database-sizes', { params: { path: { id }, query } }));
}

/** The instance's history of the range (one database or all), every reading, as the API's CSV, saved as a file. */
export async function downloadDatabaseSizesCsv(id: number, filter: HistoryFilter): Promise<void> {
  const query = { ...filter, database_name: filter.database_name || undefined, format: 'csv' as const };
  const answer = await apiClient.GET('/api/v1/instances/{id}/database-sizes', { params: { path: { id }, query }, ...CSV_REQUEST });
  saveCsvAnswer(answer, `instance-${id}-database-sizes.csv`);
}

export async function fetchLatestSizes(id: number): Promise<LatestDatabaseSizesResponse> {
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/database-sizes/latest', { params: { path: { id } } }));
}

/** The instance's own readings: total = databases + instance log (WAL, binary logs, redo). */
export async function fetchInstanceSizes(id: number, filter: Omit<HistoryFilter, 'database_name'>): Promise<InstanceSizesResponse> {
  const query = { start_date: filter.start_date, end_date: filter.end_date };
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/instance-sizes', { params: { path: { id }, query } }));
}

export async function fetchForecast(id: number, databaseName?: string): Promise<ForecastResponse> {
  const query = { database_name: databaseName || undefined, horizon_days: 90 };
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/database-sizes/forecast', { params: { path: { id }, query } }));
}

export async function fetchInstanceAggregations(id: number, filter: InstanceAggregationsFilter, page: number, perPage: number): Promise<InstanceAggregationsPage> {
  const query = { ...filter, database_name: filter.database_name || undefined, page, per_page: perPage };
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/database-sizes/aggregations', { params: { path: { id }, query } }));
}

/** Every aggregation row of the instance for the filter, page after page: an instance with many databases fills more than one. */
export function fetchAllInstanceAggregations(id: number, filter: InstanceAggregationsFilter): Promise<AllRows<AggregationItem>> {
  return fetchAllPages((page, perPage) => fetchInstanceAggregations(id, filter, page, perPage));
}

export const databaseSizesQuery = (id: number, filter: HistoryFilter) =>
  queryOptions({ queryKey: storageKeys.databaseSizes(id, filter), queryFn: () => fetchDatabaseSizes(id, filter), placeholderData: keepPreviousData });

export const latestSizesQuery = (id: number) => queryOptions({ queryKey: storageKeys.latestSizes(id), queryFn: () => fetchLatestSizes(id) });

export const instanceSizesQuery = (id: number, filter: Omit<HistoryFilter, 'database_name'>) =>
  queryOptions({ queryKey: storageKeys.instanceSizes(id, filter), queryFn: () => fetchInstanceSizes(id, filter), placeholderData: keepPreviousData });

export const forecastQuery = (id: number, databaseName?: string) =>
  queryOptions({ queryKey: storageKeys.forecast(id, databaseName), queryFn: () => fetchForecast(id, databaseName) });

export const instanceAggregationsQuery = (id: number, filter: InstanceAggregationsFilter) =>
  queryOptions({
    queryKey: storageKeys.instanceAggregationList(id, filter),
    queryFn: () => fetchAllInstanceAggregations(id, filter),
    placeholderData: keepPreviousData,
  });

export const useDatabaseSizes = (id: number, filter: HistoryFilter) => useQuery(databaseSizesQuery(id, filter));
export const useLatestSizes = (id: number) => useQuery(latestSizesQuery(id));
export const useInstanceSizes = (id: number, filter: Omit<HistoryFilter, 'database_name'>) => useQuery(instanceSizesQuery(id, filter));
export const useForecast = (id: number, databaseName?: string) => useQuery(forecastQuery(id, databaseName));
export const useInstanceAggregations = (id: number, filter: InstanceAggregationsFilter) => useQuery(instanceAggregationsQuery(id, filter));
