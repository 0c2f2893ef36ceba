// The VMs of a container (or of a domain's unplaced group) as a wrapping group of chips.
import type { Vm } from '../../../../core/model/types';
import { nodeKey } from '../../view-model/keys';
import type { RowContext } from './row-context';
import { VmChip } from './VmChip';

export function ChipGroup({ vms, ctx, label }: { vms: readonly Vm[]; ctx: RowContext; label: string }) {
  return (
    <div role="group" aria-label={label} className="chip-group">
      {vms.map((vm, i) => {
        const cluster = ctx.clusterOfVm.get(vm.name);
        return (
          <VmChip
            key={vm.name}
            vm={vm}
            matched={ctx.match.active && ctx.match.vms.has(vm.name)}
            needles={ctx.needles}
            clusterName={cluster?.name ?? null}
            isHead={cluster?.head === vm.name}
            problems={ctx.diagnostics.get(nodeKey('vm', vm.name))?.length ?? 0}
            posInSet={i + 1}
            setSize={vms.length}
          />
        );
      })}
    </div>
  );
}
