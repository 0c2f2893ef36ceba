// Which topology nodes are collapsed (everything starts expanded), and how many container
// cards fit side by side in the tree's current width.
import { create } from 'zustand';

export interface TreeState {
  collapsed: ReadonlySet<string>;
  columns: number;
  setColumns(columns: number): void;
  setExpanded(key: string, expanded: boolean): void;
  toggle(key: string): void;
}

export const useTreeStore = create<TreeState>()((set) => ({
  collapsed: new Set(),
  columns: 1,
  setColumns: (columns) => set((s) => (s.columns === columns ? s : { columns })),
  setExpanded: (key, expanded) =>
    set((s) => {
      if (s.collapsed.has(key) === !expanded) return s;
      const next = new Set(s.collapsed);
      if (expanded) next.delete(key);
      else next.add(key);
      return { collapsed: next };
    }),
  toggle: (key) =>
    set((s) => {
      const next = new Set(s.collapsed);
      if (!next.delete(key)) next.add(key);
      return { collapsed: next };
    }),
}));
