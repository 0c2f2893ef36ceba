// The live inventory as main last reported it (inventory.status, inventory.updated).
import { create } from 'zustand';
import type { InventoryUpdate, InventoryView, LiveHostView } from '../../../../core/ipc/contract';
import { mergeUpdate } from './live-model';

export interface LiveState {
  hosts: Record<string, LiveHostView>;
  refreshing: boolean;
  lastRefreshAt: string | null;
  /** The last refresh request failed as a whole (no site, site not loaded...). */
  requestError: string | null;
  setView(v: InventoryView): void;
  update(u: InventoryUpdate): void;
  setRequestError(message: string | null): void;
}

export const useLiveStore = create<LiveState>()((set) => ({
  hosts: {},
  refreshing: false,
  lastRefreshAt: null,
  requestError: null,
  setView: (v) =>
    set({
      hosts: Object.fromEntries(v.hosts.map((h) => [h.container, h])),
      refreshing: v.refreshing,
      lastRefreshAt: v.lastRefreshAt,
    }),
  update: (u) =>
    set((s) => ({
      hosts: mergeUpdate(s.hosts, u),
      refreshing: u.refreshing,
      lastRefreshAt: u.lastRefreshAt,
    })),
  setRequestError: (requestError) => set({ requestError }),
}));
