// Turns the topology, the search matches and the collapsed nodes into the flat list of rows
// the virtualised list draws, and the tree of focusable nodes keyboard navigation walks.
// Rows: a domain header, its clusters strip, rows of up to `columns` container cards side by
// side (so wide windows use their width), and the domain's unplaced group.
import type { VirtualCluster, Vm } from '../../../core/model/types';
import type { MatchResult } from './filter';
import { nodeKey } from './keys';
import type { ContainerNode, DomainNode, Topology } from './topology';

export type TopologyRow =
  | {
      kind: 'domain';
      key: string;
      node: DomainNode;
      expanded: boolean;
      shownContainers: number;
      shownVms: number;
    }
  | { kind: 'clusters'; key: string; domain: DomainNode; clusters: VirtualCluster[] }
  | { kind: 'containers'; key: string; cards: ContainerCardData[] }
  | { kind: 'unplaced'; key: string; domain: DomainNode; vms: Vm[]; expanded: boolean };

export interface ContainerCardData {
  node: ContainerNode;
  /** The VMs shown: all, or only those matching the search. */
  vms: Vm[];
  /** How many of its VMs the search hides. */
  hiddenVms: number;
  expanded: boolean;
}

/** One focusable node of the ARIA tree, in visual (depth-first) order. */
export interface NavNode {
  key: string;
  level: 1 | 2 | 3;
  parent: string | null;
  /** Index of the row that draws it. */
  row: number;
  expandable: boolean;
  expanded: boolean;
  /** 1-based position among its siblings and their number (aria-posinset / aria-setsize). */
  posInSet: number;
  setSize: number;
}

export interface TopologyLayout {
  rows: TopologyRow[];
  nav: NavNode[];
  /** Index in `nav` by key. */
  navIndex: ReadonlyMap<string, number>;
}

export function layoutTopology(
  t: Topology,
  match: MatchResult,
  collapsed: ReadonlySet<string>,
  columns = 1,
): TopologyLayout {
  const perRow = Math.max(1, Math.floor(columns));
  const rows: TopologyRow[] = [];
  const nav: NavNode[] = [];
  const shownDomains = t.domains.filter((d) => !match.active || domainShown(d, match));
  shownDomains.forEach((d, di) => {
    const containers = d.containers
      .map((node) => ({ node, vms: shownVms(node.vms, match, match.containers.has(node.container.name)) }))
      .filter((c) => !match.active || match.containers.has(c.node.container.name) || c.vms.length > 0);
    const unplaced = d.unplaced.filter((vm) => !match.active || match.vms.has(vm.name));
    const clusters = d.clusters.filter((k) => !match.active || match.clusters.has(k.name));
    const expanded = !collapsed.has(d.key);
    const domainRow = rows.length;
    rows.push({
      kind: 'domain',
      key: d.key,
      node: d,
      expanded,
      shownContainers: containers.length,
      shownVms: containers.reduce((n, c) => n + c.vms.length, 0) + unplaced.length,
    });
    const children = clusters.length + containers.length + (unplaced.length > 0 ? 1 : 0);
    nav.push(node(d.key, 1, null, domainRow, true, expanded, di + 1, shownDomains.length));
    if (!expanded) return;
    let pos = 0;
    if (clusters.length > 0) {
      const row = rows.length;
      rows.push({ kind: 'clusters', key: `clusters:${d.domain.name}`, domain: d, clusters });
      for (const k of clusters)
        nav.push(node(nodeKey('cluster', k.name), 2, d.key, row, false, false, ++pos, children));
    }
    for (let i = 0; i < containers.length; i += perRow) {
      const row = rows.length;
      const cards = containers.slice(i, i + perRow).map((c): ContainerCardData => ({
        node: c.node,
        vms: c.vms,
        hiddenVms: c.node.vms.length - c.vms.length,
        expanded: !collapsed.has(c.node.key),
      }));
      rows.push({ kind: 'containers', key: `cards:${cards[0]?.node.key ?? row}`, cards });
      for (const c of cards) {
        nav.push(node(c.node.key, 2, d.key, row, c.vms.length > 0, c.expanded, ++pos, children));
        if (c.expanded) pushChips(nav, c.vms, c.node.key, row);
      }
    }
    if (unplaced.length > 0) {
      const row = rows.length;
      const key = nodeKey('unplaced', d.domain.name);
      const open = !collapsed.has(key);
      rows.push({ kind: 'unplaced', key, domain: d, vms: unplaced, expanded: open });
      nav.push(node(key, 2, d.key, row, true, open, ++pos, children));
      if (open) pushChips(nav, unplaced, key, row);
    }
  });
  return { rows, nav, navIndex: new Map(nav.map((n, i) => [n.key, i])) };
}

function domainShown(d: DomainNode, match: MatchResult): boolean {
  return (
    match.domains.has(d.domain.name) ||
    d.clusters.some((k) => match.clusters.has(k.name)) ||
    d.unplaced.some((vm) => match.vms.has(vm.name)) ||
    d.containers.some(
      (c) => match.containers.has(c.container.name) || c.vms.some((vm) => match.vms.has(vm.name)),
    )
  );
}

/** A container that matches on its own shows all its VMs; otherwise only the matching ones. */
function shownVms(vms: Vm[], match: MatchResult, containerMatched: boolean): Vm[] {
  return !match.active || containerMatched ? vms : vms.filter((vm) => match.vms.has(vm.name));
}

function pushChips(nav: NavNode[], vms: Vm[], parent: string, row: number): void {
  vms.forEach((vm, i) =>
    nav.push(node(nodeKey('vm', vm.name), 3, parent, row, false, false, i + 1, vms.length)),
  );
}

function node(
  key: string,
  level: NavNode['level'],
  parent: string | null,
  row: number,
  expandable: boolean,
  expanded: boolean,
  posInSet: number,
  setSize: number,
): NavNode {
  return { key, level, parent, row, expandable, expanded: expandable && expanded, posInSet, setSize };
}
