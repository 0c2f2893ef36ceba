// Examples of each rule, with the exact sentences people will read.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Container, Site, Vm } from '../../../core/model/types';
import {
  PlacementContext,
  acceptingContainers,
  accepts,
  auditPlacement,
  containerLimits,
  mayRun,
  staticViolations,
  vmDemand,
} from '../../../core/policy';
import { loadSite } from '../../../core/site';

function exampleSite(): Site {
  const text = readFileSync(new URL('../../../assets/example-site.yaml', import.meta.url), 'utf8');
  const { site } = loadSite(text, 'example-site.yaml');
  if (!site) throw new Error('example site did not load');
  return site;
}

function vmNamed(ctx: PlacementContext, name: string): Vm {
  const vm = ctx.vm(name);
  if (!vm) throw new Error(`example site has no vm ${name}`);
  return vm;
}

const messages = (ctx: PlacementContext, vm: string, c: string) =>
  mayRun(ctx, vm, c).violations.map((v) => `${v.rule}: ${v.message}`);

describe('placement policy on the example site', () => {
  let ctx: PlacementContext;
  beforeEach(() => {
    ctx = PlacementContext.fromSite(exampleSite());
  });

  it('accepts every VM where the example places it', () => {
    expect(auditPlacement(ctx)).toEqual([]);
    for (const vm of ctx.vms())
      if (vm.container) expect(mayRun(ctx, vm.name, vm.container)).toEqual({ ok: true, violations: [] });
  });

  it('keeps security domains apart, with every consequence spelled out', () => {
    expect(messages(ctx, 'sgw-mono', 'mgmt-k1')).toEqual([
      'domain: vm sgw-mono belongs to security domain grid, but container mgmt-k1 is in domain mgmt: a VM only runs on containers of its own domain',
      'storage: container mgmt-k1 does not mount pool grid-gpfs, which holds golden image grid-rocky9 and disks root, data of vm sgw-mono',
      'network: container mgmt-k1 has no bridge for network grid-pub, which nic 0 of vm sgw-mono is on',
      'network: container mgmt-k1 has no bridge for network grid-priv, which nic 1 of vm sgw-mono is on',
    ]);
  });

  it('pins a VM with a disk on a local pool to the container that mounts it', () => {
    expect(messages(ctx, 'bt-data', 'ext-x2')).toEqual([
      'storage: container ext-x2 does not mount pool ext-x1-local, which holds disk cache of vm bt-data',
    ]);
    expect(staticViolations(ctx, 'bt-data', 'ext-x2').map((v) => v.field)).toEqual([['disks', 2, 'pool']]);
  });

  it('refuses new VMs on a container in maintenance', () => {
    expect(messages(ctx, 'portal-dev', 'grid-k3')).toEqual([
      'maintenance: container grid-k3 is in maintenance and accepts no new VMs',
    ]);
    expect(acceptingContainers(ctx, 'portal-dev')).toEqual(['grid-k1', 'grid-k2']);
  });

  it('keeps dedicated containers for their cluster, and cluster nodes on them', () => {
    expect(messages(ctx, 'course-web', 'edu-c01')).toEqual([
      'dedicated: container edu-c01 is dedicated to virtual cluster lab1, and vm course-web is not one of its nodes',
    ]);
    expect(messages(ctx, 'lab1-head', 'edu-s1')).toEqual([
      'dedicated: vm lab1-head is a node of virtual cluster lab1, which runs only on its dedicated containers (edu-c01, edu-c02)',
      'network: container edu-s1 has no bridge for network lab1-priv, which nic 1 of vm lab1-head is on',
    ]);
  });

  it('limits cluster nodes and anti-affinity groups per container', () => {
    expect(messages(ctx, 'lab1-n3', 'edu-c01')).toEqual([
      'anti-affinity: virtual cluster lab1 allows at most 3 of its nodes per container, and container edu-c01 already hosts 3 (lab1-head, lab1-n1, lab1-n2)',
    ]);
    expect(messages(ctx, 'ldap1', 'mgmt-x2')).toEqual([
      'anti-affinity: anti-affinity group ldap-pair allows at most 1 of its VMs per container, and container mgmt-x2 already hosts 1 (ldap2)',
    ]);
    // Moving the partner away frees the slot.
    ctx.move('ldap2', 'mgmt-k1');
    expect(accepts(ctx, 'ldap1', 'mgmt-x2')).toBe(true);
  });

  it('never oversubscribes a dedicated container, whatever its overcommit says', () => {
    const c = ctx.container('edu-c01');
    if (!c) throw new Error('missing edu-c01');
    expect(containerLimits(c)).toEqual({ vcpus: 8, memoryMiB: 30 * 1024 });
    expect(ctx.limits('edu-c01').vcpus).toBe(8);
    const shared = ctx.container('edu-s1');
    if (!shared) throw new Error('missing edu-s1');
    expect(ctx.limits('edu-s1')).toEqual({ vcpus: 32, memoryMiB: 60 * 1024 });
  });
});

describe('capacity rules', () => {
  const ctx0 = () => PlacementContext.fromSite(exampleSite());
  it('says how much memory is free and how much the VM needs', () => {
    const ctx = PlacementContext.fromSite(exampleSite());
    // edu-s2 has 60 GiB for guests and runs jupyter (32 GiB): 28 GiB free.
    const big = { ...vmNamed(ctx, 'workshop-vm'), memoryMiB: 40 * 1024 };
    expect(mayRun(ctx, big, 'edu-s2').violations.map((v) => v.message)).toEqual([
      'container edu-s2 has 28.0 GiB free, vm workshop-vm needs 40.0 GiB',
    ]);
  });

  it('counts vCPUs against cores x overcommit, or cores alone on dedicated containers', () => {
    const ctx = PlacementContext.fromSite(exampleSite());
    const wide = { ...vmNamed(ctx, 'lab1-n3'), vcpus: 5 };
    // edu-c02 (dedicated, 8 cores) runs lab1-n3 and lab1-n4 (2 vCPUs each); replacing
    // lab1-n3 by a 5-vCPU version needs 7 of 8.
    expect(accepts(ctx, wide, 'edu-c02')).toBe(true);
    const wider = { ...wide, vcpus: 7 };
    expect(mayRun(ctx, wider, 'edu-c02').violations.map((v) => v.message)).toEqual([
      'container edu-c02 has 6 of 8 vCPUs free (8 cores, no overcommit: dedicated to virtual cluster lab1), vm lab1-n3 needs 7',
    ]);
  });

  it('does not count a VM twice on the container it already runs on', () => {
    const ctx = PlacementContext.fromSite(exampleSite());
    const used = ctx.used('edu-s2');
    expect(used).toEqual({ vcpus: 8, memoryMiB: 32 * 1024 });
    expect(accepts(ctx, 'jupyter', 'edu-s2')).toBe(true);
    expect(vmDemand(vmNamed(ctx, 'jupyter'))).toEqual({ vcpus: 8, memoryMiB: 32 * 1024 });
  });

  it('rounds overcommitted vCPUs down without floating-point surprises', () => {
    const c = ctx0().container('edu-s1') as Container;
    expect(containerLimits({ ...c, cpu: { cores: 10, overcommit: 1.1 } }).vcpus).toBe(11);
    expect(containerLimits({ ...c, cpu: { cores: 3, overcommit: 1.5 } }).vcpus).toBe(4);
  });

  it('says the container is already over when it is', () => {
    const site = exampleSite();
    const ctx = PlacementContext.fromSite({
      ...site,
      vms: site.vms.map((v) => (v.name === 'jupyter' ? { ...v, memoryMiB: 70 * 1024 } : v)),
    });
    expect(mayRun(ctx, 'course-web', 'edu-s2').violations.map((v) => v.message)).toEqual([
      'container edu-s2 is already 10.0 GiB over the 60.0 GiB it has for guests, vm course-web needs 4.0 GiB',
    ]);
    expect(auditPlacement(ctx).map((v) => v.message)).toEqual([
      'the VMs on container edu-s2 need 70.0 GiB of memory, more than the 60.0 GiB it has for guests (64.0 GiB minus 4.0 GiB reserved for the host): jupyter',
    ]);
  });

  it('refuses unknown names clearly', () => {
    const ctx = PlacementContext.fromSite(exampleSite());
    expect(() => mayRun(ctx, 'nope', 'edu-s1')).toThrow('policy: the site has no vm named "nope"');
    expect(() => mayRun(ctx, 'jupyter', 'nope')).toThrow('policy: the site has no container named "nope"');
    expect(() => ctx.move('jupyter', 'nope')).toThrow('move: the site has no container named "nope"');
  });
});
