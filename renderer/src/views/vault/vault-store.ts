// The vaults as main last described them (lock states and credentials' public faces only), and
// which domain the Vault view shows.
import { create } from 'zustand';
import type { VaultListing } from '../../../../core/ipc/contract';

export interface VaultState {
  listing: VaultListing | null;
  /** Reading the listing failed: why (shown in the view). */
  error: string | null;
  selected: string | null;
  received(listing: VaultListing): void;
  failed(message: string): void;
  select(domain: string): void;
}

export const useVaultStore = create<VaultState>()((set) => ({
  listing: null,
  error: null,
  selected: null,
  received: (listing) =>
    set((s) => ({
      listing,
      error: null,
      // Keep the selection while its domain exists; else the first domain.
      selected:
        s.selected && listing.domains.some((d) => d.domain === s.selected)
          ? s.selected
          : (listing.domains[0]?.domain ?? null),
    })),
  failed: (error) => set({ error }),
  select: (selected) => set({ selected }),
}));
