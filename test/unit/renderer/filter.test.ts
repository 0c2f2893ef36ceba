import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INACTIVE_MATCH, matchSummary, matchTopology } from '../../../renderer/src/view-model/filter';
import { parseQuery } from '../../../renderer/src/view-model/query';
import { buildTopology } from '../../../renderer/src/view-model/topology';
import { buildSite } from './site-builder';

const site = buildSite({
  domains: 4,
  containersPerDomain: 3,
  vmsPerContainer: 6,
  unplacedPerDomain: 2,
  clusters: 2,
});
const t = buildTopology(site);
const match = (q: string) => matchTopology(t, parseQuery(q));
const vmsWhere = (f: (vm: (typeof site.vms)[number]) => boolean) =>
  new Set(site.vms.filter(f).map((v) => v.name));

describe('matchTopology', () => {
  it('is inactive for an empty query', () => {
    expect(match('   ')).toBe(INACTIVE_MATCH);
  });

  it('matches states exactly, alternatives with commas, and combines keys with AND', () => {
    expect(match('state:crashed').vms).toEqual(vmsWhere((v) => v.state === 'crashed'));
    expect(match('state:crashed,paused').vms).toEqual(
      vmsWhere((v) => v.state === 'crashed' || v.state === 'paused'),
    );
    expect(match('state:running tag:db domain:ext').vms).toEqual(
      vmsWhere((v) => v.state === 'running' && v.tags.includes('db') && v.domain === 'external'),
    );
  });

  it('matches domain, host and cluster by substring, ip by prefix, hv by the host hypervisor', () => {
    expect(match('domain:nowhere').vms).toEqual(new Set());
    expect(match('domain:edu').vms).toEqual(vmsWhere((v) => v.domain === 'edu'));
    expect(match('domain:trus').containers).toEqual(
      new Set(site.containers.filter((c) => c.domain === 'trusted').map((c) => c.name)),
    );
    expect(match('host:mgmt-c002').vms).toEqual(vmsWhere((v) => v.container === 'mgmt-c002'));
    expect(match('cluster:lab2').vms).toEqual(
      new Set(['lab2-head', 'lab2-node1', 'lab2-node2', 'lab2-node3', 'lab2-node4']),
    );
    expect(match('cluster:lab2').containers).toEqual(new Set(['edu-lab2-h1', 'edu-lab2-h2']));
    expect(match('ip:10.0.0.1').vms).toEqual(
      vmsWhere((v) => v.nics.some((n) => n.ip?.startsWith('10.0.0.1'))),
    );
    const xen = new Set(site.containers.filter((c) => c.hypervisor === 'xen-xl').map((c) => c.name));
    expect(match('hv:xen-xl').vms).toEqual(vmsWhere((v) => v.container !== null && xen.has(v.container)));
    expect(match('hv:xen-xl').containers).toEqual(xen);
  });

  it('matches free words against names, tags, owners, addresses; domains and clusters by name', () => {
    expect(match('owner3').vms).toEqual(vmsWhere((v) => v.owner === 'owner3'));
    expect(match('c003.example').containers).toEqual(
      new Set(site.containers.filter((c) => c.name.endsWith('c003')).map((c) => c.name)),
    );
    expect(match('name:external').domains).toEqual(new Set(['external']));
    // Free words also read the trust label: edu is an "external" domain in the fixture.
    expect(match('external').domains).toEqual(new Set(['external', 'edu']));
    expect(match('lab1').clusters).toEqual(new Set(['lab1']));
  });

  it('does not match containers on VM-only keys', () => {
    expect(match('state:running').containers.size).toBe(0);
    expect(match('owner:owner1').containers.size).toBe(0);
  });

  it('splits the VMs into a filter and its negation, and narrows as terms are added', () => {
    const filter = fc.oneof(
      fc.constantFrom('running', 'stopped', 'paused', 'crashed', 'unknown').map((s) => `state:${s}`),
      fc.constantFrom('web', 'db', 'gateway', 'mail', 'teaching').map((s) => `tag:${s}`),
      fc.constantFrom('mgmt', 'ext', 'trusted').map((s) => `domain:${s}`),
      fc.constantFrom('c001', 'c002', 'lab').map((s) => `host:${s}`),
      fc.constantFrom('owner1', 'vm00', 'project2', '10.0', '52:54').map((s) => s),
    );
    fc.assert(
      fc.property(filter, filter, (a, b) => {
        const pos = match(a).vms;
        const neg = match(`-${a}`).vms;
        expect(pos.size + neg.size).toBe(site.vms.length);
        for (const n of pos) expect(neg.has(n)).toBe(false);
        const both = match(`${a} ${b}`);
        const other = match(b).vms;
        const sameKey = a.includes(':') && a.split(':')[0] === b.split(':')[0];
        // Two filters of one key are alternatives (union); otherwise every term must hold.
        const expected = [...vmsWhere(() => true)].filter((n) =>
          sameKey ? pos.has(n) || other.has(n) : pos.has(n) && other.has(n),
        );
        expect(both.vms).toEqual(new Set(expected));
        expect(both.counts.vms).toBe(both.vms.size);
      }),
    );
  });
});

describe('matchSummary', () => {
  it('names only what matched, with agreement', () => {
    expect(matchSummary({ vms: 0, containers: 0, domains: 0, clusters: 0 })).toBe('No matches');
    expect(matchSummary({ vms: 1, containers: 0, domains: 0, clusters: 0 })).toBe('1 VM matches');
    expect(matchSummary({ vms: 3, containers: 1, domains: 0, clusters: 2 })).toBe(
      '3 VMs, 1 container, 2 clusters match',
    );
  });
});
