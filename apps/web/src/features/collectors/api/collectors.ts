import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { CollectorList } from '../../../lib/api-types';
import { collectorKeys } from '../../../lib/query-keys';

/** How often the page asks again: the heartbeats are 5 s apart. */
export const COLLECTORS_REFRESH_MS = 5000;

export async function fetchCollectors(): Promise<CollectorList> {
  return bodyOf(await apiClient.GET('/api/v1/collectors'));
}

/** The live collector processes (admin only). */
export const collectorsQuery = () => queryOptions({ queryKey: collectorKeys.list(), queryFn: fetchCollectors, refetchInterval: COLLECTORS_REFRESH_MS });

export function useCollectors() {
  return useQuery(collectorsQuery());
}
