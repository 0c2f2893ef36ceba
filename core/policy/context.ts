// The state the placement policy reads: name indexes built once from a Site, and where every
// VM runs now, with per-container load and per-group counts kept up to date by move(). The
// planner clones it and moves VMs thousands of times; the UI keeps one per loaded site.
import type { AntiAffinityGroup, Container, Name, Site, VirtualCluster, Vm } from '../model/types';
import { containerLimits } from './capacity';
import type { Capacity } from './types';

/** A set of VMs of which at most maxPerContainer may share a container. */
export interface AffinityGroup {
  kind: 'group' | 'cluster';
  name: Name;
  maxPerContainer: number;
  members: readonly Name[];
}

interface Load {
  vcpus: number;
  memoryMiB: number;
  vms: Set<Name>;
}

/** Immutable indexes shared by a context and all its clones. */
interface Indexes {
  site: Site;
  vms: Map<Name, Vm>;
  containers: Map<Name, Container>;
  containerPools: Map<Name, Set<Name>>;
  containerNetworks: Map<Name, Set<Name>>;
  /** Pool of each golden image, for the storage rule. */
  imagePools: Map<Name, Name>;
  /** Clusters that list a container as dedicated (more than one only in an invalid site). */
  dedicatedTo: Map<Name, VirtualCluster[]>;
  clustersOfVm: Map<Name, VirtualCluster[]>;
  groupsOfVm: Map<Name, AffinityGroup[]>;
  groups: AffinityGroup[];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** First occurrence wins: duplicate names are the validator's to report, not the policy's. */
function indexByName<T extends { name: Name }>(items: readonly T[]): Map<Name, T> {
  const map = new Map<Name, T>();
  for (const item of items) if (!map.has(item.name)) map.set(item.name, item);
  return map;
}

function clusterGroup(k: VirtualCluster): AffinityGroup | null {
  if (k.maxNodesPerContainer === undefined) return null;
  const members = [...new Set([k.head, ...k.computes])];
  return { kind: 'cluster', name: k.name, maxPerContainer: k.maxNodesPerContainer, members };
}

function antiAffinityGroup(g: AntiAffinityGroup): AffinityGroup {
  return { kind: 'group', name: g.name, maxPerContainer: g.maxPerContainer, members: [...new Set(g.vms)] };
}

function buildIndexes(site: Site): Indexes {
  const containers = indexByName(site.containers);
  const ix: Indexes = {
    site,
    vms: indexByName(site.vms),
    containers,
    containerPools: new Map([...containers.values()].map((c) => [c.name, new Set(c.pools)])),
    containerNetworks: new Map([...containers.values()].map((c) => [c.name, new Set(c.networks)])),
    imagePools: new Map([...indexByName(site.images).values()].map((i) => [i.name, i.pool])),
    dedicatedTo: new Map(),
    clustersOfVm: new Map(),
    groupsOfVm: new Map(),
    groups: [],
  };
  for (const k of site.clusters) {
    for (const c of k.containers) pushTo(ix.dedicatedTo, c, k);
    for (const n of [k.head, ...k.computes]) pushTo(ix.clustersOfVm, n, k);
    const g = clusterGroup(k);
    if (g) ix.groups.push(g);
  }
  for (const g of site.antiAffinity) ix.groups.push(antiAffinityGroup(g));
  for (const g of ix.groups) for (const m of g.members) pushTo(ix.groupsOfVm, m, g);
  return ix;
}

export class PlacementContext {
  private readonly ix: Indexes;
  private readonly placement: Map<Name, Name | null>;
  private readonly loads: Map<Name, Load>;
  /** group -> container -> how many of the group's members run there */
  private readonly groupCounts: Map<AffinityGroup, Map<Name, number>>;

  private constructor(
    ix: Indexes,
    placement: Map<Name, Name | null>,
    loads: Map<Name, Load>,
    groupCounts: Map<AffinityGroup, Map<Name, number>>,
  ) {
    this.ix = ix;
    this.placement = placement;
    this.loads = loads;
    this.groupCounts = groupCounts;
  }

  /** Build from a site, with every VM where the site says it runs (unknown containers included). */
  static fromSite(site: Site): PlacementContext {
    const ix = buildIndexes(site);
    const ctx = new PlacementContext(ix, new Map(), new Map(), new Map(ix.groups.map((g) => [g, new Map()])));
    for (const vm of ix.vms.values()) {
      ctx.placement.set(vm.name, null);
      if (vm.container !== null) ctx.place(vm, vm.container);
    }
    return ctx;
  }

  /** An independent copy of the placement state (indexes are shared: they never change). */
  clone(): PlacementContext {
    const loads = new Map<Name, Load>();
    for (const [c, l] of this.loads)
      loads.set(c, { vcpus: l.vcpus, memoryMiB: l.memoryMiB, vms: new Set(l.vms) });
    const counts = new Map<AffinityGroup, Map<Name, number>>();
    for (const [g, m] of this.groupCounts) counts.set(g, new Map(m));
    return new PlacementContext(this.ix, new Map(this.placement), loads, counts);
  }

  get site(): Site {
    return this.ix.site;
  }

  vm(name: Name): Vm | undefined {
    return this.ix.vms.get(name);
  }

  container(name: Name): Container | undefined {
    return this.ix.containers.get(name);
  }

  vms(): IterableIterator<Vm> {
    return this.ix.vms.values();
  }

  containers(): IterableIterator<Container> {
    return this.ix.containers.values();
  }

  /** Where the VM runs now; null when unplaced or unknown. */
  placementOf(vm: Name): Name | null {
    return this.placement.get(vm) ?? null;
  }

  /** Names of the VMs on a container now, in placement order. */
  vmsOn(container: Name): Name[] {
    return [...(this.loads.get(container)?.vms ?? [])];
  }

  /** vCPUs and memory used by the VMs on a container now. */
  used(container: Name): { vcpus: number; memoryMiB: number } {
    const l = this.loads.get(container);
    return { vcpus: l?.vcpus ?? 0, memoryMiB: l?.memoryMiB ?? 0 };
  }

  /** What the container offers guests (dedicated containers: no vCPU overcommit). */
  limits(container: Name): Capacity {
    const c = this.ix.containers.get(container);
    if (!c) return { vcpus: 0, memoryMiB: 0 };
    return containerLimits(c, this.isDedicated(container));
  }

  isDedicated(container: Name): boolean {
    return this.ix.dedicatedTo.has(container);
  }

  /** Clusters that claim this container as dedicated (one in a valid site). */
  dedicatedTo(container: Name): readonly VirtualCluster[] {
    return this.ix.dedicatedTo.get(container) ?? [];
  }

  clustersOf(vm: Name): readonly VirtualCluster[] {
    return this.ix.clustersOfVm.get(vm) ?? [];
  }

  /** Anti-affinity groups and clusters with a node limit that the VM belongs to. */
  groupsOf(vm: Name): readonly AffinityGroup[] {
    return this.ix.groupsOfVm.get(vm) ?? [];
  }

  groups(): readonly AffinityGroup[] {
    return this.ix.groups;
  }

  containerMountsPool(container: Name, pool: Name): boolean {
    return this.ix.containerPools.get(container)?.has(pool) ?? false;
  }

  containerHasNetwork(container: Name, network: Name): boolean {
    return this.ix.containerNetworks.get(container)?.has(network) ?? false;
  }

  imagePool(image: Name): Name | undefined {
    return this.ix.imagePools.get(image);
  }

  /** How many members of g run on the container now. */
  groupCount(g: AffinityGroup, container: Name): number {
    return this.groupCounts.get(g)?.get(container) ?? 0;
  }

  /** Members of g on the container now. */
  groupMembersOn(g: AffinityGroup, container: Name): Name[] {
    return g.members.filter((m) => this.placement.get(m) === container);
  }

  /**
   * Move a VM of the site to a container (or unplace it with null). It does not check the
   * policy: call mayRun/accepts first. Throws on names the site does not hold.
   */
  move(vm: Name, to: Name | null): void {
    const v = this.ix.vms.get(vm);
    if (!v) throw new Error(`move: the site has no vm named "${vm}"`);
    if (to !== null && !this.ix.containers.has(to))
      throw new Error(`move: the site has no container named "${to}"`);
    const from = this.placement.get(vm) ?? null;
    if (from === to) return;
    if (from !== null) this.unplace(v, from);
    if (to !== null) this.place(v, to);
  }

  private place(v: Vm, to: Name): void {
    let l = this.loads.get(to);
    if (!l) {
      l = { vcpus: 0, memoryMiB: 0, vms: new Set() };
      this.loads.set(to, l);
    }
    l.vcpus += v.vcpus;
    l.memoryMiB += v.memoryMiB;
    l.vms.add(v.name);
    this.placement.set(v.name, to);
    for (const g of this.groupsOf(v.name)) {
      const counts = this.groupCounts.get(g);
      counts?.set(to, (counts.get(to) ?? 0) + 1);
    }
  }

  private unplace(v: Vm, from: Name): void {
    const l = this.loads.get(from);
    if (l) {
      l.vcpus -= v.vcpus;
      l.memoryMiB -= v.memoryMiB;
      l.vms.delete(v.name);
    }
    this.placement.set(v.name, null);
    for (const g of this.groupsOf(v.name)) {
      const counts = this.groupCounts.get(g);
      counts?.set(from, (counts.get(from) ?? 1) - 1);
    }
  }
}
