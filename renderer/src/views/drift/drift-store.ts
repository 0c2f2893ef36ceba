// The drift view's state: the last report, the selected items, the preview being looked at and
// the result of the last write.
import { create } from 'zustand';
import type { DriftApplyView, DriftPreviewView, DriftReportView } from '../../../../core/ipc/contract';
import { pruneSelection, toggle } from './drift-model';

export interface DriftState {
  report: DriftReportView | null;
  loading: boolean;
  /** The last request of the view failed: its message, until the next success. */
  error: string | null;
  selected: string[];
  preview: DriftPreviewView | null;
  busy: 'preview' | 'apply' | null;
  applied: DriftApplyView | null;
  started(): void;
  received(report: DriftReportView): void;
  failed(message: string): void;
  toggle(id: string): void;
  setSelected(ids: string[]): void;
  setBusy(busy: DriftState['busy']): void;
  previewed(p: DriftPreviewView): void;
  closePreview(): void;
  wrote(a: DriftApplyView): void;
  dismiss(): void;
}

export const useDriftStore = create<DriftState>()((set) => ({
  report: null,
  loading: false,
  error: null,
  selected: [],
  preview: null,
  busy: null,
  applied: null,
  started: () => set({ loading: true }),
  received: (report) =>
    set((s) => {
      // A preview made from another report may no longer be what accepting would write. A set:
      // thousands of items may be accepted at once after a first refresh.
      const ids = new Set(report.items.map((i) => i.id));
      return {
        report,
        loading: false,
        error: null,
        selected: pruneSelection(s.selected, report.items),
        preview: s.preview && s.preview.accepted.every((id) => ids.has(id)) ? s.preview : null,
      };
    }),
  failed: (message) => set({ loading: false, busy: null, error: message }),
  toggle: (id) => set((s) => ({ selected: toggle(s.selected, id) })),
  setSelected: (ids) => set({ selected: ids }),
  setBusy: (busy) => set({ busy }),
  previewed: (preview) => set({ preview, busy: null, error: null }),
  closePreview: () => set({ preview: null }),
  wrote: (applied) => set({ applied, preview: null, busy: null, error: null, selected: [] }),
  dismiss: () => set({ error: null, applied: null }),
}));
