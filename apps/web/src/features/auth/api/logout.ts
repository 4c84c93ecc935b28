import { apiClient } from '../../../lib/api-client';

/** Revokes the session's token on the server. It reads the token when called, before the caller drops it. */
export async function logout(): Promise<void> {
  await apiClient.POST('/api/v1/auth/logout');
}
