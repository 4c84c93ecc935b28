import type { UserResponse } from '@capacity/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { tokenStorage } from '../../../lib/token-storage';
import { login as loginRequest } from '../api/login';

export interface AuthValue {
  user: UserResponse | null;
  isAdmin: boolean;
  login: (username: string, password: string) => Promise<UserResponse>;
  logout: () => void;
  /** The API refused the token: forget it without calling anything. */
  expire: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<UserResponse | null>(() => (tokenStorage.getToken() ? tokenStorage.getUser() : null));

  const login = useCallback(async (username: string, password: string) => {
    const response = await loginRequest(username, password);
    tokenStorage.save(response.access_token, response.user);
    setUser(response.user);
    return response.user;
  }, []);

  const expire = useCallback(() => {
    tokenStorage.clear();
    setUser(null);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthValue>(
    () => ({ user, isAdmin: user?.role === 'admin', login, logout: expire, expire }),
    [user, login, expire],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
