// What-if scenarios: changes composed on a copy of a site (the original is never touched):
// add N VMs of a size, add K virtual clusters cloned from one, remove or fail a container,
// add containers cloned from one. The planner then places whatever is unplaced in the result.
import type { Container, Name, Network, Site, VirtualCluster, Vm } from '../model/types';
import { containerLimits, vmDemand } from '../policy';
import { PlanRequestError } from './plan-options';
import type { PackingProblem } from './problem';
import { packExactly } from './small-pack';
import { PackingState } from './state';

export type ScenarioOp =
  | {
      kind: 'add-vms';
      count: number;
      /** Copy this VM (domain, size, image, disks, networks, tags); fields below override. */
      like?: Name;
      domain?: Name;
      vcpus?: number;
      memoryMiB?: number;
      namePrefix?: string;
    }
  | {
      kind: 'add-clusters';
      count: number;
      /** The virtual cluster to copy (nodes, sizes, private networks, node limit). */
      like: Name;
      /** New dedicated containers are copies of this one; absent = claim idle containers of the domain. */
      containerType?: Name;
    }
  | { kind: 'remove-container'; container: Name }
  | { kind: 'fail-container'; container: Name }
  | { kind: 'add-containers'; count: number; like: Name; namePrefix?: string };

export interface ScenarioResult {
  site: Site;
  /** One line per op: what was done. */
  described: string[];
  /** VMs the scenario could not give a home to at all (e.g. a cluster without dedicated containers). */
  homeless: { vm: Name; reason: string }[];
}

const MAX_COUNT = 100_000;

function checkCount(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT)
    throw new PlanRequestError(`${what}: count ${n} is not a whole number from 1 to ${MAX_COUNT}`);
}

/** A fresh name: base if free, else base-2, base-3, ... */
function freshName(taken: Set<Name>, base: string): Name {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** "lab1" -> "lab", 1; "web" -> "web", null. */
function splitNumber(name: string): { stem: string; n: number | null } {
  const m = /^(.*?)(\d+)$/.exec(name);
  return m ? { stem: m[1] ?? '', n: Number(m[2]) } : { stem: name, n: null };
}

function mustFind<T extends { name: Name }>(list: readonly T[], name: Name, what: string): T {
  const x = list.find((e) => e.name === name);
  if (!x) {
    const names = list.map((e) => e.name);
    throw new PlanRequestError(
      `the site has no ${what} named "${name}"${names.length ? ` (${what}s: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''})` : ''}`,
    );
  }
  return x;
}

function cloneContainer(c: Container, name: Name): Container {
  return {
    ...c,
    name,
    address: `${name}.planned.invalid`,
    ssh: { ...c.ssh },
    cpu: { ...c.cpu },
    pools: [...c.pools],
    networks: [...c.networks],
    maintenance: false,
    tags: [...c.tags, 'planned'],
  };
}

export function applyScenario(base: Site, ops: readonly ScenarioOp[]): ScenarioResult {
  // A deep copy: the scenario never changes the caller's site.
  const site = structuredCloneSite(base);
  const described: string[] = [];
  const homeless: ScenarioResult['homeless'] = [];
  const names = (): Set<Name> =>
    new Set([
      ...site.vms.map((v) => v.name),
      ...site.containers.map((c) => c.name),
      ...site.networks.map((n) => n.name),
      ...site.clusters.map((k) => k.name),
    ]);

  for (const op of ops) {
    switch (op.kind) {
      case 'add-vms': {
        checkCount('add-vms', op.count);
        const like = op.like === undefined ? undefined : mustFind(site.vms, op.like, 'vm');
        const domain = op.domain ?? like?.domain;
        if (domain === undefined) throw new PlanRequestError('add-vms: give a VM to copy (like) or a domain');
        mustFind(site.domains, domain, 'domain');
        const vcpus = op.vcpus ?? like?.vcpus;
        const memoryMiB = op.memoryMiB ?? like?.memoryMiB;
        if (vcpus === undefined || !Number.isInteger(vcpus) || vcpus < 1)
          throw new PlanRequestError(`add-vms: vcpus ${vcpus} is not a positive whole number`);
        if (memoryMiB === undefined || !(memoryMiB > 0))
          throw new PlanRequestError(`add-vms: memory ${memoryMiB} MiB is not a positive number`);
        const taken = names();
        const prefix = op.namePrefix ?? `${like ? like.name : domain}-new`;
        for (let n = 1; n <= op.count; n++) {
          const vm: Vm = {
            name: freshName(taken, `${prefix}${n}`),
            domain,
            vcpus,
            memoryMiB,
            ...(like?.image === undefined ? {} : { image: like.image }),
            disks: like ? like.disks.map((d) => ({ ...d })) : [],
            nics: like ? like.nics.map((nic) => ({ network: nic.network })) : [],
            container: null,
            state: 'stopped',
            tags: like ? [...like.tags] : [],
          };
          site.vms.push(vm);
        }
        described.push(
          `add ${op.count} VM(s) of ${vcpus} vCPU and ${memoryMiB} MiB in domain ${domain}${like ? ` (like ${like.name})` : ''}`,
        );
        break;
      }
      case 'add-containers': {
        checkCount('add-containers', op.count);
        const like = mustFind(site.containers, op.like, 'container');
        const taken = names();
        const { stem } = splitNumber(op.namePrefix ?? like.name);
        for (let n = 1; n <= op.count; n++)
          site.containers.push(cloneContainer(like, freshName(taken, `${stem}new${n}`)));
        described.push(`add ${op.count} container(s) like ${like.name}`);
        break;
      }
      case 'remove-container':
      case 'fail-container': {
        const c = mustFind(site.containers, op.container, 'container');
        const moved = site.vms.filter((v) => v.container === c.name);
        for (const v of moved) v.container = null;
        if (op.kind === 'remove-container') {
          site.containers = site.containers.filter((x) => x !== c);
          for (const k of site.clusters) k.containers = k.containers.filter((n) => n !== c.name);
          described.push(`remove container ${c.name} (${moved.length} VM(s) to place elsewhere)`);
        } else {
          c.maintenance = true;
          described.push(`container ${c.name} fails (${moved.length} VM(s) to restart elsewhere)`);
        }
        break;
      }
      case 'add-clusters': {
        checkCount('add-clusters', op.count);
        addClusters(site, op, names, described, homeless);
        break;
      }
    }
  }
  return { site, described, homeless };
}

function addClusters(
  site: Site,
  op: Extract<ScenarioOp, { kind: 'add-clusters' }>,
  names: () => Set<Name>,
  described: string[],
  homeless: ScenarioResult['homeless'],
): void {
  const k = mustFind(site.clusters, op.like, 'cluster');
  const type =
    op.containerType === undefined ? undefined : mustFind(site.containers, op.containerType, 'container');
  const nodes = [k.head, ...k.computes].map((n) => mustFind(site.vms, n, 'vm'));
  const nodeNames = new Set(nodes.map((v) => v.name));
  // Networks only this cluster's nodes use are its private ones: each copy gets its own.
  const usedElsewhere = new Set(
    site.vms.filter((v) => !nodeNames.has(v.name)).flatMap((v) => v.nics.map((n) => n.network)),
  );
  const privateNets = [...new Set(nodes.flatMap((v) => v.nics.map((n) => n.network)))].filter(
    (n) => !usedElsewhere.has(n),
  );
  const { stem, n: first } = splitNumber(k.name);
  const taken = names();
  let next = (first ?? 1) + 1;
  for (let c = 0; c < op.count; c++) {
    let name = `${stem}${next++}`;
    while (taken.has(name)) name = `${stem}${next++}`;
    taken.add(name);
    const rename = (old: Name): Name =>
      old.startsWith(k.name) ? `${name}${old.slice(k.name.length)}` : `${name}-${old}`;
    const netMap = new Map<Name, Name>();
    for (const netName of privateNets) {
      const net = mustFind(site.networks, netName, 'network');
      const copy: Network = {
        ...net,
        name: freshName(taken, rename(net.name)),
        bridge: bridgeName(net.bridge, k.name, name),
      };
      site.networks.push(copy);
      netMap.set(net.name, copy.name);
    }
    const clone = (v: Vm): Vm => ({
      ...v,
      name: freshName(taken, rename(v.name)),
      disks: v.disks.map((d) => ({ ...d })),
      nics: v.nics.map((nic) => ({ network: netMap.get(nic.network) ?? nic.network })),
      container: null,
      state: 'stopped',
      tags: [...v.tags],
    });
    const head = clone(nodes[0] as Vm);
    const computes = nodes.slice(1).map(clone);
    site.vms.push(head, ...computes);
    const cluster: VirtualCluster = {
      name,
      domain: k.domain,
      head: head.name,
      computes: computes.map((v) => v.name),
      containers: [],
      ...(k.maxNodesPerContainer === undefined ? {} : { maxNodesPerContainer: k.maxNodesPerContainer }),
    };
    const members = [head, ...computes];
    const need = containersFor(
      members,
      k.maxNodesPerContainer,
      type ?? site.containers.find((x) => x.name === k.containers[0]),
    );
    const chosen: Container[] = [];
    if (type) {
      for (let i = 0; i < need; i++) {
        const cont = cloneContainer(type, freshName(taken, `${name}-c${i + 1}`));
        // The copy bridges the new cluster's private networks in place of the template's.
        cont.networks = cont.networks.map((nn) => netMap.get(nn) ?? nn);
        for (const newNet of netMap.values()) if (!cont.networks.includes(newNet)) cont.networks.push(newNet);
        site.containers.push(cont);
        chosen.push(cont);
      }
    } else {
      const dedicated = new Set(site.clusters.flatMap((x) => x.containers));
      const idle = site.containers.filter(
        (x) =>
          x.domain === k.domain &&
          !x.maintenance &&
          !dedicated.has(x.name) &&
          !site.vms.some((v) => v.container === x.name),
      );
      for (const x of idle.slice(0, need)) {
        for (const newNet of netMap.values()) if (!x.networks.includes(newNet)) x.networks.push(newNet);
        chosen.push(x);
      }
    }
    cluster.containers = chosen.map((x) => x.name);
    site.clusters.push(cluster);
    if (chosen.length < need) {
      for (const v of members) {
        homeless.push({
          vm: v.name,
          reason: `virtual cluster ${name} needs ${need} dedicated container(s) and only ${chosen.length} idle one(s) in domain ${k.domain} are free: give a container type to add`,
        });
      }
    }
    described.push(
      `add virtual cluster ${name} like ${k.name} (${members.length} nodes) on ${chosen.length ? chosen.map((x) => x.name).join(', ') : 'no container'}${type ? ` (new, like ${type.name})` : ''}`,
    );
  }
}

/** "br-lab1" for lab1 -> "br-lab6" for lab6; kept within Linux's 15 characters. */
function bridgeName(bridge: string, from: string, to: string): string {
  const b = bridge.includes(from) ? bridge.replace(from, to) : `${bridge}-${to}`;
  return b.slice(0, 15);
}

/**
 * Containers like `type` these nodes need as a dedicated cluster: the fewest the engine can
 * pack them on, with the policy's capacity for a dedicated container and the node limit.
 */
function containersFor(
  nodes: readonly Vm[],
  maxPer: number | undefined,
  type: Container | undefined,
): number {
  if (!type) return Math.max(1, Math.ceil(nodes.length / (maxPer ?? nodes.length)));
  const lim = containerLimits(type, true);
  const n = nodes.length;
  const problem: PackingProblem = {
    dims: 2,
    dimNames: ['vcpus', 'memoryMiB'],
    itemCount: n,
    binCount: n,
    demand: Float64Array.from(nodes.flatMap((v) => [vmDemand(v).vcpus, vmDemand(v).memoryMiB])),
    capacity: Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? lim.vcpus : lim.memoryMiB)),
    cost: new Float64Array(n).fill(1),
    eligibility: null,
    groups:
      maxPer === undefined
        ? []
        : [{ name: 'nodes', items: Int32Array.from({ length: n }, (_, i) => i), maxPerBin: maxPer }],
  };
  const weight = Float64Array.from(
    nodes,
    (v) => v.memoryMiB / Math.max(1, lim.memoryMiB) + v.vcpus / Math.max(1, lim.vcpus),
  );
  const items = Array.from({ length: n }, (_, i) => i);
  // The fewest bins that pack, trying from one upwards (clusters are small).
  for (let m = 1; m <= n; m++) {
    const s = new PackingState(problem);
    if (packExactly(s, items, items.slice(0, m), 200_000, weight) === 'yes') return m;
  }
  return n;
}

function structuredCloneSite(s: Site): Site {
  // Sites are plain data (strings, numbers, booleans, arrays, objects): JSON is an exact copy.
  return JSON.parse(JSON.stringify(s)) as Site;
}
