// One focusable node of the topology tree: the ARIA tree-item attributes, the roving tab stop
// and the selected state, shared by domains, clusters, containers, groups and VM chips.
import type { ReactNode } from 'react';
import type { NavNode } from '../../view-model/layout';
import { useNodeStatus } from './use-node-status';

export interface TreeItemProps {
  nodeKey: string;
  level: NavNode['level'];
  posInSet: number;
  setSize: number;
  label: string;
  /** Omit for leaves: only nodes with children carry aria-expanded. */
  expanded?: boolean;
  className: string;
  title?: string;
  children: ReactNode;
}

export function TreeItem({
  nodeKey,
  level,
  posInSet,
  setSize,
  label,
  expanded,
  className,
  title,
  children,
}: TreeItemProps) {
  const { selected, tabStop } = useNodeStatus(nodeKey);
  return (
    <div
      role="treeitem"
      aria-level={level}
      aria-selected={selected}
      aria-expanded={expanded}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-label={label}
      title={title}
      tabIndex={tabStop ? 0 : -1}
      data-key={nodeKey}
      className={`${className}${selected ? ' is-selected' : ''}`}
    >
      {children}
    </div>
  );
}
