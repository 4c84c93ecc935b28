import type { DbType, PeriodType } from '@capacity/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { AggregationItem, AggregationsPage, AggregationSummaryResponse } from '../../../lib/api-types';
import { fetchAllPages, type AllRows } from '../../../lib/fetch-all-pages';
import { aggregationKeys } from '../../../lib/query-keys';
import { CSV_REQUEST, saveCsvAnswer } from '../../../lib/save-csv-answer';

export interface AggregationsFilter {
  instance_id?: number;
  db_type?: DbType;
  database_name?: string;
  period_type: PeriodType;
  start_date: string;
  end_date: string;
}

export async function fetchAggregations(filter: AggregationsFilter, page: number, perPage: number): Promise<AggregationsPage> {
  const query = { ...filter, database_name: filter.database_name?.trim() || undefined, page, per_page: perPage };
  return bodyOf(await apiClient.GET('/api/v1/aggregations', { params: { query } }));
}

/** Every row of the filter (the table's, not one page of it) as the API's CSV, saved as a file. */
export async function downloadAggregationsCsv(filter: AggregationsFilter): Promise<void> {
  const query = { ...filter, database_name: filter.database_name?.trim() || undefined, format: 'csv' as const };
  saveCsvAnswer(await apiClient.GET('/api/v1/aggregations', { params: { query }, ...CSV_REQUEST }), 'aggregations.csv');
}

/** Every item of the filter (or the first pages of them, `complete` says which): what a chart of them may draw. */
export function fetchAllAggregations(filter: AggregationsFilter): Promise<AllRows<AggregationItem>> {
  return fetchAllPages((page, perPage) => fetchAggregations(filter, page, perPage));
}

export async function fetchAggregationSummary(): Promise<AggregationSummaryResponse> {
  return bodyOf(await apiClient.GET('/api/v1/aggregations/summary'));
}

export const aggregationsQuery = (filter: AggregationsFilter, page: number, perPage: number) =>
  queryOptions({
    queryKey: aggregationKeys.list(filter, page, perPage),
    queryFn: () => fetchAggregations(filter, page, perPage),
    placeholderData: keepPreviousData,
  });

export const allAggregationsQuery = (filter: AggregationsFilter) =>
  queryOptions({ queryKey: aggregationKeys.complete(filter), queryFn: () => fetchAllAggregations(filter), placeholderData: keepPreviousData });

export const aggregationSummaryQuery = () => queryOptions({ queryKey: aggregationKeys.summary(), queryFn: fetchAggregationSummary });

export const useAggregations = (filter: AggregationsFilter, page: number, perPage: number) => useQuery(aggregationsQuery(filter, page, perPage));
export const useAllAggregations = (filter: AggregationsFilter, enabled: boolean) => useQuery({ ...allAggregationsQuery(filter), enabled });
export const useAggregationSummary = () => useQuery(aggregationSummaryQuery());

/** Aggregates today's periods (an empty body). */
async function runAggregation() {
  return bodyOf(await apiClient.POST('/api/v1/aggregations/run', { body: {} }));
}

export function useRunAggregation() {
  return useMutation({ mutationFn: runAggregation });
}
