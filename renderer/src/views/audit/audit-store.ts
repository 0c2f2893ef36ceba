// The Audit view's filters, the page main answered, and how many records were written since.
import { create } from 'zustand';
import type { AuditPageView } from '../../../../core/ipc/contract';

export interface AuditFilters {
  domain: string;
  host: string;
  text: string;
  /** datetime-local values ("" = open). */
  since: string;
  until: string;
  limit: number;
}

export const DEFAULT_AUDIT_FILTERS: AuditFilters = {
  domain: '',
  host: '',
  text: '',
  since: '',
  until: '',
  limit: 1000,
};

export interface AuditState {
  filters: AuditFilters;
  page: AuditPageView | null;
  loading: boolean;
  error: string | null;
  /** Records written since the page was read (audit.appended). */
  newSince: number;
  setFilters(f: Partial<AuditFilters>): void;
  started(): void;
  received(page: AuditPageView): void;
  failed(message: string): void;
  appended(): void;
}

export const useAuditStore = create<AuditState>()((set) => ({
  filters: DEFAULT_AUDIT_FILTERS,
  page: null,
  loading: false,
  error: null,
  newSince: 0,
  setFilters: (f) => set((s) => ({ filters: { ...s.filters, ...f } })),
  started: () => set({ loading: true }),
  received: (page) => set({ page, loading: false, error: null, newSince: 0 }),
  failed: (error) => set({ loading: false, error }),
  appended: () => set((s) => ({ newSince: s.newSince + 1 })),
}));
