// Capacity figures of a container as the cards and the details panel draw them: vCPUs
// allocated against the cores and against cores x overcommit, memory allocated against what
// the host leaves to guests (total minus reserved). The limits and demands come from the one
// placement policy (core/policy/capacity), so the bars agree with every check.
import type { Container, Vm } from '../../../core/model/types';
import { containerLimits, vmDemand } from '../../../core/policy/capacity';
import { formatMiB, formatPercent } from './format';

export interface ContainerLoad {
  vmCount: number;
  vcpus: number;
  cores: number;
  /** The vCPU:core ratio allowed here: the container's overcommit, or 1 when dedicated to a cluster. */
  overcommit: number;
  dedicated: boolean;
  /** cores x overcommit: the most vCPUs the policy allows here. */
  vcpuLimit: number;
  memUsedMiB: number;
  memTotalMiB: number;
  memReservedMiB: number;
  /** Memory available to guests: total minus reserved. */
  memCapacityMiB: number;
}

/** Load of container c carrying vms; `dedicated` when a virtual cluster owns it (no overcommit). */
export function containerLoad(c: Container, vms: readonly Vm[], dedicated: boolean): ContainerLoad {
  let vcpus = 0;
  let mem = 0;
  for (const vm of vms) {
    const d = vmDemand(vm);
    vcpus += d.vcpus;
    mem += d.memoryMiB;
  }
  const limits = containerLimits(c, dedicated);
  return {
    vmCount: vms.length,
    vcpus,
    cores: c.cpu.cores,
    overcommit: dedicated ? 1 : c.cpu.overcommit,
    dedicated,
    vcpuLimit: limits.vcpus,
    memUsedMiB: mem,
    memTotalMiB: c.memoryMiB,
    memReservedMiB: c.reservedMemoryMiB,
    memCapacityMiB: limits.memoryMiB,
  };
}

export type MeterLevel = 'ok' | 'high' | 'soft' | 'over';

/** Over the hard limit, into the soft zone (overcommit), near the limit (>= 85%), or fine. */
export function meterLevel(value: number, hardLimit: number, softLimit?: number): MeterLevel {
  if (value > hardLimit) return 'over';
  if (softLimit !== undefined && value > softLimit) return 'soft';
  if (hardLimit <= 0) return value > 0 ? 'over' : 'ok';
  return value / hardLimit >= 0.85 ? 'high' : 'ok';
}

export interface MeterModel {
  value: number;
  max: number;
  softLimit?: number;
  hardLimit: number;
  zones: { from: number; to: number; kind: 'overcommit' | 'reserved' }[];
  summary: string;
  valueText: string;
  level: MeterLevel;
}

/** CPU: the scale runs to cores x overcommit (or the allocation, if higher); the part beyond
 * the cores is marked as the overcommit zone. */
export function cpuMeter(l: ContainerLoad): MeterModel {
  const max = Math.max(l.vcpuLimit, l.cores, l.vcpus, 1);
  const over = l.overcommit > 1 && l.vcpuLimit > l.cores;
  const limitText = over
    ? `, limit ${l.vcpuLimit} at ${trimRatio(l.overcommit)}x overcommit`
    : l.dedicated
      ? ', no overcommit (dedicated to a virtual cluster)'
      : '';
  return {
    value: l.vcpus,
    max,
    ...(over ? { softLimit: l.cores } : {}),
    hardLimit: l.vcpuLimit,
    zones: over ? [{ from: l.cores / max, to: l.vcpuLimit / max, kind: 'overcommit' }] : [],
    summary: `${l.vcpus} / ${l.cores} cores${over ? ` (≤ ${l.vcpuLimit})` : ''}`,
    valueText: `${l.vcpus} vCPUs allocated on ${l.cores} cores${limitText}${l.vcpus > l.vcpuLimit ? ': over the limit' : ''}`,
    level: meterLevel(l.vcpus, l.vcpuLimit, over ? l.cores : undefined),
  };
}

/** Memory: the scale is the host's total; the reserved part sits at the end of the track. */
export function memoryMeter(l: ContainerLoad): MeterModel {
  const max = Math.max(l.memTotalMiB, l.memUsedMiB, 1);
  const reserved = Math.min(l.memReservedMiB, l.memTotalMiB);
  const ratio = l.memCapacityMiB > 0 ? l.memUsedMiB / l.memCapacityMiB : Number.POSITIVE_INFINITY;
  return {
    value: l.memUsedMiB,
    max,
    hardLimit: l.memCapacityMiB,
    zones:
      reserved > 0
        ? [{ from: (l.memTotalMiB - reserved) / max, to: l.memTotalMiB / max, kind: 'reserved' }]
        : [],
    summary: `${formatMiB(l.memUsedMiB)} / ${formatMiB(l.memCapacityMiB)}`,
    valueText:
      `${formatMiB(l.memUsedMiB)} allocated of ${formatMiB(l.memCapacityMiB)} available to guests ` +
      `(${formatPercent(ratio)}; ${formatMiB(l.memReservedMiB)} of ${formatMiB(l.memTotalMiB)} reserved for the host)`,
    level: meterLevel(l.memUsedMiB, l.memCapacityMiB),
  };
}

function trimRatio(r: number): string {
  return String(Math.round(r * 100) / 100);
}

/** The load of several containers together (a domain's total); overcommit becomes the mean ratio. */
export function sumLoads(loads: ContainerLoad[]): ContainerLoad {
  const sum = (f: (l: ContainerLoad) => number) => loads.reduce((n, l) => n + f(l), 0);
  const cores = sum((l) => l.cores);
  const vcpuLimit = sum((l) => l.vcpuLimit);
  return {
    vmCount: sum((l) => l.vmCount),
    vcpus: sum((l) => l.vcpus),
    cores,
    overcommit: cores > 0 ? vcpuLimit / cores : 1,
    dedicated: false,
    vcpuLimit,
    memUsedMiB: sum((l) => l.memUsedMiB),
    memTotalMiB: sum((l) => l.memTotalMiB),
    memReservedMiB: sum((l) => l.memReservedMiB),
    memCapacityMiB: sum((l) => l.memCapacityMiB),
  };
}

/** "62%" of a limit, or "—" when there is no capacity at all. */
export function formatLoadRatio(used: number, limit: number): string {
  return limit > 0 ? formatPercent(used / limit) : used > 0 ? 'over' : '—';
}
