import { queryOptions } from '@tanstack/react-query';
import { apiClient, bodyOf } from './api-client';
import type { SettingsResponse } from './api-types';
import { settingsKeys } from './query-keys';

export async function fetchSettings(): Promise<SettingsResponse> {
  return bodyOf(await apiClient.GET('/api/v1/settings'));
}

/** The settings do not change while the server runs: fetched once per session. */
export const settingsQuery = () => queryOptions({ queryKey: settingsKeys.all, queryFn: fetchSettings, staleTime: Infinity });
