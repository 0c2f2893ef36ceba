// A site as the planner's packing problem, with every number and rule taken from the ONE
// placement policy (core/policy): capacities from ctx.limits (no overcommit on dedicated
// containers), demands from vmDemand, eligibility from staticallyEligible (domain,
// maintenance, dedicated, storage, network), conflict groups from the policy's groups (anti-
// affinity and cluster node limits). Nothing here restates a rule.
//
// Eligibility is computed once per class of alike VMs (same domain, image, pools, networks,
// clusters, tags, and maintenance host when on one): what the static rules read. The final
// plan is replayed through mayRun (plan-check.ts), so a rule that reads anything else would
// still be caught there.
import type { Container, Name, Site, Vm } from '../model/types';
import { PlacementContext, staticallyEligible, vmDemand } from '../policy';
import type { ConflictGroup, Eligibility, PackingProblem } from './problem';

export const SITE_DIMS = ['vcpus', 'memoryMiB'] as const;

export interface SiteProblem {
  problem: PackingProblem;
  /** The site's placement as the policy sees it. */
  ctx: PlacementContext;
  /** Item index -> VM, bin index -> container. */
  vms: Vm[];
  containers: Container[];
  vmIndex: Map<Name, number>;
  containerIndex: Map<Name, number>;
  /** VMs whose container is not in the site: treated as unplaced. */
  strays: Name[];
}

export interface SiteProblemOptions {
  /** May the planner move this VM (current = its container now, null when unplaced)? */
  movable: (vm: Vm, current: Name | null) => boolean;
  /** Containers no VM may use (an evacuated or failed container). */
  exclude?: ReadonlySet<Name>;
  /** Leave unplaced VMs out of the problem (rebalancing moves only what runs). */
  placedOnly?: boolean;
}

function classKey(ctx: PlacementContext, vm: Vm, current: Name | null): string {
  const onMaintenance = current !== null && ctx.container(current)?.maintenance === true ? current : null;
  return JSON.stringify([
    vm.domain,
    vm.image ?? null,
    [...new Set(vm.disks.map((d) => d.pool))].sort(),
    [...new Set(vm.nics.map((n) => n.network))].sort(),
    ctx
      .clustersOf(vm.name)
      .map((k) => k.name)
      .sort(),
    [...vm.tags].sort(),
    onMaintenance,
  ]);
}

export function buildSiteProblem(site: Site, opts: SiteProblemOptions): SiteProblem {
  const ctx = PlacementContext.fromSite(site);
  // The policy indexes by first occurrence of a name; so do we.
  const vms = [...ctx.vms()].filter((v) => {
    if (!opts.placedOnly) return true;
    const at = ctx.placementOf(v.name);
    return at !== null && ctx.container(at) !== undefined;
  });
  const containers = [...ctx.containers()];
  const vmIndex = new Map(vms.map((v, i) => [v.name, i]));
  const containerIndex = new Map(containers.map((c, b) => [c.name, b]));
  const d = SITE_DIMS.length;
  const demand = new Float64Array(vms.length * d);
  const capacity = new Float64Array(containers.length * d);
  const initial = new Int32Array(vms.length).fill(-1);
  const movable = new Uint8Array(vms.length);
  const strays: Name[] = [];
  const exclude = opts.exclude ?? new Set<Name>();

  vms.forEach((vm, i) => {
    const need = vmDemand(vm);
    demand[i * d] = need.vcpus;
    demand[i * d + 1] = need.memoryMiB;
    const at = ctx.placementOf(vm.name);
    const b = at === null ? undefined : containerIndex.get(at);
    if (at !== null && b === undefined) strays.push(vm.name);
    const current = b === undefined ? null : at;
    if (b !== undefined) initial[i] = b;
    // A VM on an excluded container, or not placed at all, cannot stay as it is.
    const mustMove = current === null || exclude.has(current);
    movable[i] = mustMove || opts.movable(vm, current) ? 1 : 0;
  });
  containers.forEach((c, b) => {
    const lim = ctx.limits(c.name);
    capacity[b * d] = lim.vcpus;
    capacity[b * d + 1] = lim.memoryMiB;
  });

  const keyToClass = new Map<string, number>();
  const classBins: Int32Array[] = [];
  const classOf = new Int32Array(vms.length);
  vms.forEach((vm, i) => {
    const b = initial[i] ?? -1;
    const key = classKey(ctx, vm, b >= 0 ? (containers[b]?.name ?? null) : null);
    let cls = keyToClass.get(key);
    if (cls === undefined) {
      cls = classBins.length;
      keyToClass.set(key, cls);
      const allowed: number[] = [];
      containers.forEach((c, cb) => {
        if (!exclude.has(c.name) && staticallyEligible(ctx, vm, c)) allowed.push(cb);
      });
      classBins.push(Int32Array.from(allowed));
    }
    classOf[i] = cls;
  });
  const eligibility: Eligibility = { classOf, classBins };

  const groups: ConflictGroup[] = [];
  for (const g of ctx.groups()) {
    const items = g.members.map((m) => vmIndex.get(m)).filter((i): i is number => i !== undefined);
    if (items.length > g.maxPerContainer) {
      groups.push({
        name: `${g.kind} ${g.name}`,
        items: Int32Array.from(new Set(items)),
        maxPerBin: g.maxPerContainer,
      });
    }
  }

  const problem: PackingProblem = {
    dims: d,
    dimNames: [...SITE_DIMS],
    itemCount: vms.length,
    binCount: containers.length,
    demand,
    capacity,
    cost: new Float64Array(containers.length).fill(1),
    eligibility,
    groups,
    initial,
    movable,
    itemNames: vms.map((v) => v.name),
    binNames: containers.map((c) => c.name),
  };
  return { problem, ctx, vms, containers, vmIndex, containerIndex, strays };
}
