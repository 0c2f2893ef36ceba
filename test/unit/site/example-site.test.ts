// The bundled example site (assets/example-site.yaml) is what a newcomer sees first: it must
// validate cleanly and hold what the README promises. Expected counts come from parsing the
// YAML here independently, not from constants.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Site } from '../../../core/model/types';
import { PlacementContext, auditPlacement } from '../../../core/policy';
import { loadSite } from '../../../core/site';

const file = new URL('../../../assets/example-site.yaml', import.meta.url);
const text = readFileSync(file, 'utf8');
const raw = parse(text) as Record<string, unknown[]>;
const { site, diagnostics } = loadSite(text, 'example-site.yaml');

function loaded(): Site {
  if (!site) throw new Error(`example site did not load: ${JSON.stringify(diagnostics)}`);
  return site;
}
const totalDiskGiB = (vm: Site['vms'][number]) => vm.disks.reduce((s, d) => s + d.sizeGiB, 0);

describe('example site', () => {
  it('validates with no errors and no warnings', () => {
    expect(diagnostics).toEqual([]);
    expect(auditPlacement(PlacementContext.fromSite(loaded()))).toEqual([]);
  });

  it('holds every element the file lists', () => {
    const s = loaded();
    for (const section of [
      'domains',
      'pools',
      'networks',
      'containers',
      'images',
      'vms',
      'clusters',
      'antiAffinity',
    ] as const) {
      expect(s[section].length, section).toBe(raw[section]?.length);
    }
    expect(s.domains.length).toBeGreaterThanOrEqual(4);
    expect(s.vms.length).toBeGreaterThan(30);
  });

  it('has the four kinds of security domain of the paper, each with its own GPFS filesystem', () => {
    const s = loaded();
    expect(s.domains.map((d) => d.trust).sort()).toEqual(['education', 'external', 'internal', 'trusted']);
    for (const d of s.domains) {
      expect(
        s.pools.some((p) => p.domain === d.name && p.kind === 'gpfs'),
        d.name,
      ).toBe(true);
      const containers = s.containers.filter((c) => c.domain === d.name);
      expect(containers.length, d.name).toBeGreaterThanOrEqual(2);
    }
  });

  it('mixes Xen and libvirt containers and public and private networks', () => {
    const s = loaded();
    expect(new Set(s.containers.map((c) => c.hypervisor))).toEqual(new Set(['xen-xl', 'libvirt']));
    expect(s.networks.some((n) => n.public)).toBe(true);
    expect(s.networks.some((n) => !n.public)).toBe(true);
    expect(s.containers.some((c) => c.maintenance)).toBe(true);
  });

  it('hosts a monolithic science gateway with at least 4 GB of memory and more than 1 TB of disk', () => {
    const gw = loaded().vms.find((v) => v.name === 'sgw-mono');
    expect(gw?.memoryMiB).toBeGreaterThanOrEqual(4 * 1024);
    expect(gw && totalDiskGiB(gw)).toBeGreaterThan(1000);
  });

  it('splits a decoupled gateway into a website and a workflow engine in different domains', () => {
    const s = loaded();
    const parts = s.vms.filter((v) => v.project === 'climate-data-gateway');
    expect(parts.map((v) => v.name).sort()).toEqual(['gateway-web', 'gateway-wf']);
    expect(new Set(parts.map((v) => v.domain)).size).toBe(2);
  });

  it('has a BitTorrent data host, consolidated services and unplaced VMs', () => {
    const s = loaded();
    expect(s.vms.some((v) => v.tags.includes('bittorrent'))).toBe(true);
    for (const service of ['mailing-lists', 'monitoring', 'dns', 'directory']) {
      expect(
        s.vms.some((v) => v.tags.includes(service)),
        service,
      ).toBe(true);
    }
    expect(s.vms.filter((v) => v.container === null).length).toBeGreaterThanOrEqual(3);
  });

  it('runs five teaching clusters of one head and four computes on dedicated containers', () => {
    const s = loaded();
    expect(s.clusters.length).toBe(5);
    const byName = new Map(s.vms.map((v) => [v.name, v]));
    const nets = new Map(s.networks.map((n) => [n.name, n]));
    const dedicated = new Set<string>();
    for (const k of s.clusters) {
      expect(k.computes.length, k.name).toBe(4);
      expect(k.containers.length, k.name).toBeGreaterThanOrEqual(2);
      for (const c of k.containers) {
        expect(dedicated.has(c), `${c} shared`).toBe(false);
        dedicated.add(c);
      }
      const head = byName.get(k.head);
      expect(head?.nics.map((n) => nets.get(n.network)?.public).sort()).toEqual([false, true]);
      for (const n of k.computes) {
        const vm = byName.get(n);
        expect(
          vm?.nics.every((nic) => nets.get(nic.network)?.public === false),
          n,
        ).toBe(true);
        expect(k.containers).toContain(vm?.container);
      }
    }
  });
});
