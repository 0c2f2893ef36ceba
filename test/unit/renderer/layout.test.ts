import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INACTIVE_MATCH, matchTopology } from '../../../renderer/src/view-model/filter';
import {
  layoutTopology,
  type ContainerCardData,
  type TopologyLayout,
} from '../../../renderer/src/view-model/layout';
import { parseQuery } from '../../../renderer/src/view-model/query';
import { buildTopology } from '../../../renderer/src/view-model/topology';
import { buildSite } from './site-builder';

const site = buildSite({
  domains: 2,
  containersPerDomain: 2,
  vmsPerContainer: 3,
  unplacedPerDomain: 1,
  clusters: 1,
});
const t = buildTopology(site);

function cardOf(l: TopologyLayout, key: string): ContainerCardData | undefined {
  for (const r of l.rows)
    if (r.kind === 'containers') for (const c of r.cards) if (c.node.key === key) return c;
  return undefined;
}

/** Structural invariants of any layout: rows and the tree agree, parents come first. */
function checkInvariants(l: TopologyLayout): void {
  const seen = new Set<string>();
  l.nav.forEach((n, i) => {
    expect(l.navIndex.get(n.key)).toBe(i);
    expect(l.rows[n.row]).toBeDefined();
    expect(n.posInSet).toBeGreaterThanOrEqual(1);
    expect(n.posInSet).toBeLessThanOrEqual(n.setSize);
    if (n.parent === null) expect(n.level).toBe(1);
    else {
      expect(seen.has(n.parent)).toBe(true);
      const parent = l.nav[l.navIndex.get(n.parent) ?? -1];
      expect(parent?.level).toBe(n.level - 1);
      expect(parent?.expanded).toBe(true);
    }
    seen.add(n.key);
  });
}

describe('layoutTopology', () => {
  it('lays out domain, clusters, containers and unplaced rows in order, with the tree over them', () => {
    const l = layoutTopology(t, INACTIVE_MATCH, new Set());
    expect(l.rows.map((r) => `${r.kind}:${r.key}`)).toEqual([
      'domain:d:mgmt',
      'containers:cards:c:mgmt-c001',
      'containers:cards:c:mgmt-c002',
      'unplaced:u:mgmt',
      'domain:d:external',
      'clusters:clusters:external',
      'containers:cards:c:external-c001',
      'containers:cards:c:external-c002',
      'containers:cards:c:external-lab1-h1',
      'containers:cards:c:external-lab1-h2',
      'unplaced:u:external',
    ]);
    expect(l.nav.slice(0, 6).map((n) => [n.key, n.level, n.parent, n.posInSet, n.setSize])).toEqual([
      ['d:mgmt', 1, null, 1, 2],
      ['c:mgmt-c001', 2, 'd:mgmt', 1, 3],
      ['v:mgmt-vm0000', 3, 'c:mgmt-c001', 1, 3],
      ['v:mgmt-vm0001', 3, 'c:mgmt-c001', 2, 3],
      ['v:mgmt-vm0002', 3, 'c:mgmt-c001', 3, 3],
      ['c:mgmt-c002', 2, 'd:mgmt', 2, 3],
    ]);
    expect(l.nav.find((n) => n.key === 'k:lab1')).toMatchObject({
      level: 2,
      parent: 'd:external',
      posInSet: 1,
      setSize: 6,
    });
    // 2 domains, 1 cluster, 6 containers, 2 unplaced groups; 12 + 5 cluster nodes + 2 unplaced VMs.
    expect(l.nav).toHaveLength(2 + 1 + 6 + 2 + 19);
    checkInvariants(l);
  });

  it('hides the children of collapsed nodes but keeps their rows', () => {
    const l = layoutTopology(t, INACTIVE_MATCH, new Set(['d:mgmt', 'c:external-c001']));
    expect(l.rows.filter((r) => r.key.includes('mgmt'))).toHaveLength(1);
    expect(l.nav.find((n) => n.key === 'd:mgmt')).toMatchObject({ expandable: true, expanded: false });
    expect(l.nav.find((n) => n.key === 'c:external-c001')).toMatchObject({
      expandable: true,
      expanded: false,
    });
    expect(l.nav.some((n) => n.parent === 'c:external-c001')).toBe(false);
    expect(cardOf(l, 'c:external-c001')?.expanded).toBe(false);
    checkInvariants(l);
  });

  it('shows only what matches: matching VMs, or all VMs of a container that matches itself', () => {
    const vmOnly = layoutTopology(t, matchTopology(t, parseQuery('name:vm0004')), new Set());
    expect(vmOnly.rows.map((r) => r.key)).toEqual(['d:mgmt', 'cards:c:mgmt-c002']);
    const card = cardOf(vmOnly, 'c:mgmt-c002');
    expect([card?.vms.map((v) => v.name), card?.hiddenVms]).toEqual([['mgmt-vm0004'], 2]);
    const byHost = layoutTopology(t, matchTopology(t, parseQuery('name:mgmt-c002')), new Set());
    expect(cardOf(byHost, 'c:mgmt-c002')?.vms).toHaveLength(3);
    const none = layoutTopology(t, matchTopology(t, parseQuery('zzz')), new Set());
    expect(none.rows).toEqual([]);
    expect(none.nav).toEqual([]);
  });

  it('puts up to `columns` cards of one domain side by side, never mixing domains', () => {
    const l = layoutTopology(t, INACTIVE_MATCH, new Set(), 3);
    const grids = l.rows.flatMap((r) =>
      r.kind === 'containers' ? [r.cards.map((c) => c.node.container.name)] : [],
    );
    expect(grids).toEqual([
      ['mgmt-c001', 'mgmt-c002'],
      ['external-c001', 'external-c002', 'external-lab1-h1'],
      ['external-lab1-h2'],
    ]);
    // Keyboard order is unchanged by the grid: card by card, each followed by its VMs.
    expect(l.nav.map((n) => n.key)).toEqual(
      layoutTopology(t, INACTIVE_MATCH, new Set(), 1).nav.map((n) => n.key),
    );
    const vm = l.nav.find((n) => n.key === 'v:external-vm0008');
    expect(l.rows[vm?.row ?? -1]?.key).toBe('cards:c:external-c001');
    checkInvariants(l);
  });

  it('keeps its invariants for any query and any collapsed set', () => {
    const keys = layoutTopology(t, INACTIVE_MATCH, new Set()).nav.map((n) => n.key);
    const words = [
      'state:running',
      'tag:web',
      'domain:mgmt',
      '-state:stopped',
      'lab1',
      'c002',
      'owner2',
      'cluster:lab1',
    ];
    fc.assert(
      fc.property(
        fc.subarray(words, { maxLength: 3 }),
        fc.subarray(keys),
        fc.integer({ min: 1, max: 5 }),
        (q, collapsed, columns) => {
          const l = layoutTopology(t, matchTopology(t, parseQuery(q.join(' '))), new Set(collapsed), columns);
          checkInvariants(l);
        },
      ),
    );
  });
});
