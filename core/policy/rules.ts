// THE placement rules: may VM v run on container c, given where every other VM runs now?
// Each rule is written once and runs in two modes: collecting sentences (mayRun, for people)
// or stopping at the first violation without building strings (accepts, for the planner's
// inner loop). Both modes share the code below, so they cannot disagree.
import type { Container, Name, Vm } from '../model/types';
import { formatGiB, listNames } from './capacity';
import type { PlacementContext } from './context';
import type { Verdict, Violation } from './types';

export type VmRef = Vm | Name;
export type ContainerRef = Container | Name;

/** Where violations go; null = just say whether any rule is violated. */
type Sink = Violation[] | null;

interface Subject {
  ctx: PlacementContext;
  vm: Vm;
  c: Container;
  /** Where the VM runs now (null when unplaced or not in the site yet). */
  current: Name | null;
}

function resolveVm(ctx: PlacementContext, ref: VmRef): Vm {
  if (typeof ref !== 'string') return ref;
  const vm = ctx.vm(ref);
  if (!vm) throw new Error(`policy: the site has no vm named "${ref}"`);
  return vm;
}

function resolveContainer(ctx: PlacementContext, ref: ContainerRef): Container {
  if (typeof ref !== 'string') return ref;
  const c = ctx.container(ref);
  if (!c) throw new Error(`policy: the site has no container named "${ref}"`);
  return c;
}

function subject(ctx: PlacementContext, vmRef: VmRef, cRef: ContainerRef): Subject {
  const vm = resolveVm(ctx, vmRef);
  const c = resolveContainer(ctx, cRef);
  return { ctx, vm, c, current: ctx.vm(vm.name) ? ctx.placementOf(vm.name) : null };
}

function report(out: Sink, v: Violation): true {
  out?.push(v);
  return true;
}

// --- load-independent rules ---------------------------------------------------------------------

function domainRule({ vm, c }: Subject, out: Sink): boolean {
  if (vm.domain === c.domain) return false;
  return report(out, {
    rule: 'domain',
    vm: vm.name,
    container: c.name,
    message: `vm ${vm.name} belongs to security domain ${vm.domain}, but container ${c.name} is in domain ${c.domain}: a VM only runs on containers of its own domain`,
  });
}

/** A container in maintenance accepts nothing new; the VMs already there may stay. */
function maintenanceRule({ vm, c, current }: Subject, out: Sink): boolean {
  if (!c.maintenance || current === c.name) return false;
  return report(out, {
    rule: 'maintenance',
    vm: vm.name,
    container: c.name,
    message: `container ${c.name} is in maintenance and accepts no new VMs`,
  });
}

function dedicatedRule({ ctx, vm, c }: Subject, out: Sink): boolean {
  let violated = false;
  const owners = ctx.dedicatedTo(c.name);
  const clusters = ctx.clustersOf(vm.name);
  for (const k of owners) {
    if (clusters.includes(k)) continue;
    violated = report(out, {
      rule: 'dedicated',
      vm: vm.name,
      container: c.name,
      group: { kind: 'cluster', name: k.name },
      message: `container ${c.name} is dedicated to virtual cluster ${k.name}, and vm ${vm.name} is not one of its nodes`,
    });
    if (!out) return true;
  }
  for (const k of clusters) {
    if (k.containers.length === 0 || k.containers.includes(c.name)) continue;
    violated = report(out, {
      rule: 'dedicated',
      vm: vm.name,
      container: c.name,
      group: { kind: 'cluster', name: k.name },
      message: `vm ${vm.name} is a node of virtual cluster ${k.name}, which runs only on its dedicated containers (${listNames(k.containers)})`,
    });
    if (!out) return true;
  }
  return violated;
}

function storageRule({ ctx, vm, c }: Subject, out: Sink): boolean {
  // Fast path first: most checks pass and need no bookkeeping.
  const imagePool = vm.image === undefined ? undefined : ctx.imagePool(vm.image);
  const missingImage = imagePool !== undefined && !ctx.containerMountsPool(c.name, imagePool);
  const missingDisk = vm.disks.some((d) => !ctx.containerMountsPool(c.name, d.pool));
  if (!missingImage && !missingDisk) return false;
  if (!out) return true;
  // One sentence per missing pool, naming everything of the VM that lives on it.
  const byPool = new Map<Name, { image?: Name; disks: string[]; field: (string | number)[] }>();
  const entry = (pool: Name, field: (string | number)[]) => {
    let e = byPool.get(pool);
    if (!e) byPool.set(pool, (e = { disks: [], field }));
    return e;
  };
  if (vm.image !== undefined && missingImage && imagePool !== undefined)
    entry(imagePool, ['image']).image = vm.image;
  vm.disks.forEach((d, i) => {
    if (!ctx.containerMountsPool(c.name, d.pool)) entry(d.pool, ['disks', i, 'pool']).disks.push(d.name);
  });
  for (const [pool, e] of byPool) {
    const what = [
      ...(e.image === undefined ? [] : [`golden image ${e.image}`]),
      ...(e.disks.length ? [`${e.disks.length === 1 ? 'disk' : 'disks'} ${listNames(e.disks)}`] : []),
    ];
    report(out, {
      rule: 'storage',
      vm: vm.name,
      container: c.name,
      field: e.field,
      message: `container ${c.name} does not mount pool ${pool}, which holds ${what.join(' and ')} of vm ${vm.name}`,
    });
  }
  return true;
}

function networkRule({ ctx, vm, c }: Subject, out: Sink): boolean {
  let violated = false;
  const seen = new Set<Name>();
  for (const [i, nic] of vm.nics.entries()) {
    if (ctx.containerHasNetwork(c.name, nic.network) || seen.has(nic.network)) continue;
    seen.add(nic.network);
    violated = report(out, {
      rule: 'network',
      vm: vm.name,
      container: c.name,
      field: ['nics', i, 'network'],
      message: `container ${c.name} has no bridge for network ${nic.network}, which nic ${i} of vm ${vm.name} is on`,
    });
    if (!out) return true;
  }
  return violated;
}

// --- load-dependent rules -----------------------------------------------------------------------

/** Load on c without this VM (so asking about the container it is on does not count it twice). */
function loadWithout({ ctx, vm, c, current }: Subject): { vcpus: number; memoryMiB: number } {
  const used = ctx.used(c.name);
  if (current !== c.name) return used;
  const self = ctx.vm(vm.name) ?? vm;
  return { vcpus: used.vcpus - self.vcpus, memoryMiB: used.memoryMiB - self.memoryMiB };
}

function memoryRule(s: Subject, out: Sink): boolean {
  const limit = s.ctx.limits(s.c.name).memoryMiB;
  const free = limit - loadWithout(s).memoryMiB;
  if (s.vm.memoryMiB <= free) return false;
  if (!out) return true;
  const need = formatGiB(s.vm.memoryMiB);
  const message =
    free >= 0
      ? `container ${s.c.name} has ${formatGiB(free)} free, vm ${s.vm.name} needs ${need}`
      : `container ${s.c.name} is already ${formatGiB(-free)} over the ${formatGiB(limit)} it has for guests, vm ${s.vm.name} needs ${need}`;
  return report(out, { rule: 'memory', vm: s.vm.name, container: s.c.name, message });
}

/** "(16 cores × 2 overcommit)" or why there is no overcommit. */
export function vcpuBasis(ctx: PlacementContext, c: Container): string {
  const owner = ctx.dedicatedTo(c.name)[0];
  if (owner) return `${c.cpu.cores} cores, no overcommit: dedicated to virtual cluster ${owner.name}`;
  return `${c.cpu.cores} cores × ${c.cpu.overcommit} overcommit`;
}

function vcpuRule(s: Subject, out: Sink): boolean {
  const limit = s.ctx.limits(s.c.name).vcpus;
  const free = limit - loadWithout(s).vcpus;
  if (s.vm.vcpus <= free) return false;
  if (!out) return true;
  return report(out, {
    rule: 'vcpu',
    vm: s.vm.name,
    container: s.c.name,
    message: `container ${s.c.name} has ${Math.max(0, free)} of ${limit} vCPUs free (${vcpuBasis(s.ctx, s.c)}), vm ${s.vm.name} needs ${s.vm.vcpus}`,
  });
}

function antiAffinityRule({ ctx, vm, c, current }: Subject, out: Sink): boolean {
  let violated = false;
  for (const g of ctx.groupsOf(vm.name)) {
    const others = ctx.groupCount(g, c.name) - (current === c.name ? 1 : 0);
    if (others + 1 <= g.maxPerContainer) continue;
    violated = true;
    if (!out) return true;
    const there = ctx.groupMembersOn(g, c.name).filter((m) => m !== vm.name);
    const what = g.kind === 'cluster' ? `virtual cluster ${g.name}` : `anti-affinity group ${g.name}`;
    const members = g.kind === 'cluster' ? 'nodes' : 'VMs';
    report(out, {
      rule: 'anti-affinity',
      vm: vm.name,
      container: c.name,
      group: { kind: g.kind, name: g.name },
      message: `${what} allows at most ${g.maxPerContainer} of its ${members} per container, and container ${c.name} already hosts ${there.length} (${listNames(there)})`,
    });
  }
  return violated;
}

const STATIC_CHECKS = [domainRule, maintenanceRule, dedicatedRule, storageRule, networkRule];
const LOAD_CHECKS = [memoryRule, vcpuRule, antiAffinityRule];

function verdict(violations: Violation[]): Verdict {
  return violations.length === 0 ? { ok: true, violations: [] } : { ok: false, violations };
}

/**
 * The rules that do not depend on where other VMs run: domain, maintenance, dedicated,
 * storage, network. The planner can precompute eligibility from these. (Maintenance exempts
 * the container the VM runs on now: it may stay, it just may not come back once it leaves.)
 */
export function staticViolations(ctx: PlacementContext, vm: VmRef, container: ContainerRef): Violation[] {
  const s = subject(ctx, vm, container);
  const out: Violation[] = [];
  for (const check of STATIC_CHECKS) check(s, out);
  return out;
}

/** May vm run on container, given where every other VM runs now? Every violated rule, as sentences. */
export function mayRun(ctx: PlacementContext, vm: VmRef, container: ContainerRef): Verdict {
  const s = subject(ctx, vm, container);
  const out: Violation[] = [];
  for (const check of STATIC_CHECKS) check(s, out);
  for (const check of LOAD_CHECKS) check(s, out);
  return verdict(out);
}

/** Same answer as mayRun(...).ok, without building any sentence: for hot loops. */
export function accepts(ctx: PlacementContext, vm: VmRef, container: ContainerRef): boolean {
  const s = subject(ctx, vm, container);
  for (const check of STATIC_CHECKS) if (check(s, null)) return false;
  for (const check of LOAD_CHECKS) if (check(s, null)) return false;
  return true;
}

/** Same answer as staticViolations(...).length === 0, without sentences. */
export function staticallyEligible(ctx: PlacementContext, vm: VmRef, container: ContainerRef): boolean {
  const s = subject(ctx, vm, container);
  for (const check of STATIC_CHECKS) if (check(s, null)) return false;
  return true;
}

/** Containers of the site that would accept vm now (the UI's "could run on" list). */
export function acceptingContainers(ctx: PlacementContext, vm: VmRef): Name[] {
  const v = resolveVm(ctx, vm);
  const names: Name[] = [];
  for (const c of ctx.containers()) if (accepts(ctx, v, c)) names.push(c.name);
  return names;
}
