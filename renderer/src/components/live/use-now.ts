// A clock shared by every "updated 3 s ago": one timer for the whole page, ticking only while
// something shows an age.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const still = (): (() => void) => () => undefined;

/** The current time, re-rendering every second; `ticking` false (nothing to age yet) costs no
 * timer and no re-render, which matters with hundreds of container cards. */
export function useNow(ticking = true): number {
  return useSyncExternalStore(ticking ? subscribe : still, () => now);
}
