// A compact list of VMs (links) with their state and size.
import type { Vm } from '../../../../core/model/types';
import { formatMiB } from '../../view-model/format';
import { StateIcon } from '../common/StateIcon';
import { NodeLink } from './NodeLink';

export function VmStateList({ vms }: { vms: readonly Vm[] }) {
  if (vms.length === 0) return <p className="muted">No VMs.</p>;
  return (
    <ul className="vm-list">
      {vms.map((vm) => (
        <li key={vm.name}>
          <span className={`chip-${vm.state} vm-list-state`} title={vm.state}>
            <StateIcon state={vm.state} />
            <span className="visually-hidden">{vm.state}</span>
          </span>
          <NodeLink kind="vm" name={vm.name} />
          <span className="muted small">
            {vm.vcpus} vCPU · {formatMiB(vm.memoryMiB)}
          </span>
        </li>
      ))}
    </ul>
  );
}
