import type { LoginResponse } from '@capacity/contracts';
import { apiRequest } from '../../../lib/api-client';

export function login(username: string, password: string): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', {
    method: 'POST',
    body: { username, password },
    skipAuthRedirect: true,
  });
}
