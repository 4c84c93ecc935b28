import type {
  DbType,
  InstanceResponse,
  Paginated,
  RunAcceptedResponse,
  TestConnectionResponse,
} from '@capacity/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { instanceKeys } from '../../../lib/query-keys';

export interface InstancesFilter {
  db_type?: DbType | '';
  search?: string;
}

/** The body of POST /instances and PATCH /instances/:id, as the form builds it. */
export interface InstancePayload {
  name: string;
  db_type: DbType;
  host: string;
  port: number;
  username: string;
  password?: string;
  database_name: string | null;
  description: string | null;
  is_active: boolean;
}

export function fetchInstances(filter: InstancesFilter): Promise<Paginated<InstanceResponse>> {
  return api.get('/instances', { db_type: filter.db_type, search: filter.search?.trim(), per_page: 500 });
}

export function fetchInstance(id: number): Promise<InstanceResponse> {
  return api.get(`/instances/${id}`);
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

export function useSaveInstance() {
  const invalidate = useInvalidateInstances();
  return useMutation({
    mutationFn: ({ id, payload }: { id?: number; payload: InstancePayload }) =>
      id ? api.patch<InstanceResponse>(`/instances/${id}`, payload) : api.post<InstanceResponse>('/instances', payload),
    onSuccess: invalidate,
  });
}

export function useDeleteInstance() {
  const invalidate = useInvalidateInstances();
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/instances/${id}`), onSuccess: invalidate });
}

export function useTestConnection() {
  return useMutation({ mutationFn: (id: number) => api.post<TestConnectionResponse>(`/instances/${id}/test-connection`) });
}

export function useCollectNow() {
  return useMutation({
    mutationFn: (instanceId: number) => api.post<RunAcceptedResponse>('/collections/run', { instance_id: instanceId }),
  });
}
