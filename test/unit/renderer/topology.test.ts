import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { buildTopology, hasNode } from '../../../renderer/src/view-model/topology';
import { buildSite, defined } from './site-builder';

describe('buildTopology', () => {
  it('groups containers and VMs under their domains and counts them', () => {
    const site = buildSite({
      domains: 3,
      containersPerDomain: 4,
      vmsPerContainer: 5,
      unplacedPerDomain: 2,
      clusters: 2,
    });
    const t = buildTopology(site);
    expect(t.domains.map((d) => d.domain.name)).toEqual(['mgmt', 'external', 'trusted']);
    expect(t.counts).toEqual({
      domains: 3,
      containers: 3 * 4 + 2 * 2,
      vms: 3 * (4 * 5 + 2) + 2 * 5,
      clusters: 2,
      running: site.vms.filter((v) => v.state === 'running').length,
      unplaced: 6,
    });
    const trusted = t.domainByName.get('trusted');
    expect(trusted?.clusters.map((k) => k.name)).toEqual(['lab1', 'lab2']);
    expect(trusted?.unplaced).toHaveLength(2);
    expect(t.containerByName.get('trusted-lab1-h1')?.dedicatedTo?.name).toBe('lab1');
    expect(t.containerByName.get('mgmt-c001')?.dedicatedTo).toBeNull();
    expect(t.clusterOfVm.get('lab2-node3')?.name).toBe('lab2');
    expect(hasNode(t, 'v:lab2-node3')).toBe(true);
    expect(hasNode(t, 'u:mgmt')).toBe(true);
    expect(hasNode(t, 'c:nope')).toBe(false);
    expect(hasNode(t, 'garbage')).toBe(false);
  });

  it('keeps entities with dangling references visible (placeholder domain, unplaced group)', () => {
    const site = buildSite({ domains: 1, containersPerDomain: 1, vmsPerContainer: 1 });
    const vm = site.vms[0];
    if (!vm) throw new Error('fixture has no vm');
    const broken: Site = {
      ...site,
      vms: [
        ...site.vms,
        { ...vm, name: 'ghost-host', container: 'no-such-host' },
        { ...vm, name: 'lost', domain: 'nowhere', container: null },
      ],
      containers: [
        ...site.containers,
        { ...defined(site.containers[0], 'container'), name: 'stray', domain: 'nowhere' },
      ],
    };
    const t = buildTopology(broken);
    const nowhere = t.domainByName.get('nowhere');
    expect(nowhere?.defined).toBe(false);
    expect(nowhere?.containers.map((c) => c.container.name)).toEqual(['stray']);
    expect(nowhere?.unplaced.map((v) => v.name)).toEqual(['lost']);
    expect(t.domainByName.get('mgmt')?.unplaced.map((v) => v.name)).toEqual(['ghost-host']);
    expect(t.counts.domains).toBe(1);
  });

  it('shows every VM exactly once, on its container or in its domain unplaced group', () => {
    const shape = fc.record({
      domains: fc.integer({ min: 1, max: 4 }),
      containersPerDomain: fc.integer({ min: 0, max: 5 }),
      vmsPerContainer: fc.integer({ min: 0, max: 6 }),
      unplacedPerDomain: fc.integer({ min: 0, max: 3 }),
      clusters: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(shape, (s) => {
        const site = buildSite(s);
        const t = buildTopology(site);
        const seen = t.domains
          .flatMap((d) => [...d.containers.flatMap((c) => c.vms), ...d.unplaced])
          .map((v) => v.name);
        expect(seen.sort()).toEqual(site.vms.map((v) => v.name).sort());
        expect(t.domains.reduce((n, d) => n + d.vmCount, 0)).toBe(site.vms.length);
      }),
    );
  });
});
