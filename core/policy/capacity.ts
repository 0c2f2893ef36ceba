// The capacity numbers every part of Paddock uses: what a container offers its guests and what a
// VM asks for. The validator, the UI's bars, live migration and the planner all call these.
import type { Container, Vm } from '../model/types';
import type { Capacity } from './types';

/**
 * What container c offers its guests. Memory: total minus what the host keeps for itself.
 * vCPUs: cores × allowed overcommit, except on a virtual cluster's dedicated containers, which
 * are never oversubscribed (one vCPU per core).
 */
export function containerLimits(c: Container, dedicated = false): Capacity {
  const ratio = dedicated ? 1 : c.cpu.overcommit;
  // The epsilon keeps 12 × 1.1 from rounding down to 13 through binary floating point.
  return {
    vcpus: Math.floor(c.cpu.cores * ratio + 1e-9),
    memoryMiB: Math.max(0, c.memoryMiB - c.reservedMemoryMiB),
  };
}

export function vmDemand(vm: Vm): Capacity {
  return { vcpus: vm.vcpus, memoryMiB: vm.memoryMiB };
}

/** "4.0 GiB": one decimal, the unit people read in the site file. */
export function formatGiB(mib: number): string {
  return `${(mib / 1024).toFixed(1)} GiB`;
}

/** "a, b, c and 4 more": names in messages stay short however many there are. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
