// The topology the UI draws, derived once per loaded site: domains -> containers -> VMs,
// unplaced VMs per domain, clusters per domain, and name indexes for the details panel.
// A site that loaded with errors may hold dangling references (a VM on an unknown container,
// a container of an unknown domain); nothing is dropped: such entities are still shown, under
// a placeholder domain or in the unplaced group, and the diagnostics list says what is wrong.
import type { Container, Domain, Site, VirtualCluster, Vm } from '../../../core/model/types';
import { nodeKey, parseNodeKey } from './keys';

export interface ContainerNode {
  key: string;
  container: Container;
  /** VMs recorded as running on this container, in file order. */
  vms: Vm[];
  /** The virtual cluster this container is dedicated to, if any. */
  dedicatedTo: VirtualCluster | null;
}

export interface DomainNode {
  key: string;
  domain: Domain;
  /** False for a placeholder made up for entities naming a domain the site does not define. */
  defined: boolean;
  containers: ContainerNode[];
  /** VMs with no container, or naming a container the site does not define. */
  unplaced: Vm[];
  clusters: VirtualCluster[];
  vmCount: number;
}

export interface TopologyCounts {
  domains: number;
  containers: number;
  vms: number;
  clusters: number;
  running: number;
  unplaced: number;
}

export interface Topology {
  domains: DomainNode[];
  domainByName: ReadonlyMap<string, DomainNode>;
  containerByName: ReadonlyMap<string, ContainerNode>;
  vmByName: ReadonlyMap<string, Vm>;
  clusterByName: ReadonlyMap<string, VirtualCluster>;
  /** The cluster each VM is the head or a compute node of. */
  clusterOfVm: ReadonlyMap<string, VirtualCluster>;
  counts: TopologyCounts;
}

export function buildTopology(site: Site): Topology {
  const domainByName = new Map<string, DomainNode>();
  const domains: DomainNode[] = [];
  const domainNode = (name: string): DomainNode => {
    let node = domainByName.get(name);
    if (!node) {
      // Only reached for names the site does not define: a placeholder keeps their entities visible.
      node = newDomainNode({ name, ssh: { user: '' } }, false);
      domainByName.set(name, node);
      domains.push(node);
    }
    return node;
  };
  for (const d of site.domains) {
    if (domainByName.has(d.name)) continue; // duplicate names are reported by the loader
    const node = newDomainNode(d, true);
    domainByName.set(d.name, node);
    domains.push(node);
  }

  const clusterByName = new Map<string, VirtualCluster>();
  const clusterOfVm = new Map<string, VirtualCluster>();
  const dedicated = new Map<string, VirtualCluster>();
  for (const k of site.clusters) {
    if (clusterByName.has(k.name)) continue;
    clusterByName.set(k.name, k);
    domainNode(k.domain).clusters.push(k);
    for (const vm of [k.head, ...k.computes]) if (!clusterOfVm.has(vm)) clusterOfVm.set(vm, k);
    for (const c of k.containers) if (!dedicated.has(c)) dedicated.set(c, k);
  }

  const containerByName = new Map<string, ContainerNode>();
  for (const c of site.containers) {
    if (containerByName.has(c.name)) continue;
    const node: ContainerNode = {
      key: nodeKey('container', c.name),
      container: c,
      vms: [],
      dedicatedTo: dedicated.get(c.name) ?? null,
    };
    containerByName.set(c.name, node);
    domainNode(c.domain).containers.push(node);
  }

  const vmByName = new Map<string, Vm>();
  let running = 0;
  let unplaced = 0;
  for (const vm of site.vms) {
    if (vmByName.has(vm.name)) continue;
    vmByName.set(vm.name, vm);
    if (vm.state === 'running') running++;
    const host = vm.container === null ? undefined : containerByName.get(vm.container);
    if (host) host.vms.push(vm);
    else {
      domainNode(vm.domain).unplaced.push(vm);
      unplaced++;
    }
    domainNode(vm.domain).vmCount++;
  }

  return {
    domains,
    domainByName,
    containerByName,
    vmByName,
    clusterByName,
    clusterOfVm,
    counts: {
      domains: domains.filter((d) => d.defined).length,
      containers: containerByName.size,
      vms: vmByName.size,
      clusters: clusterByName.size,
      running,
      unplaced,
    },
  };
}

function newDomainNode(domain: Domain, defined: boolean): DomainNode {
  return {
    key: nodeKey('domain', domain.name),
    domain,
    defined,
    containers: [],
    unplaced: [],
    clusters: [],
    vmCount: 0,
  };
}

/** Whether a node key names something this topology draws. */
export function hasNode(t: Topology, key: string): boolean {
  const ref = parseNodeKey(key);
  if (!ref) return false;
  switch (ref.kind) {
    case 'vm':
      return t.vmByName.has(ref.name);
    case 'container':
      return t.containerByName.has(ref.name);
    case 'domain':
    case 'unplaced':
      return t.domainByName.has(ref.name);
    case 'cluster':
      return t.clusterByName.has(ref.name);
  }
}
