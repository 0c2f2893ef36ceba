// The site main has open, as last received, and the state of requests about it.
import { create } from 'zustand';
import type { SiteSnapshot } from '../../../core/ipc/contract';

export interface SiteState {
  snapshot: SiteSnapshot | null;
  /** A site request is in flight (initial load, reload, open). */
  loading: boolean;
  /** The last site request failed: its message, shown until the next success. */
  requestError: string | null;
  /** Round-trip time of the last site request, in milliseconds. */
  requestMs: number | null;
  /** True once the first site.current answer (even "no site") has arrived. */
  initialised: boolean;
  received(snapshot: SiteSnapshot | null, requestMs?: number): void;
  started(): void;
  failed(message: string): void;
  dismissError(): void;
}

export const useSiteStore = create<SiteState>()((set) => ({
  snapshot: null,
  loading: false,
  requestError: null,
  requestMs: null,
  initialised: false,
  received: (snapshot, requestMs) =>
    set((s) => ({
      snapshot,
      loading: false,
      requestError: null,
      initialised: true,
      requestMs: requestMs ?? s.requestMs,
    })),
  started: () => set({ loading: true }),
  failed: (message) => set({ loading: false, requestError: message, initialised: true }),
  dismissError: () => set({ requestError: null }),
}));
