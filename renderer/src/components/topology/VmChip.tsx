// A VM in the topology: state as icon + colour, name, head-node marker and a problem flag.
import { memo } from 'react';
import type { Vm } from '../../../../core/model/types';
import { nodeKey } from '../../view-model/keys';
import { Highlighted } from '../common/Highlighted';
import { VmLiveMark } from '../live/VmLiveMark';
import { StateIcon } from '../common/StateIcon';
import { TreeItem } from './TreeItem';

export interface VmChipProps {
  vm: Vm;
  /** Matches the active search. */
  matched: boolean;
  needles: readonly string[];
  clusterName: string | null;
  isHead: boolean;
  problems: number;
  posInSet: number;
  setSize: number;
}

export const VmChip = memo(function VmChip({
  vm,
  matched,
  needles,
  clusterName,
  isHead,
  problems,
  posInSet,
  setSize,
}: VmChipProps) {
  const label = [
    `VM ${vm.name}`,
    vm.state,
    clusterName ? `${isHead ? 'head node' : 'node'} of cluster ${clusterName}` : null,
    problems > 0 ? `${problems} problem${problems === 1 ? '' : 's'} in the site file` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <TreeItem
      nodeKey={nodeKey('vm', vm.name)}
      level={3}
      posInSet={posInSet}
      setSize={setSize}
      label={label}
      title={label}
      className={`chip chip-${vm.state}${matched ? ' is-match' : ''}`}
    >
      <StateIcon state={vm.state} />
      <span className="chip-name">
        <Highlighted text={vm.name} needles={needles} />
      </span>
      {isHead && <span className="chip-head">head</span>}
      <VmLiveMark vm={vm} />
      {problems > 0 && (
        <span className="chip-problem" aria-hidden="true">
          !
        </span>
      )}
    </TreeItem>
  );
});
