// One request at a time from a form: busy while it runs, its error kept for the form to show.
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../api';

export interface Submit {
  busy: boolean;
  error: string | null;
  clearError(): void;
  /** Runs the request unless one is running; resolves true when it succeeded. */
  run(work: () => Promise<unknown>): Promise<boolean>;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, run };
}
