// Reconnect delays: exponential from `baseMs`, capped at `maxMs`, with "full jitter" below the
// exponential value so that many hosts failing together do not retry in lockstep.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 30_000, factor: 2 };

/** The ceiling before jitter for the nth consecutive failure (1-based). */
export function backoffCeiling(failures: number, p: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  return Math.min(p.maxMs, p.baseMs * p.factor ** Math.min(failures - 1, 60));
}

/** Delay before the next attempt after `failures` consecutive failures; random in [ceiling/2, ceiling]. */
export function backoffDelay(
  failures: number,
  p: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const c = backoffCeiling(failures, p);
  return Math.round(c / 2 + (random() * c) / 2);
}
