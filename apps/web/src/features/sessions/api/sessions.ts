import type { Paginated, SessionCategory, SessionDetailResponse, SessionResponse, SessionStatus } from '@capacity/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useEffectEvent } from 'react';
import { api } from '../../../lib/api-client';
import { sessionKeys } from '../../../lib/query-keys';

export const POLL_MS = 1500;

export interface SessionsFilter {
  category?: SessionCategory | '';
  status?: SessionStatus | '';
  page?: number;
  per_page?: number;
}

export function fetchSessions(filter: SessionsFilter): Promise<Paginated<SessionResponse>> {
  return api.get('/sessions', { ...filter });
}

export function fetchSession(id: string): Promise<SessionDetailResponse> {
  return api.get(`/sessions/${encodeURIComponent(id)}`);
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
