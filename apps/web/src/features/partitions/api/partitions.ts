import type {
  PartitionCleanupResult,
  PartitionCreateResult,
  PartitionListResponse,
  PartitionStatusResponse,
  StatsTable,
} from '@capacity/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { partitionKeys } from '../../../lib/query-keys';

export const partitionStatusQuery = () =>
  queryOptions({ queryKey: partitionKeys.status(), queryFn: () => api.get<PartitionStatusResponse>('/partitions/status') });

export const partitionListQuery = (table: StatsTable) =>
  queryOptions({ queryKey: partitionKeys.list(table), queryFn: () => api.get<PartitionListResponse>('/partitions', { table }) });

export const usePartitionStatus = () => useQuery(partitionStatusQuery());
export const usePartitionList = (table: StatsTable) => useQuery(partitionListQuery(table));

export function useCreatePartitions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (futureMonths: number) => api.post<PartitionCreateResult>('/partitions/create', { future_months: futureMonths }),
    onSuccess: () => client.invalidateQueries({ queryKey: partitionKeys.all }),
  });
}

export interface CleanupRequest {
  retention_months: number;
  dry_run: boolean;
  drop_without_archive?: boolean;
}

export function useCleanupPartitions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CleanupRequest) => api.post<PartitionCleanupResult>('/partitions/cleanup', request),
    onSuccess: (result) => {
      if (!result.dry_run) void client.invalidateQueries({ queryKey: partitionKeys.all });
    },
  });
}
