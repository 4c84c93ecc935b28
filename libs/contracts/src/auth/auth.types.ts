import type { Role } from '../common/constants';

export interface UserResponse {
  id: number;
  username: string;
  role: Role;
  created_at: string;
  updated_at: string;
}

export interface LoginResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  user: UserResponse;
}
