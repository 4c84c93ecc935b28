import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { InstanceResponse, InstancesPage } from '../../../lib/api-types';
import { instanceKeys } from '../../../lib/query-keys';

/** How many instances the picker lists at once: typing narrows the fleet (of thousands) on the server. */
export const INSTANCE_OPTIONS_PER_PAGE = 20;

/** The first instances, by name, whose name or host contains `search` (the API's case-insensitive substring). */
export async function searchInstanceOptions(search: string): Promise<InstancesPage> {
  const query = { search: search.trim() || undefined, sort: 'name' as const, page: 1, per_page: INSTANCE_OPTIONS_PER_PAGE };
  return bodyOf(await apiClient.GET('/api/v1/instances', { params: { query } }));
}

export async function fetchChosenInstance(id: number): Promise<InstanceResponse> {
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}', { params: { path: { id } } }));
}

export const instanceOptionsQuery = (search: string) =>
  queryOptions({
    queryKey: instanceKeys.list({ search: search.trim(), view: 'options' }),
    queryFn: () => searchInstanceOptions(search),
    placeholderData: keepPreviousData,
  });

// The key of the instance detail: the instance page's cache answers it too.
export const chosenInstanceQuery = (id: number) => queryOptions({ queryKey: instanceKeys.detail(id), queryFn: () => fetchChosenInstance(id) });

export const useInstanceOptions = (search: string, enabled: boolean) => useQuery({ ...instanceOptionsQuery(search), enabled });

/** The instance a view names (it may be far past the first page of the list); disabled without one. */
export const useChosenInstance = (id: number | undefined) => useQuery({ ...chosenInstanceQuery(id ?? 0), enabled: id !== undefined });
