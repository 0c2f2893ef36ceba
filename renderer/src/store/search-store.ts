// The search box's text; parsing and matching are derived (see ./derived).
import { create } from 'zustand';

export interface SearchState {
  text: string;
  /** Bumped to ask the search box to take keyboard focus ('/', Ctrl+F, menu). */
  focusRequest: number;
  setText(text: string): void;
  requestFocus(): void;
}

export const useSearchStore = create<SearchState>()((set) => ({
  text: '',
  focusRequest: 0,
  setText: (text) => set({ text }),
  requestFocus: () => set((s) => ({ focusRequest: s.focusRequest + 1 })),
}));
