// Whether one node is selected and whether it holds the roving tab stop. Each is its own
// boolean subscription, so changing the selection re-renders two nodes, not the whole tree.
import { useSelectionStore } from '../../store/selection-store';

export function useNodeStatus(key: string): { selected: boolean; tabStop: boolean } {
  const selected = useSelectionStore((s) => s.selected === key);
  const tabStop = useSelectionStore((s) => s.focused === key);
  return { selected, tabStop };
}
