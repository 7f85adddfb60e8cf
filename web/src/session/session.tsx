import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import { capabilitiesOf, type Capabilities, type Me } from './capabilities';
import { refreshFromCookie, tokenStore } from './token-store';

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'signed-in'; me: Me; can: Capabilities };

interface SessionApi {
  state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** After a profile change: reads /api/me/ again. */
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const loadMe = useCallback(async () => {
    const me = unwrap(await api.GET('/api/me/'));
    setState({ status: 'signed-in', me, can: capabilitiesOf(me) });
  }, []);

  useEffect(() => {
    // A reload or a new tab: the cookie may still hold a live session.
    let cancelled = false;
    void (async () => {
      const token = await refreshFromCookie().catch(() => null);
      if (cancelled) return;
      if (!token) return setState({ status: 'signed-out' });
      tokenStore.set(token);
      await loadMe().catch(() => setState({ status: 'signed-out' }));
    })();
    return () => {
      cancelled = true;
    };
  }, [loadMe]);

  useEffect(
    () =>
      tokenStore.subscribe((token) => {
        if (token !== null) return;
        queryClient.clear();
        setState((current) =>
          current.status === 'signed-in'
            ? { status: 'signed-out', reason: 'Your session has ended. Sign in again.' }
            : current,
        );
      }),
    [queryClient],
  );

  const value = useMemo<SessionApi>(
    () => ({
      state,
      async signIn(username, password) {
        const session = unwrap(await api.POST('/api/auth/session/', { body: { username, password } }));
        queryClient.clear();
        tokenStore.set(session.access);
        setState({ status: 'signed-in', me: session.user, can: capabilitiesOf(session.user) });
      },
      async signOut() {
        await api.POST('/api/auth/session/logout/').catch(() => undefined);
        setState({ status: 'signed-out' });
        tokenStore.set(null);
        queryClient.clear();
      },
      reload: loadMe,
    }),
    [state, queryClient, loadMe],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in person; only for screens under the signed-in layout. */
export function useMe(): { me: Me; can: Capabilities } {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while signed out');
  return state;
}
