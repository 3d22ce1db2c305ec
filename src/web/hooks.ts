import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';
import { isAbort } from './errors';

export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'ok'; data: T };

/**
 * Runs `load` when `key` changes (aborting the previous run) and reports its state.
 * `key` is a string so callers state exactly what the request depends on.
 */
export function useAsync<T>(key: string, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<{ key: string; value: AsyncState<T> }>({
    key,
    value: { status: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState({ key, value: { status: 'loading' } });
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'ok', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) {
          setState({ key, value: { status: 'error', error, retry } });
        }
      },
    );
    return () => controller.abort();
  }, [key, attempt, retry]);

  return state.key === key ? state.value : { status: 'loading' };
}

/** The breakpoint below which pages use their phone layout (cards, agenda, compact header). */
export const PHONE_QUERY = '(max-width: 40rem)';

/** Whether the media query matches now; re-renders when that changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/**
 * Whether an element is wider inside than it is shown (it scrolls sideways); follows its size
 * and its content's.
 */
export function useOverflowsX(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

/**
 * A ref and a `focusSoon()` that moves focus to the ref's element once React has committed the
 * render the caller's state changes cause (an effect, not an animation frame: a busy or
 * background tab holds frames back, and a frame can come before the commit).
 */
export function useFocusAfterRender<T extends HTMLElement>(): [RefObject<T | null>, () => void] {
  const ref = useRef<T>(null);
  const [requested, setRequested] = useState(0);
  useEffect(() => {
    if (requested > 0) ref.current?.focus();
  }, [requested]);
  const focusSoon = useCallback(() => setRequested((n) => n + 1), []);
  return [ref, focusSoon];
}
