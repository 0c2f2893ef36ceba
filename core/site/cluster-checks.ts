// Virtual clusters and anti-affinity groups: members exist and belong to the cluster's
// domain, no VM is a node of two clusters, no container is dedicated to two clusters.
import type { Name } from '../model/types';
import type { Path } from './findings';
import type { RefIndex } from './parts';

function checkClusterNodes(refs: RefIndex, nodeOf: Map<Name, { cluster: Name; path: Path }>): void {
  for (const { index, item: k } of refs.parts.clusters) {
    const who = `virtual cluster ${k.name}`;
    const at = ['clusters', index];
    refs.ref('domains', k.domain, [...at, 'domain'], who);
    const nodes: [Name, Path][] = [
      [k.head, [...at, 'head']],
      ...k.computes.map((n, j): [Name, Path] => [n, [...at, 'computes', j]]),
    ];
    const mine = new Set<Name>();
    for (const [node, path] of nodes) {
      const vm = refs.ref('vms', node, path, who);
      if (mine.has(node)) {
        refs.add({
          code: 'duplicate-member',
          path,
          message: `vm ${node} is listed more than once as a node of ${who}`,
        });
        continue;
      }
      mine.add(node);
      if (vm && vm.domain !== k.domain && refs.get('domains', k.domain)) {
        refs.add({
          code: 'cross-domain',
          path,
          message: `${who} is in security domain ${k.domain}, but its node ${node} belongs to domain ${vm.domain}; a cluster's nodes all live in its domain`,
        });
      }
      const other = nodeOf.get(node);
      if (other) {
        refs.add({
          code: 'node-in-two-clusters',
          path,
          related: other.path,
          message: `vm ${node} is already a node of virtual cluster ${other.cluster} (at {related}); a VM belongs to one cluster at most`,
        });
      } else nodeOf.set(node, { cluster: k.name, path });
    }
  }
}

function checkDedicated(refs: RefIndex): void {
  const ownerOf = new Map<Name, { cluster: Name; path: Path }>();
  for (const { index, item: k } of refs.parts.clusters) {
    k.containers.forEach((c, j) => {
      const path = ['clusters', index, 'containers', j];
      refs.ref('containers', c, path, `virtual cluster ${k.name}`, k.domain);
      const owner = ownerOf.get(c);
      if (!owner) ownerOf.set(c, { cluster: k.name, path });
      else if (owner.cluster === k.name) {
        refs.add({
          code: 'duplicate-member',
          path,
          message: `container ${c} is listed twice for virtual cluster ${k.name}`,
        });
      } else {
        refs.add({
          code: 'dedicated-shared',
          path,
          related: owner.path,
          message: `container ${c} is already dedicated to virtual cluster ${owner.cluster} (at {related}); a dedicated container serves one cluster only`,
        });
      }
    });
  }
}

function checkAntiAffinity(refs: RefIndex): void {
  for (const { index, item: g } of refs.parts.antiAffinity) {
    const seen = new Set<Name>();
    g.vms.forEach((vm, j) => {
      const path = ['antiAffinity', index, 'vms', j];
      refs.ref('vms', vm, path, `anti-affinity group ${g.name}`);
      if (seen.has(vm)) {
        refs.add({
          code: 'duplicate-member',
          path,
          message: `vm ${vm} is listed twice in anti-affinity group ${g.name}`,
        });
      }
      seen.add(vm);
    });
  }
}

export function checkClusters(refs: RefIndex): void {
  checkClusterNodes(refs, new Map());
  checkDedicated(refs);
  checkAntiAffinity(refs);
}
