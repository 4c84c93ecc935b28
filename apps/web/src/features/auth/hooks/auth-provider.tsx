import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { UserResponse } from '../../../lib/api-types';
import { tokenStorage } from '../../../lib/token-storage';
import { login as loginRequest } from '../api/login';
import { logout as logoutRequest } from '../api/logout';

type SignOutReason = 'logout' | 'expired' | 'password-changed';

export interface AuthValue {
  user: UserResponse | null;
  isAdmin: boolean;
  login: (username: string, password: string) => Promise<UserResponse>;
  logout: () => void;
  /** The API refused the token: forget it without calling anything. */
  expire: () => void;
  /** The password was changed: the API has already ended every session of the user, this one included. */
  passwordChanged: () => void;
  /** Why there is no user: a deliberate logout does not send the next user back to the last page. */
  signedOutBy: SignOutReason | null;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<UserResponse | null>(() => (tokenStorage.getToken() ? tokenStorage.getUser() : null));
  const [signedOutBy, setSignedOutBy] = useState<SignOutReason | null>(null);

  const login = useCallback(async (username: string, password: string) => {
    const response = await loginRequest(username, password);
    tokenStorage.save(response.access_token, response.user);
    setUser(response.user);
    setSignedOutBy(null);
    return response.user;
  }, []);

  const signOut = useCallback(
    (reason: SignOutReason) => {
      tokenStorage.clear();
      setUser(null);
      setSignedOutBy(reason);
      queryClient.clear();
    },
    [queryClient],
  );
  const logout = useCallback(() => {
    // Revoke the token on the server, without waiting: a server that is down or slow must not keep anyone signed in.
    logoutRequest().catch(() => undefined);
    signOut('logout');
  }, [signOut]);
  const expire = useCallback(() => signOut('expired'), [signOut]);
  const passwordChanged = useCallback(() => signOut('password-changed'), [signOut]);

  const value = useMemo<AuthValue>(
    () => ({ user, isAdmin: user?.role === 'admin', login, logout, expire, passwordChanged, signedOutBy }),
    [user, login, logout, expire, passwordChanged, signedOutBy],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
