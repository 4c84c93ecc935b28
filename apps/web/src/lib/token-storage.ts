
import type { UserResponse } from './api-types';
const TOKEN_KEY = 'capacity.token';
const USER_KEY = 'capacity.user';

/** The session's token and user live in sessionStorage: closing the tab logs out. */
export const tokenStorage = {
  getToken(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  getUser(): UserResponse | null {
    const raw = sessionStorage.getItem(USER_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as UserResponse;
    } catch {
      return null;
    }
  },
  save(token: string, user: UserResponse): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};
