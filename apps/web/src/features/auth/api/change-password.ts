import { apiClient } from '../../../lib/api-client';
import type { ChangePasswordBody } from '../../../lib/api-types';

/** Sets the caller's own password. The API then ends every session of the user, the calling one included. */
export async function changePassword(body: ChangePasswordBody): Promise<void> {
  await apiClient.POST('/api/v1/auth/password', { body });
}
