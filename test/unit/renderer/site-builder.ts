// A deterministic synthetic site for the renderer's unit tests (and a scratch UI harness):
// D domains, each with C containers of V VMs, some unplaced VMs, and virtual clusters on
// dedicated containers in the last domain. Varied states, tags and sizes, all valid.
import type { Container, Site, VirtualCluster, Vm, VmState } from '../../../core/model/types';
import { emptySite } from '../../fixtures/empty-site';

export interface SiteShape {
  domains: number;
  containersPerDomain: number;
  vmsPerContainer: number;
  unplacedPerDomain?: number;
  /** Clusters (1 head + 4 computes on 2 dedicated containers each) in the last domain. */
  clusters?: number;
}

const DOMAIN_NAMES = ['mgmt', 'external', 'trusted', 'edu'];
const STATES: VmState[] = [
  'running',
  'running',
  'running',
  'stopped',
  'running',
  'paused',
  'running',
  'crashed',
  'running',
  'unknown',
];
const TAGS = ['web', 'gateway', 'db', 'mail', 'monitoring', 'data'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function buildSite(shape: SiteShape): Site {
  const site = emptySite({ name: 'Synthetic site', description: 'Generated for renderer tests' });
  let vmSeq = 0;
  let ipSeq = 0;
  const newVm = (domain: string, container: string | null, extra: Partial<Vm> = {}): Vm => {
    const i = vmSeq++;
    const ip = ipSeq++;
    return {
      name: `${domain}-vm${pad(i, 4)}`,
      domain,
      vcpus: 1 + (i % 4),
      memoryMiB: 1024 * (1 + (i % 4)),
      image: `${domain}-debian12`,
      disks: [{ name: 'root', pool: `${domain}-gpfs`, sizeGiB: 20 + (i % 5) * 10 }],
      nics: [
        {
          network: `${domain}-pub`,
          ip: `10.${Math.floor(ip / 65000) % 250}.${Math.floor(ip / 250) % 250}.${(ip % 250) + 2}`,
          mac: mac(ip),
        },
      ],
      container,
      state: STATES[i % STATES.length] ?? 'running',
      tags: [TAGS[i % TAGS.length] ?? 'web'],
      owner: `owner${i % 7}`,
      project: `project${i % 5}`,
      ...extra,
    };
  };
  for (let d = 0; d < shape.domains; d++) {
    const domain = DOMAIN_NAMES[d] ?? `domain${d}`;
    site.domains.push({
      name: domain,
      description: `Domain ${domain}`,
      trust: d % 2 === 0 ? 'internal' : 'external',
      ssh: { user: 'root' },
    });
    site.pools.push({
      name: `${domain}-gpfs`,
      domain,
      kind: 'gpfs',
      mountPath: `/gpfs/${domain}`,
      capacityGiB: 100_000,
    });
    site.networks.push({
      name: `${domain}-pub`,
      domain,
      bridge: `br${d}pub`,
      cidr: '10.0.0.0/8',
      public: true,
    });
    site.networks.push({
      name: `${domain}-priv`,
      domain,
      bridge: `br${d}priv`,
      cidr: '192.168.0.0/16',
      public: false,
    });
    site.images.push({
      name: `${domain}-debian12`,
      domain,
      pool: `${domain}-gpfs`,
      path: 'images/debian12.qcow2',
      os: 'debian12',
      format: 'qcow2',
      sizeGiB: 10,
    });
    for (let c = 0; c < shape.containersPerDomain; c++) {
      const container = newContainer(domain, `${domain}-c${pad(c + 1, 3)}`, c);
      site.containers.push(container);
      for (let v = 0; v < shape.vmsPerContainer; v++) site.vms.push(newVm(domain, container.name));
    }
    for (let u = 0; u < (shape.unplacedPerDomain ?? 0); u++)
      site.vms.push(newVm(domain, null, { state: 'stopped' }));
  }
  const lastDomain = site.domains[site.domains.length - 1]?.name;
  for (let k = 0; lastDomain && k < (shape.clusters ?? 0); k++) {
    const hosts = [0, 1].map((h) => newContainer(lastDomain, `${lastDomain}-lab${k + 1}-h${h + 1}`, h));
    site.containers.push(...hosts);
    const nodes = [0, 1, 2, 3, 4].map((n) =>
      newVm(lastDomain, hosts[n % 2]?.name ?? null, {
        name: `lab${k + 1}-${n === 0 ? 'head' : `node${n}`}`,
        vcpus: 2,
        memoryMiB: 2048,
        state: 'running',
        tags: ['teaching'],
        nics:
          n === 0
            ? [{ network: `${lastDomain}-pub` }, { network: `${lastDomain}-priv` }]
            : [{ network: `${lastDomain}-priv` }],
      }),
    );
    site.vms.push(...nodes);
    const cluster: VirtualCluster = {
      name: `lab${k + 1}`,
      domain: lastDomain,
      head: nodes[0]?.name ?? '',
      computes: nodes.slice(1).map((n) => n.name),
      containers: hosts.map((h) => h.name),
      maxNodesPerContainer: 3,
    };
    site.clusters.push(cluster);
  }
  return site;
}

function newContainer(domain: string, name: string, i: number): Container {
  return {
    name,
    domain,
    address: `${name}.example.org`,
    ssh: { port: 22, user: 'root' },
    hypervisor: i % 3 === 2 ? 'xen-xl' : 'libvirt',
    cpu: { cores: 32, overcommit: 2 },
    memoryMiB: 256 * 1024,
    reservedMemoryMiB: 8 * 1024,
    pools: [`${domain}-gpfs`],
    networks: [`${domain}-pub`, `${domain}-priv`],
    maintenance: i === 4,
    tags: i % 2 === 0 ? ['rack-a'] : ['rack-b'],
  };
}

function mac(i: number): string {
  const b = [0x52, 0x54, 0x00, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** The value, or a test failure naming what was missing (instead of a non-null assertion). */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`test fixture: ${what} is missing`);
  return value;
}
