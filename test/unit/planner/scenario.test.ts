// What-if scenarios change a copy of the site, in order, with fresh names, and refuse bad
// requests with a sentence naming what is wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { applyScenario, PlanRequestError } from '../../../core/planner';
import { loadSite } from '../../../core/site';

function example(): Site {
  const file = path.resolve(import.meta.dirname, '../../../assets/example-site.yaml');
  const { site } = loadSite(readFileSync(file, 'utf8'), 'example-site.yaml');
  if (!site) throw new Error('example site does not load');
  return site;
}

describe('applyScenario', () => {
  it('never changes the site it is given', () => {
    const site = example();
    const before = JSON.stringify(site);
    applyScenario(site, [
      { kind: 'add-vms', count: 3, like: 'ldap1' },
      { kind: 'fail-container', container: 'grid-k2' },
      { kind: 'remove-container', container: 'ext-x2' },
      { kind: 'add-containers', count: 2, like: 'grid-k1' },
      { kind: 'add-clusters', count: 1, like: 'lab1', containerType: 'edu-c01' },
    ]);
    expect(JSON.stringify(site)).toBe(before);
  });

  it('adds VMs like another, unplaced, with unique names, and with a size override', () => {
    const site = example();
    const r = applyScenario(site, [{ kind: 'add-vms', count: 3, like: 'ldap1', memoryMiB: 8192 }]);
    const added = r.site.vms.slice(site.vms.length);
    expect(added).toHaveLength(3);
    expect(new Set(r.site.vms.map((v) => v.name)).size).toBe(r.site.vms.length);
    for (const v of added) {
      expect(v.container).toBeNull();
      expect(v.domain).toBe('mgmt');
      expect(v.memoryMiB).toBe(8192);
      expect(v.nics.every((n) => n.ip === undefined && n.mac === undefined)).toBe(true);
    }
  });

  it('fails a container (maintenance, VMs unplaced) or removes it (gone, also from clusters)', () => {
    const site = example();
    const onK2 = site.vms.filter((v) => v.container === 'grid-k2').length;
    const failed = applyScenario(site, [{ kind: 'fail-container', container: 'grid-k2' }]);
    expect(failed.site.containers.find((c) => c.name === 'grid-k2')?.maintenance).toBe(true);
    expect(failed.site.vms.filter((v) => v.container === 'grid-k2')).toEqual([]);
    expect(failed.described[0]).toContain(`${onK2} VM(s)`);
    const removed = applyScenario(site, [{ kind: 'remove-container', container: 'edu-c01' }]);
    expect(removed.site.containers.some((c) => c.name === 'edu-c01')).toBe(false);
    expect(removed.site.clusters.find((k) => k.name === 'lab1')?.containers).toEqual(['edu-c02']);
  });

  it('adds a cluster like lab1 with its own private network and new dedicated containers bridging it', () => {
    const r = applyScenario(example(), [
      { kind: 'add-clusters', count: 2, like: 'lab1', containerType: 'edu-c01' },
    ]);
    const lab6 = r.site.clusters.find((k) => k.name === 'lab6');
    const lab7 = r.site.clusters.find((k) => k.name === 'lab7');
    expect(lab6?.computes).toHaveLength(4);
    expect(lab6?.containers).toHaveLength(2);
    expect(lab7?.containers).toHaveLength(2);
    expect(r.site.networks.some((n) => n.name === 'lab6-priv' && n.bridge === 'br-lab6')).toBe(true);
    for (const c of lab6?.containers ?? []) {
      const cont = r.site.containers.find((x) => x.name === c);
      expect(cont?.networks).toContain('lab6-priv');
      expect(cont?.networks).not.toContain('lab1-priv');
    }
    const head = r.site.vms.find((v) => v.name === lab6?.head);
    expect(head?.nics.map((n) => n.network).sort()).toEqual(['edu-pub', 'lab6-priv']);
    expect(r.homeless).toEqual([]);
  });

  it('without a container type, a new cluster with no idle container to claim is reported homeless', () => {
    const r = applyScenario(example(), [{ kind: 'add-clusters', count: 1, like: 'lab1' }]);
    expect(r.homeless).toHaveLength(5);
    expect(r.homeless[0]?.reason).toMatch(/needs 2 dedicated container/);
  });

  it.each([
    [{ kind: 'add-vms', count: 1, like: 'nobody' }, /no vm named "nobody"/],
    [{ kind: 'add-vms', count: 0, like: 'ldap1' }, /count 0/],
    [{ kind: 'add-vms', count: 1, domain: 'mgmt', vcpus: 0, memoryMiB: 1024 }, /vcpus 0/],
    [{ kind: 'add-vms', count: 1, vcpus: 1, memoryMiB: 1024 }, /give a VM to copy/],
    [
      { kind: 'add-vms', count: 1, domain: 'nowhere', vcpus: 1, memoryMiB: 1024 },
      /no domain named "nowhere"/,
    ],
    [{ kind: 'fail-container', container: 'x' }, /no container named "x"/],
    [{ kind: 'add-clusters', count: 1, like: 'lab99' }, /no cluster named "lab99"/],
    [{ kind: 'add-containers', count: 2.5, like: 'grid-k1' }, /count 2.5/],
  ] as const)('refuses %j', (op, message) => {
    expect(() => applyScenario(example(), [op])).toThrow(PlanRequestError);
    expect(() => applyScenario(example(), [op])).toThrow(message);
  });
});
