// A domain's VMs with no container (or naming a container the site does not define).
import { memo } from 'react';
import { ChipGroup } from './ChipGroup';
import { ExpandToggle } from './ExpandToggle';
import type { RowProps } from './row-props';
import { TreeItem } from './TreeItem';

export const UnplacedGroup = memo(function UnplacedGroup({
  row,
  ctx,
  posInSet,
  setSize,
}: RowProps<'unplaced'>) {
  const label = `Unplaced VMs of ${row.domain.domain.name}: ${row.vms.length}`;
  return (
    <TreeItem
      nodeKey={row.key}
      level={2}
      posInSet={posInSet}
      setSize={setSize}
      label={label}
      expanded={row.expanded}
      className="card card-unplaced"
    >
      <div className="card-head">
        <ExpandToggle nodeKey={row.key} expanded={row.expanded} />
        <span className="card-name">Unplaced</span>
        <span className="card-sub">
          {row.vms.length} VM{row.vms.length === 1 ? '' : 's'} waiting for a container
        </span>
      </div>
      {row.expanded && <ChipGroup vms={row.vms} ctx={ctx} label={label} />}
    </TreeItem>
  );
});
