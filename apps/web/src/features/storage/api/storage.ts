import type {
  AggregationsResponse,
  DatabaseSizesResponse,
  ForecastResponse,
  InstanceSizesResponse,
  LatestDatabaseSizesResponse,
  PeriodType,
} from '@capacity/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { storageKeys } from '../../../lib/query-keys';

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

const base = (id: number) => `/instances/${id}/database-sizes`;

export function fetchDatabaseSizes(id: number, filter: HistoryFilter): Promise<DatabaseSizesResponse> {
  return api.get(base(id), { ...filter });
}

export function fetchLatestSizes(id: number): Promise<LatestDatabaseSizesResponse> {
  return api.get(`${base(id)}/latest`);
}

/** The instance's own readings: total = databases + instance log (WAL, binary logs, redo). */
export function fetchInstanceSizes(id: number, filter: Omit<HistoryFilter, 'database_name'>): Promise<InstanceSizesResponse> {
  return api.get(`/instances/${id}/instance-sizes`, { start_date: filter.start_date, end_date: filter.end_date });
}

export function fetchForecast(id: number, databaseName?: string): Promise<ForecastResponse> {
  return api.get(`${base(id)}/forecast`, { database_name: databaseName, horizon_days: 90 });
}

export function fetchInstanceAggregations(id: number, filter: InstanceAggregationsFilter): Promise<AggregationsResponse> {
  return api.get(`${base(id)}/aggregations`, { ...filter, per_page: 500 });
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
    queryFn: () => fetchInstanceAggregations(id, filter),
    placeholderData: keepPreviousData,
  });

export const useDatabaseSizes = (id: number, filter: HistoryFilter) => useQuery(databaseSizesQuery(id, filter));
export const useLatestSizes = (id: number) => useQuery(latestSizesQuery(id));
export const useInstanceSizes = (id: number, filter: Omit<HistoryFilter, 'database_name'>) => useQuery(instanceSizesQuery(id, filter));
export const useForecast = (id: number, databaseName?: string) => useQuery(forecastQuery(id, databaseName));
export const useInstanceAggregations = (id: number, filter: InstanceAggregationsFilter) => useQuery(instanceAggregationsQuery(id, filter));
