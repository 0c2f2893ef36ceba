// Applies a parsed search query to the topology: which VMs, containers, domains and clusters
// match on their own. The rows module decides from this what stays visible.
import type { Container, Domain, VirtualCluster, Vm } from '../../../core/model/types';
import type { ParsedQuery, QueryTerm } from './query';
import type { Topology } from './topology';

export interface MatchCounts {
  vms: number;
  containers: number;
  domains: number;
  clusters: number;
}

export interface MatchResult {
  /** False when the query has no usable term: everything shows, nothing is highlighted. */
  active: boolean;
  vms: ReadonlySet<string>;
  containers: ReadonlySet<string>;
  domains: ReadonlySet<string>;
  clusters: ReadonlySet<string>;
  counts: MatchCounts;
}

const NO_MATCHES: ReadonlySet<string> = new Set();

export const INACTIVE_MATCH: MatchResult = {
  active: false,
  vms: NO_MATCHES,
  containers: NO_MATCHES,
  domains: NO_MATCHES,
  clusters: NO_MATCHES,
  counts: { vms: 0, containers: 0, domains: 0, clusters: 0 },
};

/** How each kind of entity exposes the fields a key looks at; undefined = key does not apply. */
type Fields = Partial<Record<QueryTerm['key'], (string | undefined | null)[]>>;

export function matchTopology(t: Topology, q: ParsedQuery): MatchResult {
  if (q.terms.length === 0) return INACTIVE_MATCH;
  const vms = new Set<string>();
  const containers = new Set<string>();
  const domains = new Set<string>();
  const clusters = new Set<string>();
  for (const vm of t.vmByName.values()) {
    const host = vm.container === null ? undefined : t.containerByName.get(vm.container)?.container;
    if (allHold(q, vmFields(vm, host, t.clusterOfVm.get(vm.name)))) vms.add(vm.name);
  }
  for (const node of t.containerByName.values()) {
    if (allHold(q, containerFields(node.container, node.dedicatedTo))) containers.add(node.container.name);
  }
  for (const d of t.domains) {
    if (d.defined && allHold(q, domainFields(d.domain))) domains.add(d.domain.name);
  }
  for (const k of t.clusterByName.values()) {
    if (allHold(q, clusterFields(k))) clusters.add(k.name);
  }
  return {
    active: true,
    vms,
    containers,
    domains,
    clusters,
    counts: { vms: vms.size, containers: containers.size, domains: domains.size, clusters: clusters.size },
  };
}

function allHold(q: ParsedQuery, fields: Fields): boolean {
  return q.terms.every((term) => holds(term, fields));
}

/** A term holds when any of its values is found (the parser already merged repeated keys). */
function holds(term: QueryTerm, fields: Fields): boolean {
  const hay = fields[term.key];
  if (hay === undefined) return false; // the key does not apply to this kind of entity
  const texts = hay.filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase());
  const test = term.key === 'state' || term.key === 'hv' ? exact : term.key === 'ip' ? prefix : contains;
  const found = term.values.some((v) => texts.some((h) => test(h, v)));
  return found !== term.negate;
}

const exact = (h: string, v: string) => h === v;
const prefix = (h: string, v: string) => h.startsWith(v);
const contains = (h: string, v: string) => h.includes(v);

function vmFields(vm: Vm, host: Container | undefined, cluster: VirtualCluster | undefined): Fields {
  const ips = vm.nics.map((n) => n.ip);
  return {
    text: [vm.name, ...vm.tags, vm.owner, vm.project, vm.container, ...ips, ...vm.nics.map((n) => n.mac)],
    name: [vm.name],
    tag: vm.tags,
    domain: [vm.domain],
    state: [vm.state],
    host: [vm.container],
    cluster: [cluster?.name],
    owner: [vm.owner],
    project: [vm.project],
    hv: [host?.hypervisor],
    ip: ips,
  };
}

function containerFields(c: Container, dedicatedTo: VirtualCluster | null): Fields {
  return {
    text: [c.name, c.address, ...c.tags],
    name: [c.name],
    tag: c.tags,
    domain: [c.domain],
    host: [c.name],
    cluster: [dedicatedTo?.name],
    hv: [c.hypervisor],
  };
}

function domainFields(d: Domain): Fields {
  return { text: [d.name, d.description, d.trust], name: [d.name], domain: [d.name] };
}

function clusterFields(k: VirtualCluster): Fields {
  return { text: [k.name], name: [k.name], cluster: [k.name], domain: [k.domain] };
}

/** "3 VMs, 1 container match", naming only kinds with matches; "No matches" when none. */
export function matchSummary(c: MatchCounts): string {
  const parts = [
    [c.vms, 'VM'],
    [c.containers, 'container'],
    [c.domains, 'domain'],
    [c.clusters, 'cluster'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  if (shown.length === 0) return 'No matches';
  const total = c.vms + c.containers + c.domains + c.clusters;
  return `${shown.join(', ')} match${total === 1 ? 'es' : ''}`;
}
