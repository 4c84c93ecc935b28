import type { SessionCategory, SessionStatus } from '@capacity/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useEffectEvent } from 'react';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { SessionDetailResponse, SessionsPage } from '../../../lib/api-types';
import { sessionKeys } from '../../../lib/query-keys';

export const POLL_MS = 1500;

export interface SessionsFilter {
  category?: SessionCategory | '';
  status?: SessionStatus | '';
  page?: number;
  per_page?: number;
}

export async function fetchSessions(filter: SessionsFilter): Promise<SessionsPage> {
  const query = { ...filter, category: filter.category || undefined, status: filter.status || undefined };
  return bodyOf(await apiClient.GET('/api/v1/sessions', { params: { query } }));
}

export async function fetchSession(id: string): Promise<SessionDetailResponse> {
  return bodyOf(await apiClient.GET('/api/v1/sessions/{id}', { params: { path: { id } } }));
}

export const sessionsQuery = (filter: SessionsFilter) =>
  queryOptions({
    queryKey: sessionKeys.list(filter),
    queryFn: () => fetchSessions(filter),
    // Live progress: ask again while any run on the page is still going.
    refetchInterval: (query) => (query.state.data?.data.some((s) => s.status === 'running') ? POLL_MS : false),
  });

export const sessionQuery = (id: string) =>
  queryOptions({
    queryKey: sessionKeys.detail(id),
    queryFn: () => fetchSession(id),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : POLL_MS),
  });

export function useSessions(filter: SessionsFilter) {
  return useQuery(sessionsQuery(filter));
}

/** Follows one run until it leaves `running`. */
export function useSession(id: string | null) {
  return useQuery({ ...sessionQuery(id ?? ''), enabled: Boolean(id) });
}

/** Runs `onFinished` once when the followed session leaves `running` (e.g. to refresh what it changed). */
export function useSessionFinished(id: string | null, onFinished: () => void) {
  const query = useSession(id);
  const finished = Boolean(query.data && query.data.status !== 'running');
  const notify = useEffectEvent(onFinished);
  useEffect(() => {
    if (finished) notify();
  }, [finished, id]);
  return query;
}
