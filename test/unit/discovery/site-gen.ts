// Random sites for discovery properties, and the live inventory that matches a site exactly.
import fc from 'fast-check';
import type { DomainDetails } from '../../../core/drivers/types';
import type { HostSnapshot, Inventory } from '../../../core/discovery/types';
import type { Container, Site, Vm } from '../../../core/model/types';

const DOMAINS = ['alpha', 'beta'];

function container(name: string, domain: string): Container {
  return {
    name,
    domain,
    address: `${name}.example.org`,
    ssh: { port: 22, user: 'root' },
    hypervisor: 'libvirt',
    cpu: { cores: 16, overcommit: 2 },
    memoryMiB: 65536,
    reservedMemoryMiB: 2048,
    pools: [`${domain}-pool`],
    networks: [`${domain}-net`, `${domain}-pub`],
    maintenance: false,
    tags: [],
  };
}

const mac = (i: number): string =>
  `52:54:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;

/** A site with two domains, 2-3 containers each, and 0-12 VMs placed on their domain's hosts. */
export const arbSite: fc.Arbitrary<Site> = fc
  .record({
    hostsPerDomain: fc.integer({ min: 2, max: 3 }),
    vms: fc.array(
      fc.record({
        domain: fc.constantFrom(...DOMAINS),
        host: fc.nat(),
        vcpus: fc.integer({ min: 1, max: 8 }),
        gib: fc.integer({ min: 1, max: 16 }),
        running: fc.boolean(),
        nics: fc.integer({ min: 0, max: 2 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ hostsPerDomain, vms }) => {
    const containers = DOMAINS.flatMap((d) =>
      Array.from({ length: hostsPerDomain }, (_, i) => container(`${d}-h${i + 1}`, d)),
    );
    let macs = 0;
    const siteVms: Vm[] = vms.map((v, i) => {
      const hosts = containers.filter((c) => c.domain === v.domain);
      return {
        name: `vm${i}`,
        domain: v.domain,
        vcpus: v.vcpus,
        memoryMiB: v.gib * 1024,
        disks: [{ name: 'vda', pool: `${v.domain}-pool`, sizeGiB: 10 }],
        nics: Array.from({ length: v.nics }, (_, k) => ({
          network: k === 0 ? `${v.domain}-net` : `${v.domain}-pub`,
          mac: mac(++macs),
        })),
        container: hosts[v.host % hosts.length]?.name ?? null,
        state: v.running ? 'running' : 'stopped',
        tags: [],
      };
    });
    return {
      version: 1,
      site: { name: 'gen' },
      domains: DOMAINS.map((d) => ({ name: d, ssh: { user: 'root' } })),
      pools: DOMAINS.map((d) => ({
        name: `${d}-pool`,
        domain: d,
        kind: 'gpfs',
        mountPath: `/gpfs/${d}`,
        capacityGiB: 1000,
      })),
      networks: DOMAINS.flatMap((d, i) => [
        { name: `${d}-net`, domain: d, bridge: `br-${d}`, cidr: `10.${i}.0.0/24`, public: false },
        { name: `${d}-pub`, domain: d, bridge: `br-${d}-pub`, cidr: `10.${i}.1.0/24`, public: true },
      ]),
      containers,
      images: [],
      vms: siteVms,
      clusters: [],
      antiAffinity: [],
    } satisfies Site;
  });

/** What a host would report for a VM exactly as the site records it. */
export function liveOf(site: Site, vm: Vm): DomainDetails {
  return {
    name: vm.name,
    uuid: null,
    id: vm.state === 'running' ? 1 : null,
    state: vm.state,
    rawState: vm.state,
    vcpus: vm.vcpus,
    maxVcpus: vm.vcpus,
    memoryMiB: vm.memoryMiB,
    maxMemoryMiB: vm.memoryMiB,
    disks: vm.disks.map((d) => ({
      target: d.name,
      source: `${site.pools.find((p) => p.name === d.pool)?.mountPath ?? '/x'}/${vm.name}.img`,
      device: 'disk',
      format: 'raw',
      readonly: false,
    })),
    nics: vm.nics.map((n) => ({
      mac: n.mac ?? null,
      bridge: site.networks.find((x) => x.name === n.network)?.bridge ?? null,
      network: null,
      type: 'bridge',
      model: 'virtio',
    })),
    persistent: true,
  };
}

export function snapshot(
  container: Container,
  vms: DomainDetails[],
  status: HostSnapshot['status'] = 'ok',
): HostSnapshot {
  return {
    container: container.name,
    domain: container.domain,
    status,
    error: status === 'ok' ? null : 'boom',
    refreshedAt: 1000,
    attemptedAt: 1000,
    durationMs: 5,
    capacity: null,
    vms,
  };
}

/** The inventory of a fleet that is exactly as the site says. */
export function inventoryOf(site: Site): Inventory {
  const hosts: Record<string, HostSnapshot> = {};
  for (const c of site.containers) {
    hosts[c.name] = snapshot(
      c,
      site.vms.filter((v) => v.container === c.name).map((v) => liveOf(site, v)),
    );
  }
  return { hosts, startedAt: 0, finishedAt: 1 };
}
