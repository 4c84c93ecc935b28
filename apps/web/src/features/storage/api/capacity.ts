import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { DatabaseLimitResponse, InstanceCapacityResponse, LimitChangesPage } from '../../../lib/api-types';
import { capacityKeys } from '../../../lib/query-keys';
import { CSV_REQUEST, saveCsvAnswer } from '../../../lib/save-csv-answer';

export const CAPACITY_PER_PAGE = 20;
export const LIMIT_CHANGES_PER_PAGE = 10;

/** The instance's size, limit and forecast, and one page of its databases (largest first). */
export async function fetchInstanceCapacity(id: number, page: number): Promise<InstanceCapacityResponse> {
  const query = { page, per_page: CAPACITY_PER_PAGE };
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/capacity', { params: { path: { id }, query } }));
}

/** The instance row and every database as the API's CSV, saved as a file. */
export async function downloadInstanceCapacityCsv(id: number): Promise<void> {
  const answer = await apiClient.GET('/api/v1/instances/{id}/capacity', { params: { path: { id }, query: { format: 'csv' } }, ...CSV_REQUEST });
  saveCsvAnswer(answer, `instance-${id}-capacity.csv`);
}

export async function fetchLimitChanges(id: number, page: number): Promise<LimitChangesPage> {
  const query = { page, per_page: LIMIT_CHANGES_PER_PAGE };
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}/limit-changes', { params: { path: { id }, query } }));
}

export const instanceCapacityQuery = (id: number, page: number) =>
  queryOptions({ queryKey: capacityKeys.instance(id, page), queryFn: () => fetchInstanceCapacity(id, page), placeholderData: keepPreviousData });

export const limitChangesQuery = (id: number, page: number) =>
  queryOptions({ queryKey: capacityKeys.limitChanges(id, page), queryFn: () => fetchLimitChanges(id, page), placeholderData: keepPreviousData });

export const useInstanceCapacity = (id: number, page: number) => useQuery(instanceCapacityQuery(id, page));
export const useLimitChanges = (id: number, page: number, enabled = true) => useQuery({ ...limitChangesQuery(id, page), enabled });

export interface DatabaseLimitChange {
  instanceId: number;
  database: string;
  /** null: remove the configured limit. */
  limitBytes: number | null;
}

async function changeDatabaseLimit({ instanceId, database, limitBytes }: DatabaseLimitChange): Promise<DatabaseLimitResponse | null> {
  const path = { id: instanceId, name: database };
  if (limitBytes === null) {
    // 204: no body (a failure throws in the client's middleware).
    await apiClient.DELETE('/api/v1/instances/{id}/databases/{name}/limit', { params: { path } });
    return null;
  }
  return bodyOf(await apiClient.PUT('/api/v1/instances/{id}/databases/{name}/limit', { params: { path }, body: { limit_bytes: limitBytes } }));
}

/** Sets or removes a database's configured limit (admin); every forecast and the change record refresh after. */
export function useChangeDatabaseLimit() {
  const client = useQueryClient();
  return useMutation({ mutationFn: changeDatabaseLimit, onSuccess: () => client.invalidateQueries({ queryKey: capacityKeys.all }) });
}
