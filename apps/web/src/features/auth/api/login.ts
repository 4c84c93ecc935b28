import { apiClient, bodyOf } from '../../../lib/api-client';
import type { LoginResponse } from '../../../lib/api-types';

export async function login(username: string, password: string): Promise<LoginResponse> {
  return bodyOf(await apiClient.POST('/api/v1/auth/login', { body: { username, password } }));
}
