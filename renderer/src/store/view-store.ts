// Which main view the shell shows (topology today; vault, audit, jobs, planner... later).
import { create } from 'zustand';
import type { ViewId } from '../views/registry';

export interface ViewState {
  view: ViewId;
  setView(view: ViewId): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  view: 'topology',
  setView: (view) => set({ view }),
}));
