// Keyboard behaviour of the topology tree (WAI-ARIA tree pattern), as a pure function of the
// visible nodes: the component only turns the answer into focus, expand/collapse or select.
import type { NavNode } from './layout';

export type TreeAction =
  | { type: 'focus'; key: string }
  | { type: 'expand'; key: string }
  | { type: 'collapse'; key: string }
  | { type: 'select'; key: string }
  | { type: 'none' };

const PAGE = 10;

export function treeKeyAction(
  nav: readonly NavNode[],
  index: ReadonlyMap<string, number>,
  current: string | null,
  key: string,
): TreeAction {
  if (nav.length === 0) return { type: 'none' };
  const i = current === null ? -1 : (index.get(current) ?? -1);
  const at = (j: number): TreeAction => {
    const n = nav[Math.max(0, Math.min(nav.length - 1, j))];
    return n ? { type: 'focus', key: n.key } : { type: 'none' };
  };
  if (i < 0) return key === 'End' ? at(nav.length - 1) : at(0);
  const here = nav[i];
  if (!here) return { type: 'none' };
  switch (key) {
    case 'ArrowDown':
      return at(i + 1);
    case 'ArrowUp':
      return at(i - 1);
    case 'PageDown':
      return at(i + PAGE);
    case 'PageUp':
      return at(i - PAGE);
    case 'Home':
      return at(0);
    case 'End':
      return at(nav.length - 1);
    case 'ArrowRight':
      if (here.expandable && !here.expanded) return { type: 'expand', key: here.key };
      if (here.expanded && nav[i + 1]?.parent === here.key) return at(i + 1);
      return { type: 'none' };
    case 'ArrowLeft':
      if (here.expanded) return { type: 'collapse', key: here.key };
      return here.parent !== null ? { type: 'focus', key: here.parent } : { type: 'none' };
    case 'Enter':
    case ' ':
      return { type: 'select', key: here.key };
    default:
      return { type: 'none' };
  }
}
