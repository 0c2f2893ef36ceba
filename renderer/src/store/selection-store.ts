// What is selected (shown in the details panel) and which tree node holds the roving focus.
// Components subscribe with `s.selected === myKey`, so a selection change re-renders only the
// node that lost it and the node that gained it.
import { create } from 'zustand';

export interface SelectionState {
  selected: string | null;
  focused: string | null;
  /** Bumped when keyboard focus must move to `focused` in the DOM (not on clicks). */
  focusRequest: number;
  /** Bumped when the tree must scroll to (and expand the parents of) `selected`. */
  revealRequest: number;
  /** Select a node; `reveal` when the choice came from outside the tree (details links, errors). */
  select(key: string | null, reveal?: boolean): void;
  focus(key: string, moveDomFocus?: boolean): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  selected: null,
  focused: null,
  focusRequest: 0,
  revealRequest: 0,
  select: (key, reveal = false) =>
    set((s) =>
      key === null
        ? { selected: null }
        : { selected: key, focused: key, revealRequest: reveal ? s.revealRequest + 1 : s.revealRequest },
    ),
  focus: (key, moveDomFocus = false) =>
    set((s) => ({ focused: key, focusRequest: moveDomFocus ? s.focusRequest + 1 : s.focusRequest })),
}));
