// What the details panel says about placement, all from the one policy module (core/policy):
// for a VM, whether it may run where it is and where else it could go; for a container, its
// load and the rules that bind it. No rule is re-implemented here.
import type { Container, Name, Vm } from '../../../core/model/types';
import {
  accepts,
  affinityOverloads,
  containerOverloads,
  mayRun,
  placedVmViolations,
  vmDemand,
  type PlacementContext,
  type Verdict,
  type Violation,
} from '../../../core/policy';
import { formatMiB } from './format';

export interface Refusal {
  container: Name;
  violations: Violation[];
}

export interface VmPolicyStatus {
  /** Container the VM runs on when the site defines it; null when unplaced or unknown. */
  host: Name | null;
  /** The container name the VM names but the site does not define, if so. */
  unknownHost: Name | null;
  /** mayRun on its own container (null when it has none). */
  here: Verdict | null;
  /** Other containers that would accept it now. */
  accepting: Name[];
  /** Containers of its own domain that would refuse it, each with every reason. */
  refusing: Refusal[];
  /** Containers of other domains: excluded by domain isolation, counted rather than listed. */
  otherDomains: number;
}

export function vmPolicyStatus(ctx: PlacementContext, vm: Vm): VmPolicyStatus {
  const host = vm.container !== null && ctx.container(vm.container) ? vm.container : null;
  const status: VmPolicyStatus = {
    host,
    unknownHost: vm.container !== null && host === null ? vm.container : null,
    here: host ? mayRun(ctx, vm, host) : null,
    accepting: [],
    refusing: [],
    otherDomains: 0,
  };
  for (const c of ctx.containers()) {
    if (c.name === host) continue;
    if (c.domain !== vm.domain) {
      status.otherDomains++;
      continue;
    }
    if (accepts(ctx, vm, c)) status.accepting.push(c.name);
    else status.refusing.push({ container: c.name, violations: mayRun(ctx, vm, c).violations });
  }
  return status;
}

export interface Headroom {
  memoryFreeMiB: number;
  vcpusFree: number;
  /** How many more VMs of the domain's median size fit by memory and by vCPUs. */
  fitByMemory: number;
  fitByVcpus: number;
  median: { vcpus: number; memoryMiB: number } | null;
}

export interface ContainerPolicyStatus {
  used: { vcpus: number; memoryMiB: number };
  limits: { vcpus: number; memoryMiB: number };
  headroom: Headroom;
  /** Sentences naming the rules that shape what may run here. */
  binding: string[];
  /** Memory / vCPU overloads and anti-affinity breaches here, as the validator reports them. */
  problems: Violation[];
  /** VMs placed here that break a load-independent rule (wrong domain, missing pool...). */
  misplaced: { vm: Name; violations: Violation[] }[];
}

export function containerPolicyStatus(ctx: PlacementContext, c: Container): ContainerPolicyStatus {
  const used = ctx.used(c.name);
  const limits = ctx.limits(c.name);
  const headroom = headroomOf(ctx, c, used, limits);
  const binding: string[] = [`Only VMs of security domain ${c.domain} may run here (domain isolation).`];
  const onIt = ctx.vmsOn(c.name);
  if (c.maintenance) {
    binding.push(
      `In maintenance: accepts no new VMs; the ${onIt.length} already here may stay until drained.`,
    );
  }
  for (const k of ctx.dedicatedTo(c.name)) {
    binding.push(
      `Dedicated to virtual cluster ${k.name}: only its nodes may run here, with no vCPU overcommit (limit = ${c.cpu.cores} cores).`,
    );
  }
  binding.push(bindingResource(headroom));
  binding.push(
    c.pools.length > 0
      ? `Storage: mounts ${c.pools.join(', ')}; a VM whose image or disks live on another pool cannot run here.`
      : 'Storage: mounts no pool; only VMs without image or disks could run here.',
  );
  binding.push(
    c.networks.length > 0
      ? `Networks: bridges for ${c.networks.join(', ')}; a VM with a NIC on another network cannot run here.`
      : 'Networks: no bridges; only VMs without NICs could run here.',
  );
  for (const g of ctx.groups()) {
    const n = ctx.groupCount(g, c.name);
    if (n >= g.maxPerContainer && n > 0) {
      const what = g.kind === 'cluster' ? `Virtual cluster ${g.name}` : `Anti-affinity group ${g.name}`;
      binding.push(
        `${what} is at its limit here (${n} of at most ${g.maxPerContainer}): no other member may come.`,
      );
    }
  }
  const problems = [
    ...containerOverloads(ctx, c.name),
    ...affinityOverloads(ctx).filter((v) => v.container === c.name),
  ];
  const misplaced = onIt
    .map((vm) => ({ vm, violations: placedVmViolations(ctx, vm) }))
    .filter((m) => m.violations.length > 0);
  return { used, limits, headroom, binding, problems, misplaced };
}

function headroomOf(
  ctx: PlacementContext,
  c: Container,
  used: { vcpus: number; memoryMiB: number },
  limits: { vcpus: number; memoryMiB: number },
): Headroom {
  const memoryFreeMiB = limits.memoryMiB - used.memoryMiB;
  const vcpusFree = limits.vcpus - used.vcpus;
  const demands = [...ctx.vms()].filter((vm) => vm.domain === c.domain).map(vmDemand);
  const median =
    demands.length > 0
      ? { vcpus: medianOf(demands.map((d) => d.vcpus)), memoryMiB: medianOf(demands.map((d) => d.memoryMiB)) }
      : null;
  const fit = (free: number, need: number | undefined) =>
    need && need > 0 ? Math.max(0, Math.floor(free / need)) : 0;
  return {
    memoryFreeMiB,
    vcpusFree,
    fitByMemory: fit(memoryFreeMiB, median?.memoryMiB),
    fitByVcpus: fit(vcpusFree, median?.vcpus),
    median,
  };
}

/** Which resource runs out first, in a sentence. */
export function bindingResource(h: Headroom): string {
  const mem = `${formatMiB(Math.max(0, h.memoryFreeMiB))} memory free`;
  const cpu = `${Math.max(0, h.vcpusFree)} vCPUs free`;
  if (h.memoryFreeMiB < 0 || h.vcpusFree < 0) {
    const over = [
      h.memoryFreeMiB < 0 ? `memory by ${formatMiB(-h.memoryFreeMiB)}` : null,
      h.vcpusFree < 0 ? `vCPUs by ${-h.vcpusFree}` : null,
    ];
    return `Capacity: over its limit (${over.filter(Boolean).join(', ')}); nothing more fits.`;
  }
  if (!h.median) return `Capacity: ${mem}, ${cpu}.`;
  const size = `${formatMiB(h.median.memoryMiB)}, ${h.median.vcpus} vCPU${h.median.vcpus === 1 ? '' : 's'}`;
  const first =
    h.fitByMemory < h.fitByVcpus ? 'Memory' : h.fitByVcpus < h.fitByMemory ? 'vCPUs' : 'Memory and vCPUs';
  const fits = Math.min(h.fitByMemory, h.fitByVcpus);
  return `Capacity: ${mem}, ${cpu}. ${first} bind${first === 'Memory' ? 's' : ''} first: room for ${fits} more VM${fits === 1 ? '' : 's'} of the domain's median size (${size}).`;
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? 0;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? hi) + hi) / 2;
}
