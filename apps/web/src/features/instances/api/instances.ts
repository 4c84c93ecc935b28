import type { DbType } from '@capacity/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { CreateInstanceBody, InstanceResponse, InstancesPage } from '../../../lib/api-types';
import { instanceKeys } from '../../../lib/query-keys';

export interface InstancesFilter {
  db_type?: DbType | '';
  search?: string;
}

/** The body of POST /instances and PATCH /instances/:id, as the form builds it (the document's CreateInstanceDto). */
export type InstancePayload = Pick<
  CreateInstanceBody,
  'name' | 'db_type' | 'host' | 'port' | 'username' | 'password' | 'database_name' | 'description' | 'is_active'
>;

export async function fetchInstances(filter: InstancesFilter): Promise<InstancesPage> {
  const query = { db_type: filter.db_type || undefined, search: filter.search?.trim() || undefined, per_page: 500 };
  return bodyOf(await apiClient.GET('/api/v1/instances', { params: { query } }));
}

export async function fetchInstance(id: number): Promise<InstanceResponse> {
  return bodyOf(await apiClient.GET('/api/v1/instances/{id}', { params: { path: { id } } }));
}

export const instancesQuery = (filter: InstancesFilter) =>
  queryOptions({ queryKey: instanceKeys.list(filter), queryFn: () => fetchInstances(filter), placeholderData: (previous) => previous });

export const instanceQuery = (id: number) => queryOptions({ queryKey: instanceKeys.detail(id), queryFn: () => fetchInstance(id) });

export function useInstances(filter: InstancesFilter) {
  return useQuery(instancesQuery(filter));
}

export function useInstance(id: number) {
  return useQuery(instanceQuery(id));
}

function useInvalidateInstances() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: instanceKeys.all });
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
