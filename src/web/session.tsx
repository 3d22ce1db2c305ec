/**
 * Who is signed in: GET /api/me once per page load (and again after signing out), shared by
 * the header and the pages. The API client keeps the CSRF token it returns for writes.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Me } from '../contract/auth';

// The client (and the contract's schemas) load with the first page, not with the shell.
const api = () => import('./api');

export type SessionState =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ok'; me: Me };

interface SessionValue {
  state: SessionState;
  reload: () => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue>({
  state: { status: 'loading' },
  reload: () => undefined,
  logout: async () => undefined,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    api()
      .then((m) => m.getMe(controller.signal))
      .then(
        (me) => {
          if (!controller.signal.aborted) setState({ status: 'ok', me });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'error', error });
        },
      );
    return () => controller.abort();
  }, [attempt]);

  const logout = useCallback(async () => {
    await (await api()).logout();
    // A full load: every page's data was read as the signed-in user.
    window.location.assign('/');
  }, []);

  return (
    <SessionContext.Provider value={{ state, reload, logout }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  return useContext(SessionContext);
}

/** The signed-in user, or null (also while loading). */
export function useMe(): Me | null {
  const { state } = useSession();
  return state.status === 'ok' ? state.me : null;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInHref(me: Me | null, returnTo: string): string {
  const base = me?.signIn.url ?? '/logg-inn';
  return `${base}?returnTo=${encodeURIComponent(returnTo)}`;
}
