import { useCallback, useEffect, useRef, useState } from 'react';
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
