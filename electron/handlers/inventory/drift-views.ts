// Drift items as the renderer sees them: the core's message, and each fix as the sentence of
// what accepting it writes into the site file.
import type { DriftFix, DriftItem } from '../../../core/discovery/types';
import type { DriftItemView } from '../../../core/ipc/contract';

const GIB = 1024;

export function fixText(f: DriftFix): string {
  switch (f.op) {
    case 'set-container':
      return f.container === null
        ? `${f.vm}: container -> null (unplaced)`
        : `${f.vm}: container -> ${f.container}`;
    case 'set-state':
      return `${f.vm}: state -> ${f.state}`;
    case 'set-vcpus':
      return `${f.vm}: vcpus -> ${f.vcpus}`;
    case 'set-memory':
      return `${f.vm}: memoryGiB -> ${f.memoryMiB / GIB}`;
    case 'set-nics':
      return `${f.vm}: nics -> ${f.nics.map((n) => `${n.network}${n.mac ? ` ${n.mac}` : ''}`).join(', ') || 'none'}`;
    case 'add-vm':
      return `add VM ${f.vm.name} (domain ${f.vm.domain}, on ${f.vm.container ?? 'no container'})`;
  }
}

export function driftItemView(i: DriftItem): DriftItemView {
  return {
    id: i.id,
    kind: i.kind,
    vm: i.vm,
    severity: i.severity,
    containers: [...i.containers],
    message: i.message,
    fixes: (i.fixes ?? []).map(fixText),
  };
}
