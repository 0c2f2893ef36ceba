import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INACTIVE_MATCH, matchTopology } from '../../../renderer/src/view-model/filter';
import { layoutTopology, type TopologyLayout } from '../../../renderer/src/view-model/layout';
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
      'container:c:mgmt-c001',
      'container:c:mgmt-c002',
      'unplaced:u:mgmt',
      'domain:d:external',
      'clusters:clusters:external',
      'container:c:external-c001',
      'container:c:external-c002',
      'container:c:external-lab1-h1',
      'container:c:external-lab1-h2',
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
    const row = l.rows.find((r) => r.key === 'c:external-c001');
    expect(row?.kind === 'container' && row.expanded).toBe(false);
    checkInvariants(l);
  });

  it('shows only what matches: matching VMs, or all VMs of a container that matches itself', () => {
    const vmOnly = layoutTopology(t, matchTopology(t, parseQuery('name:vm0004')), new Set());
    expect(vmOnly.rows.map((r) => r.key)).toEqual(['d:mgmt', 'c:mgmt-c002']);
    const row = vmOnly.rows[1];
    expect(row?.kind === 'container' ? [row.vms.map((v) => v.name), row.hiddenVms] : null).toEqual([
      ['mgmt-vm0004'],
      2,
    ]);
    const byHost = layoutTopology(t, matchTopology(t, parseQuery('name:mgmt-c002')), new Set());
    const hostRow = byHost.rows[1];
    expect(hostRow?.kind === 'container' ? hostRow.vms.length : -1).toBe(3);
    const none = layoutTopology(t, matchTopology(t, parseQuery('zzz')), new Set());
    expect(none.rows).toEqual([]);
    expect(none.nav).toEqual([]);
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
      fc.property(fc.subarray(words, { maxLength: 3 }), fc.subarray(keys), (q, collapsed) => {
        const l = layoutTopology(t, matchTopology(t, parseQuery(q.join(' '))), new Set(collapsed));
        checkInvariants(l);
      }),
    );
  });
});
