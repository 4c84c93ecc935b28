import type { CapacityLevel, CapacitySort, DbType, FleetChangeKind, FleetGroupBy, FleetLevel, FleetMetric, FleetRankBy, FleetWindowDays, PeriodType } from '@capacity/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { FleetCapacityPage, FleetChangesPage, FleetRankingsPage, FleetSeriesResponse } from '../../../lib/api-types';
import { capacityKeys, fleetKeys } from '../../../lib/query-keys';
import { CSV_REQUEST, saveCsvAnswer } from '../../../lib/save-csv-answer';

/** The filters every fleet read takes (a viewer's own instances are the API's outer bound). */
export interface FleetFilter {
  db_type?: DbType;
  tag?: string;
  database_name?: string;
}

export interface FleetSeriesFilter extends FleetFilter {
  period_type: PeriodType;
  group_by: FleetGroupBy;
  rank_by: FleetRankBy;
  top: number;
  /** Left out: the API's default span ending today in APP_TIMEZONE. */
  start_date?: string;
  end_date?: string;
}

export interface FleetRankingsFilter extends FleetFilter {
  metric: FleetMetric;
  window_days: FleetWindowDays;
  level: FleetLevel;
  page: number;
  per_page: number;
}

export interface FleetChangesFilter extends FleetFilter {
  /** Left out: yesterday in APP_TIMEZONE. */
  date?: string;
  threshold_percent: number;
  change?: FleetChangeKind;
  page: number;
  per_page: number;
}

export interface FleetCapacityFilter extends Omit<FleetFilter, 'database_name'> {
  level: CapacityLevel;
  sort: CapacitySort;
  page: number;
  per_page: number;
}

export async function fetchFleetSeries(filter: FleetSeriesFilter): Promise<FleetSeriesResponse> {
  return bodyOf(await apiClient.GET('/api/v1/fleet/series', { params: { query: filter } }));
}

export async function fetchFleetRankings(filter: FleetRankingsFilter): Promise<FleetRankingsPage> {
  return bodyOf(await apiClient.GET('/api/v1/fleet/rankings', { params: { query: filter } }));
}

/** The whole ranking of the filter (every row, not one page) as the API's CSV, saved as a file. */
export async function downloadFleetRankingsCsv(filter: Omit<FleetRankingsFilter, 'page' | 'per_page'>): Promise<void> {
  const query = { ...filter, format: 'csv' as const };
  saveCsvAnswer(await apiClient.GET('/api/v1/fleet/rankings', { params: { query }, ...CSV_REQUEST }), 'fleet-rankings.csv');
}

export async function fetchFleetChanges(filter: FleetChangesFilter): Promise<FleetChangesPage> {
  return bodyOf(await apiClient.GET('/api/v1/fleet/changes', { params: { query: filter } }));
}

export const fleetSeriesQuery = (filter: FleetSeriesFilter) =>
  queryOptions({ queryKey: fleetKeys.series(filter), queryFn: () => fetchFleetSeries(filter), placeholderData: keepPreviousData });

export const fleetRankingsQuery = (filter: FleetRankingsFilter) =>
  queryOptions({ queryKey: fleetKeys.rankings(filter), queryFn: () => fetchFleetRankings(filter), placeholderData: keepPreviousData });

export const fleetChangesQuery = (filter: FleetChangesFilter) =>
  queryOptions({ queryKey: fleetKeys.changes(filter), queryFn: () => fetchFleetChanges(filter), placeholderData: keepPreviousData });

export const useFleetSeries = (filter: FleetSeriesFilter, enabled = true) => useQuery({ ...fleetSeriesQuery(filter), enabled });
export const useFleetRankings = (filter: FleetRankingsFilter) => useQuery(fleetRankingsQuery(filter));
export const useFleetChanges = (filter: FleetChangesFilter) => useQuery(fleetChangesQuery(filter));

/** Which fills first: a page of the fleet's databases or instances, sorted by days until full. */
export async function fetchFleetCapacity(filter: FleetCapacityFilter): Promise<FleetCapacityPage> {
  return bodyOf(await apiClient.GET('/api/v1/fleet/capacity', { params: { query: filter } }));
}

/** Every row of the filter (not one page) as the API's CSV, saved as a file. */
export async function downloadFleetCapacityCsv(filter: Omit<FleetCapacityFilter, 'page' | 'per_page'>): Promise<void> {
  const query = { ...filter, format: 'csv' as const };
  saveCsvAnswer(await apiClient.GET('/api/v1/fleet/capacity', { params: { query }, ...CSV_REQUEST }), 'fleet-capacity.csv');
}

export const fleetCapacityQuery = (filter: FleetCapacityFilter) =>
  queryOptions({ queryKey: capacityKeys.fleet(filter), queryFn: () => fetchFleetCapacity(filter), placeholderData: keepPreviousData });

export const useFleetCapacity = (filter: FleetCapacityFilter) => useQuery(fleetCapacityQuery(filter));
