// Placement findings, all from the ONE policy module (core/policy): each placed VM against the
// load-independent rules, each container's load once, each group/cluster once per container.
// Faults already reported as bad references (unknown or foreign pool, network, domain) are
// not reported again as placement faults.
import { PlacementContext, affinityOverloads, containerOverloads, placedVmViolations } from '../policy';
import type { Rule, Violation } from '../policy';
import type { Vm } from '../model/types';
import type { Path } from './findings';
import type { RefIndex } from './parts';

const CODE: Record<Rule, string> = {
  domain: 'wrong-domain',
  storage: 'pool-not-mounted',
  network: 'network-not-bridged',
  dedicated: 'dedicated-container',
  maintenance: 'maintenance',
  memory: 'memory-over-capacity',
  vcpu: 'vcpu-overcommit',
  'anti-affinity': 'anti-affinity',
};

/** The codes of findings about where things are placed (a policy rule broken by the current
 * placement), which plans may start from: fixing them is what rebalance and evacuate do. */
export const PLACEMENT_CODES: ReadonlySet<string> = new Set(Object.values(CODE));

/** Whether a per-VM violation is about a well-formed reference (else cross-refs said it already). */
function worthReporting(refs: RefIndex, vm: Vm, v: Violation): boolean {
  if (!refs.get('domains', vm.domain)) return false;
  const [kind, j] = v.field ?? [];
  if (kind === 'disks' && typeof j === 'number')
    return refs.get('pools', vm.disks[j]?.pool ?? '')?.domain === vm.domain;
  if (kind === 'nics' && typeof j === 'number') {
    return refs.get('networks', vm.nics[j]?.network ?? '')?.domain === vm.domain;
  }
  if (kind === 'image') return refs.get('images', vm.image ?? '')?.domain === vm.domain;
  return true;
}

function checkVmPlacements(refs: RefIndex, ctx: PlacementContext): void {
  for (const { index, item: vm } of refs.parts.vms) {
    if (refs.indexOf('vms', vm.name) !== index) continue; // a duplicate: reported as such
    const found = placedVmViolations(ctx, vm.name);
    // On another domain's container, storage and network faults follow from that one mistake.
    const wrongDomain = found.filter((v) => v.rule === 'domain');
    for (const v of wrongDomain.length ? wrongDomain : found) {
      if (!worthReporting(refs, vm, v)) continue;
      const path: Path = ['vms', index, ...(v.field ?? ['container'])];
      refs.add({ code: CODE[v.rule], path, message: v.message });
    }
  }
}

function checkContainerLoads(refs: RefIndex, ctx: PlacementContext): void {
  for (const { index, item: c } of refs.parts.containers) {
    if (refs.indexOf('containers', c.name) !== index) continue;
    for (const v of containerOverloads(ctx, c.name)) {
      // A container that keeps all its memory for the host is reported as such (cross-refs).
      if (v.rule === 'memory' && c.reservedMemoryMiB >= c.memoryMiB) continue;
      const field = v.rule === 'memory' ? 'memoryGiB' : 'cpu';
      refs.add({ code: CODE[v.rule], path: ['containers', index, field], message: v.message });
    }
  }
}

function checkGroups(refs: RefIndex, ctx: PlacementContext): void {
  const clusterIndex = new Map(refs.parts.clusters.map((e) => [e.item.name, e.index]));
  const groupIndex = new Map(refs.parts.antiAffinity.map((e) => [e.item.name, e.index]));
  for (const v of affinityOverloads(ctx)) {
    if (!v.group) continue;
    const path: Path =
      v.group.kind === 'cluster'
        ? ['clusters', clusterIndex.get(v.group.name) ?? 0, 'maxNodesPerContainer']
        : ['antiAffinity', groupIndex.get(v.group.name) ?? 0, 'maxPerContainer'];
    refs.add({ code: CODE[v.rule], path, message: v.message });
  }
}

/** Warn when the disks and images on a pool add up to more than its capacity. */
function checkPoolUsage(refs: RefIndex): void {
  const used = new Map<string, number>();
  const add = (pool: string, gib: number) => used.set(pool, (used.get(pool) ?? 0) + gib);
  for (const { item } of refs.parts.images) add(item.pool, item.sizeGiB);
  for (const { item } of refs.parts.vms) for (const d of item.disks) add(d.pool, d.sizeGiB);
  for (const { index, item: p } of refs.parts.pools) {
    const u = used.get(p.name) ?? 0;
    if (refs.indexOf('pools', p.name) !== index || u <= p.capacityGiB) continue;
    refs.add({
      code: 'pool-overcommitted',
      severity: 'warning',
      path: ['pools', index, 'capacityGiB'],
      message: `disks and images on pool ${p.name} add up to ${u} GiB, more than its ${p.capacityGiB} GiB (fine for thin-provisioned images only while they stay sparse)`,
    });
  }
}

export function checkPlacement(refs: RefIndex): void {
  const ctx = PlacementContext.fromSite(refs.site());
  checkVmPlacements(refs, ctx);
  checkContainerLoads(refs, ctx);
  checkGroups(refs, ctx);
  checkPoolUsage(refs);
}
