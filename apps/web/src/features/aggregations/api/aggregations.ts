import type { AggregationsResponse, AggregationSummaryResponse, DbType, PeriodType, RunAggregationResponse } from '@capacity/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { aggregationKeys } from '../../../lib/query-keys';

export interface AggregationsFilter {
  instance_id?: number;
  db_type?: DbType;
  database_name?: string;
  period_type: PeriodType;
  start_date: string;
  end_date: string;
}

export function fetchAggregations(filter: AggregationsFilter, page: number, perPage: number): Promise<AggregationsResponse> {
  return api.get('/aggregations', { ...filter, database_name: filter.database_name?.trim(), page, per_page: perPage });
}

export function fetchAggregationSummary(): Promise<AggregationSummaryResponse> {
  return api.get('/aggregations/summary');
}

export const aggregationsQuery = (filter: AggregationsFilter, page: number, perPage: number) =>
  queryOptions({
    queryKey: aggregationKeys.list(filter, page, perPage),
    queryFn: () => fetchAggregations(filter, page, perPage),
    placeholderData: keepPreviousData,
  });

export const aggregationSummaryQuery = () => queryOptions({ queryKey: aggregationKeys.summary(), queryFn: fetchAggregationSummary });

export const useAggregations = (filter: AggregationsFilter, page: number, perPage: number) => useQuery(aggregationsQuery(filter, page, perPage));
export const useAggregationSummary = () => useQuery(aggregationSummaryQuery());

export function useRunAggregation() {
  return useMutation({ mutationFn: () => api.post<RunAggregationResponse>('/aggregations/run') });
}
