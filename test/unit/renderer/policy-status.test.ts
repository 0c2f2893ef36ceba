import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { accepts, PlacementContext } from '../../../core/policy';
import {
  bindingResource,
  containerPolicyStatus,
  vmPolicyStatus,
} from '../../../renderer/src/view-model/policy-status';
import { buildSite, defined } from './site-builder';

function siteWith(edit: (s: Site) => void): Site {
  const s = buildSite({
    domains: 2,
    containersPerDomain: 3,
    vmsPerContainer: 2,
    unplacedPerDomain: 1,
    clusters: 1,
  });
  edit(s);
  return s;
}

describe('vmPolicyStatus', () => {
  it('accepts a VM where it runs and lists the other containers of its domain that take it', () => {
    const site = siteWith(() => {});
    const ctx = PlacementContext.fromSite(site);
    const vm = site.vms.find((v) => v.name === 'mgmt-vm0000');
    if (!vm) throw new Error('fixture');
    const s = vmPolicyStatus(ctx, vm);
    expect(s.host).toBe('mgmt-c001');
    expect(s.here?.ok).toBe(true);
    expect(s.accepting).toEqual(['mgmt-c002', 'mgmt-c003']);
    expect(s.refusing).toEqual([]);
    expect(s.otherDomains).toBe(3 + 2);
    for (const c of s.accepting) expect(accepts(ctx, vm, c)).toBe(true);
  });

  it('gives every violated rule where the VM runs and why each refusing container refuses', () => {
    const site = siteWith((s) => {
      const c = s.containers.find((x) => x.name === 'mgmt-c001');
      const other = s.containers.find((x) => x.name === 'mgmt-c002');
      if (!c || !other) throw new Error('fixture');
      c.memoryMiB = 3072; // 2 GiB for guests, its two VMs need 3 GiB
      c.reservedMemoryMiB = 1024;
      other.maintenance = true;
    });
    const ctx = PlacementContext.fromSite(site);
    const vm = site.vms.find((v) => v.name === 'mgmt-vm0001');
    if (!vm) throw new Error('fixture');
    const s = vmPolicyStatus(ctx, vm);
    expect(s.here?.ok).toBe(false);
    expect(s.here?.violations.map((v) => v.rule)).toEqual(['memory']);
    expect(s.here?.violations[0]?.message).toContain('container mgmt-c001');
    expect(s.accepting).toEqual(['mgmt-c003']);
    expect(s.refusing.map((r) => [r.container, r.violations.map((v) => v.rule)])).toEqual([
      ['mgmt-c002', ['maintenance']],
    ]);
  });

  it('reports an unplaced VM and a VM naming an unknown container', () => {
    const site = siteWith((s) => {
      const vm = s.vms.find((v) => v.name === 'mgmt-vm0000');
      if (vm) vm.container = 'ghost';
    });
    const ctx = PlacementContext.fromSite(site);
    const ghost = vmPolicyStatus(
      ctx,
      defined(
        site.vms.find((v) => v.name === 'mgmt-vm0000'),
        'vm',
      ),
    );
    expect([ghost.host, ghost.unknownHost, ghost.here]).toEqual([null, 'ghost', null]);
    const unplaced = site.vms.find((v) => v.container === null && v.domain === 'mgmt');
    if (!unplaced) throw new Error('fixture');
    const u = vmPolicyStatus(ctx, unplaced);
    expect([u.host, u.unknownHost, u.here]).toEqual([null, null, null]);
    expect(u.accepting).toEqual(['mgmt-c001', 'mgmt-c002', 'mgmt-c003']);
  });
});

describe('containerPolicyStatus', () => {
  it('names the binding rules of a dedicated container in maintenance', () => {
    const site = siteWith((s) => {
      const c = s.containers.find((x) => x.name === 'external-lab1-h1');
      if (c) c.maintenance = true;
    });
    const ctx = PlacementContext.fromSite(site);
    const c = site.containers.find((x) => x.name === 'external-lab1-h1');
    if (!c) throw new Error('fixture');
    const s = containerPolicyStatus(ctx, c);
    expect(s.limits).toEqual({ vcpus: 32, memoryMiB: 248 * 1024 });
    expect(s.used).toEqual({ vcpus: 6, memoryMiB: 6144 });
    expect(s.binding[0]).toBe('Only VMs of security domain external may run here (domain isolation).');
    expect(s.binding).toContain(
      'In maintenance: accepts no new VMs; the 3 already here may stay until drained.',
    );
    expect(s.binding).toContain(
      'Dedicated to virtual cluster lab1: only its nodes may run here, with no vCPU overcommit (limit = 32 cores).',
    );
    expect(s.binding).toContain(
      'Virtual cluster lab1 is at its limit here (3 of at most 3): no other member may come.',
    );
    expect(s.problems).toEqual([]);
    expect(s.misplaced).toEqual([]);
  });

  it('reports overloads and misplaced VMs with the validator sentences', () => {
    const site = siteWith((s) => {
      const c = s.containers.find((x) => x.name === 'mgmt-c001');
      const vm = s.vms.find((v) => v.name === 'external-vm0008');
      if (!c || !vm) throw new Error('fixture');
      c.cpu = { cores: 2, overcommit: 1 };
      vm.container = 'mgmt-c001'; // wrong domain
    });
    const ctx = PlacementContext.fromSite(site);
    const c = site.containers.find((x) => x.name === 'mgmt-c001');
    if (!c) throw new Error('fixture');
    const s = containerPolicyStatus(ctx, c);
    expect(s.problems.map((p) => p.rule)).toEqual(['vcpu']);
    expect(s.misplaced.map((m) => [m.vm, m.violations.map((v) => v.rule)])).toEqual([
      ['external-vm0008', ['domain', 'storage', 'network']],
    ]);
    expect(s.binding.find((b) => b.startsWith('Capacity'))).toMatch(
      /^Capacity: over its limit \(vCPUs by \d+\); nothing more fits\.$/,
    );
  });
});

describe('bindingResource', () => {
  it('says which resource runs out first', () => {
    const median = { vcpus: 2, memoryMiB: 4096 };
    expect(
      bindingResource({ memoryFreeMiB: 8192, vcpusFree: 10, fitByMemory: 2, fitByVcpus: 5, median }),
    ).toBe(
      "Capacity: 8 GiB memory free, 10 vCPUs free. Memory binds first: room for 2 more VMs of the domain's median size (4 GiB, 2 vCPUs).",
    );
    expect(
      bindingResource({ memoryFreeMiB: 8192, vcpusFree: 1, fitByMemory: 2, fitByVcpus: 0, median }),
    ).toContain('vCPUs bind first: room for 0 more VMs');
    expect(
      bindingResource({ memoryFreeMiB: 0, vcpusFree: 0, fitByMemory: 0, fitByVcpus: 0, median: null }),
    ).toBe('Capacity: 0 MiB memory free, 0 vCPUs free.');
  });
});
