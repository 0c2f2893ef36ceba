// Whole-site findings for the validator and the UI's container status: each overloaded
// container and each broken group is reported once (not once per VM on it), with the same
// numbers and rules that mayRun uses for a single VM.
import type { Name } from '../model/types';
import { formatGiB, listNames } from './capacity';
import type { PlacementContext } from './context';
import { staticViolations, vcpuBasis } from './rules';
import type { Violation } from './types';

/**
 * Load-independent violations of a VM where it runs now (domain, dedicated, storage,
 * network). Empty when it is unplaced or its container is not in the site.
 */
export function placedVmViolations(ctx: PlacementContext, vm: Name): Violation[] {
  const at = ctx.placementOf(vm);
  if (at === null || !ctx.container(at)) return [];
  return staticViolations(ctx, vm, at);
}

/** Memory and vCPU overload of a container as it is now. */
export function containerOverloads(ctx: PlacementContext, container: Name): Violation[] {
  const c = ctx.container(container);
  if (!c) return [];
  const out: Violation[] = [];
  const used = ctx.used(container);
  const limits = ctx.limits(container);
  const vms = listNames(ctx.vmsOn(container));
  if (used.memoryMiB > limits.memoryMiB) {
    out.push({
      rule: 'memory',
      container,
      message: `the VMs on container ${container} need ${formatGiB(used.memoryMiB)} of memory, more than the ${formatGiB(limits.memoryMiB)} it has for guests (${formatGiB(c.memoryMiB)} minus ${formatGiB(c.reservedMemoryMiB)} reserved for the host): ${vms}`,
    });
  }
  if (used.vcpus > limits.vcpus) {
    out.push({
      rule: 'vcpu',
      container,
      message: `the VMs on container ${container} have ${used.vcpus} vCPUs, more than the ${limits.vcpus} it allows (${vcpuBasis(ctx, c)}): ${vms}`,
    });
  }
  return out;
}

/** Every (group, container) pair where a group or cluster has more members than it allows. */
export function affinityOverloads(ctx: PlacementContext): Violation[] {
  const out: Violation[] = [];
  for (const g of ctx.groups()) {
    const containers = new Set<Name>();
    for (const m of g.members) {
      const at = ctx.placementOf(m);
      if (at !== null) containers.add(at);
    }
    for (const c of containers) {
      const there = ctx.groupMembersOn(g, c);
      if (there.length <= g.maxPerContainer) continue;
      const what = g.kind === 'cluster' ? `virtual cluster ${g.name}` : `anti-affinity group ${g.name}`;
      const members = g.kind === 'cluster' ? 'nodes' : 'VMs';
      out.push({
        rule: 'anti-affinity',
        container: c,
        group: { kind: g.kind, name: g.name },
        message: `${what} allows at most ${g.maxPerContainer} of its ${members} per container, but container ${c} hosts ${there.length} (${listNames(there)})`,
      });
    }
  }
  return out;
}

/** Everything wrong with the placement as it is now: per VM, per container, per group. */
export function auditPlacement(ctx: PlacementContext): Violation[] {
  const out: Violation[] = [];
  // Loops rather than push(...spread): a big site can have more findings than a call has arguments.
  for (const vm of ctx.vms()) for (const v of placedVmViolations(ctx, vm.name)) out.push(v);
  for (const c of ctx.containers()) for (const v of containerOverloads(ctx, c.name)) out.push(v);
  for (const v of affinityOverloads(ctx)) out.push(v);
  return out;
}
