import { apiRequest } from '../../../lib/api-client';

/** Revokes the session's token on the server. It reads the token when called, before the caller drops it. */
export function logout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', skipAuthRedirect: true });
}
