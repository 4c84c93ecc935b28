import type { StatsTable } from '@capacity/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { CleanupPartitionsBody, PartitionCleanupResult, PartitionCreateResult, PartitionListResponse, PartitionStatusResponse } from '../../../lib/api-types';
import { partitionKeys } from '../../../lib/query-keys';

export async function fetchPartitionStatus(): Promise<PartitionStatusResponse> {
  return bodyOf(await apiClient.GET('/api/v1/partitions/status'));
}

export async function fetchPartitions(table: StatsTable): Promise<PartitionListResponse> {
  return bodyOf(await apiClient.GET('/api/v1/partitions', { params: { query: { table } } }));
}

export const partitionStatusQuery = () => queryOptions({ queryKey: partitionKeys.status(), queryFn: fetchPartitionStatus });

export const partitionListQuery = (table: StatsTable) => queryOptions({ queryKey: partitionKeys.list(table), queryFn: () => fetchPartitions(table) });

export const usePartitionStatus = () => useQuery(partitionStatusQuery());
export const usePartitionList = (table: StatsTable) => useQuery(partitionListQuery(table));

async function createPartitions(futureMonths: number): Promise<PartitionCreateResult> {
  return bodyOf(await apiClient.POST('/api/v1/partitions/create', { body: { future_months: futureMonths } }));
}

export function useCreatePartitions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createPartitions,
    onSuccess: () => client.invalidateQueries({ queryKey: partitionKeys.all }),
  });
}


async function cleanupPartitions(request: CleanupPartitionsBody): Promise<PartitionCleanupResult> {
  return bodyOf(await apiClient.POST('/api/v1/partitions/cleanup', { body: request }));
}

export function useCleanupPartitions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: cleanupPartitions,
    onSuccess: (result) => {
      if (!result.dry_run) void client.invalidateQueries({ queryKey: partitionKeys.all });
    },
  });
}
