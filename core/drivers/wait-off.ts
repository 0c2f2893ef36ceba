// Shutdown with a timeout, shared by the drivers: after asking the guest to shut down, poll its
// state until it is off or the time is up, then report what was seen (never hang, never lie).
import type { VmState } from '../model/types';
import type { ShutdownOptions, ShutdownResult } from './types';

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export async function waitUntilOff(
  name: string,
  getState: () => Promise<VmState>,
  options: ShutdownOptions,
  now: () => number = Date.now,
): Promise<ShutdownResult> {
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs < 0)
    throw new Error(`shutdown ${name}: timeoutMs must be a non-negative number`);
  const pollMs = Math.max(50, options.pollMs ?? 1000);
  const start = now();
  for (;;) {
    const state = await getState();
    const elapsedMs = now() - start;
    if (state === 'stopped' || state === 'crashed') return { name, state, timedOut: false, elapsedMs };
    if (elapsedMs >= options.timeoutMs) return { name, state, timedOut: true, elapsedMs };
    await sleep(Math.min(pollMs, options.timeoutMs - elapsedMs), options.signal);
  }
}
