import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { MeResponse } from '../../src/contracts/auth.ts';
import { meResponseSchema } from '../../src/contracts/auth.ts';
import { ApiError, command, request, setCsrfToken } from './api.ts';

interface SessionState {
  me: MeResponse | null;
  loading: boolean;
  isAdmin: boolean;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is signed in (GET /api/auth/me); the CSRF token comes with it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const current = await request(meResponseSchema, 'GET', '/api/auth/me');
      setCsrfToken(current.csrfToken);
      setMe(current);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      setCsrfToken(null);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  const logout = useCallback(async () => {
    await command('POST', '/api/auth/logout');
    setCsrfToken(null);
    setMe(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <SessionContext.Provider
      value={{ me, loading, isAdmin: me?.role === 'admin', refresh, logout }}
    >
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
