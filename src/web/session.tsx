/**
 * Who is signed in: GET /api/me once per page load (and again after signing out), shared by
 * the header and the pages. The API client keeps the CSRF token it returns for writes.
 * And the language: a signed-in person's setting wins over what this browser started in, and
 * choosing another one (the header's switch) saves it as their setting, so e-mail follows.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Me } from '../contract/auth';
import type { Language } from '../contract/enums';
import { language, onLanguageChange, rememberLanguage, setLanguage } from './locales/language';

// The client (and the contract's schemas) load with the first page, not with the shell.
const api = () => import('./api');

export type SessionState =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ok'; me: Me };

interface SessionValue {
  state: SessionState;
  reload: () => void;
  logout: () => Promise<void>;
  /**
   * Speaks `next` from now on, remembered on this browser and, when someone is signed in,
   * saved as their setting.
   */
  chooseLanguage: (next: Language) => void;
  /** Saving the last choice as the person's setting failed (it holds on this browser only). */
  languageNotSaved: boolean;
}

const SessionContext = createContext<SessionValue>({
  state: { status: 'loading' },
  reload: () => undefined,
  logout: async () => undefined,
  chooseLanguage: () => undefined,
  languageNotSaved: false,
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
          if (controller.signal.aborted) return;
          // The person's own setting wins over this browser's choice.
          if (me.user) {
            setLanguage(me.user.language);
            rememberLanguage(me.user.language);
          }
          setState({ status: 'ok', me });
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

  const [languageNotSaved, setLanguageNotSaved] = useState(false);
  // Saves run one after the other, so the last choice is the one that stays.
  const saving = useRef<Promise<void>>(Promise.resolve());
  const signedIn = state.status === 'ok' && state.me.user !== null;
  const chooseLanguage = useCallback(
    (next: Language) => {
      setLanguage(next);
      rememberLanguage(next);
      setLanguageNotSaved(false);
      if (!signedIn) return;
      saving.current = saving.current.then(async () => {
        try {
          const client = await api();
          const { email: _email, ...settings } = await client.getSettings();
          await client.saveSettings({ ...settings, language: next });
          setState((s) =>
            s.status === 'ok' && s.me.user
              ? { status: 'ok', me: { ...s.me, user: { ...s.me.user, language: next } } }
              : s,
          );
        } catch {
          setLanguageNotSaved(true);
        }
      });
    },
    [signedIn],
  );

  return (
    <SessionContext.Provider value={{ state, reload, logout, chooseLanguage, languageNotSaved }}>
      {children}
    </SessionContext.Provider>
  );
}

/** The language the client speaks; re-renders when it changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(onLanguageChange, language, language);
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
