import type { DbType } from '@capacity/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiClient, bodyOf } from '../../../lib/api-client';
import { attachmentName, saveFile } from '../../../lib/download-file';
import type { CreateInstanceBody, InstanceResponse, InstancesPage } from '../../../lib/api-types';
import { capacityKeys, instanceKeys } from '../../../lib/query-keys';
import { INSTANCES_PER_PAGE, listQueryOf, type InstancesView } from './instances-view';

export interface InstancesFilter {
  db_type?: DbType | '';
  search?: string;
}

/** The body of POST /instances and PATCH /instances/:id, as the form builds it (the document's CreateInstanceDto). */
export type InstancePayload = Pick<
  CreateInstanceBody,
  'name' | 'db_type' | 'host' | 'port' | 'username' | 'password' | 'database_name' | 'description' | 'is_active' | 'tags' | 'owner_id' | 'capacity_limit_bytes' | 'zone'
>;

export async function fetchInstances(filter: InstancesFilter): Promise<InstancesPage> {
  const query = { db_type: filter.db_type || undefined, search: filter.search?.trim() || undefined, per_page: 500 };
  return bodyOf(await apiClient.GET('/api/v1/instances', { params: { query } }));
}

/** One page of the instances list as the page's view asks for it (sorted and filtered by the API). */
export async function fetchInstancesPage(view: InstancesView): Promise<InstancesPage> {
  const query = { ...listQueryOf(view), page: view.page, per_page: INSTANCES_PER_PAGE };
  return bodyOf(await apiClient.GET('/api/v1/instances', { params: { query } }));
}

/** Every instance of the view's filters and sort, as the API's CSV, saved as a file. */
export async function downloadInstancesCsv(view: InstancesView): Promise<void> {
  const { data, response } = await apiClient.GET('/api/v1/instances', {
    params: { query: { ...listQueryOf(view), format: 'csv' } },
    headers: { Accept: 'text/csv' },
    parseAs: 'blob',
  });
  if (!data) throw new ApiError(response.status, `${response.status}: the answer has no body`);
  saveFile(data, attachmentName(response.headers.get('Content-Disposition'), 'instances.csv'));
}

export async function fetchInstance(id: number): Promise<InstanceResponse> {
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}', { params: { path: { id } } }));
}

export const instancesQuery = (filter: InstancesFilter) =>
  queryOptions({ queryKey: instanceKeys.list(filter), queryFn: () => fetchInstances(filter), placeholderData: (previous) => previous });

export const instancesPageQuery = (view: InstancesView) =>
  queryOptions({ queryKey: instanceKeys.list({ ...view, view: 'page' }), queryFn: () => fetchInstancesPage(view), placeholderData: (previous) => previous });

export function useInstancesPage(view: InstancesView) {
  return useQuery(instancesPageQuery(view));
}

export const instanceQuery = (id: number) => queryOptions({ queryKey: instanceKeys.detail(id), queryFn: () => fetchInstance(id) });

export function useInstances(filter: InstancesFilter) {
  return useQuery(instancesQuery(filter));
}

export function useInstance(id: number) {
  return useQuery(instanceQuery(id));
}

function useInvalidateInstances() {
  const client = useQueryClient();
  // The instance's limit is part of its capacity: a save refreshes the forecasts too.
  return () => Promise.all([client.invalidateQueries({ queryKey: instanceKeys.all }), client.invalidateQueries({ queryKey: capacityKeys.all })]);
}

async function saveInstance({ id, payload }: { id?: number; payload: InstancePayload }): Promise<InstanceResponse> {
  return id
    ? bodyOf(await apiClient.PATCH('/api/v1/instances/{id}', { params: { path: { id } }, body: payload }))
    : bodyOf(await apiClient.POST('/api/v1/instances', { body: payload }));
}

export function useSaveInstance() {
  const invalidate = useInvalidateInstances();
  return useMutation({ mutationFn: saveInstance, onSuccess: invalidate });
}

async function deleteInstance(id: number): Promise<void> {
  await apiClient.DELETE('/api/v1/instances/{id}', { params: { path: { id } } });
}

export function useDeleteInstance() {
  const invalidate = useInvalidateInstances();
  return useMutation({ mutationFn: deleteInstance, onSuccess: invalidate });
}

async function testConnection(id: number) {
  return bodyOf(await apiClient.POST('/api/v1/instances/{id}/test-connection', { params: { path: { id } } }));
}

export function useTestConnection() {
  return useMutation({ mutationFn: testConnection });
}

async function collectNow(instanceId: number) {
  return bodyOf(await apiClient.POST('/api/v1/collections/run', { body: { instance_id: instanceId } }));
}

export function useCollectNow() {
  return useMutation({ mutationFn: collectNow });
}
