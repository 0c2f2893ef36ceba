// The Audit view's filters, the page main answered, and how many records were written since.
import { create } from 'zustand';
import type { AuditPageView, AuditRecordView, AuditRowView } from '../../../../core/ipc/contract';

export interface AuditFilters {
  domain: string;
  host: string;
  text: string;
  /** "" = every command; "done" = outcome recorded; "unfinished" = running or no outcome. */
  status: '' | 'done' | 'unfinished';
  /** datetime-local values ("" = open). */
  since: string;
  until: string;
  limit: number;
}

export const DEFAULT_AUDIT_FILTERS: AuditFilters = {
  domain: '',
  host: '',
  text: '',
  status: '',
  since: '',
  until: '',
  limit: 1000,
};

export interface AuditState {
  filters: AuditFilters;
  page: AuditPageView | null;
  loading: boolean;
  error: string | null;
  /** Records written since the page was read (audit.appended) that may add rows. */
  newSince: number;
  setFilters(f: Partial<AuditFilters>): void;
  started(): void;
  received(page: AuditPageView): void;
  failed(message: string): void;
  appended(record?: AuditRecordView): void;
}

/** The shown row of a running command, finished by its end record (null: not shown). */
function finishRow(page: AuditPageView, end: AuditRecordView): AuditPageView | null {
  if (end.phase !== 'end' || end.id === undefined) return null;
  const i = page.records.findIndex((r) => r.id === end.id);
  if (i < 0) return null;
  const { phase: _phase, ...fields } = end;
  const row: AuditRowView = { ...fields, state: 'done' };
  const records = [...page.records];
  records[i] = row;
  return { ...page, records };
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
  appended: (record) =>
    set((s) => {
      // The end of a command on screen updates its row at once; anything else is re-read.
      const finished = s.page && record ? finishRow(s.page, record) : null;
      return finished ? { page: finished } : { newSince: s.newSince + 1 };
    }),
}));
