// fast-check arbitraries for small sites whose SHAPE is valid but whose placement may break
// any rule: two domains, a few containers with random pools/networks/capacity, VMs with
// random needs and random placements, clusters with dedicated containers, anti-affinity
// groups. Small enough for exhaustive (vm x container) checks in property tests.
import fc from 'fast-check';
import type { AntiAffinityGroup, Container, Site, VirtualCluster, Vm } from '../../../core/model/types';

const DOMAINS = ['red', 'blue'] as const;
const POOLS = ['red-p1', 'red-p2', 'blue-p1'] as const;
const NETS = ['red-n1', 'red-n2', 'blue-n1'] as const;
const inDomain = (d: string, xs: readonly string[]) => xs.filter((x) => x.startsWith(`${d}-`));

const containerArb = (i: number): fc.Arbitrary<Container> =>
  fc
    .record({
      domain: fc.constantFrom(...DOMAINS),
      cores: fc.integer({ min: 1, max: 8 }),
      overcommit: fc.constantFrom(1, 1.5, 2, 4),
      memoryGiB: fc.integer({ min: 2, max: 16 }),
      reservedGiB: fc.integer({ min: 0, max: 2 }),
      poolMask: fc.integer({ min: 0, max: 3 }),
      netMask: fc.integer({ min: 0, max: 3 }),
      maintenance: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
    })
    .map((r) => ({
      name: `c${i}`,
      domain: r.domain,
      address: `10.0.0.${i + 1}`,
      ssh: { port: 22, user: 'root' },
      hypervisor: i % 2 ? 'xen-xl' : 'libvirt',
      cpu: { cores: r.cores, overcommit: r.overcommit },
      memoryMiB: r.memoryGiB * 1024,
      reservedMemoryMiB: r.reservedGiB * 1024,
      pools: inDomain(r.domain, POOLS).filter((_, k) => r.poolMask & (1 << k)),
      networks: inDomain(r.domain, NETS).filter((_, k) => r.netMask & (1 << k)),
      maintenance: r.maintenance,
      tags: [],
    }));

const vmArb = (i: number, containers: number): fc.Arbitrary<Vm> =>
  fc
    .record({
      domain: fc.constantFrom(...DOMAINS),
      vcpus: fc.integer({ min: 1, max: 6 }),
      memoryMiB: fc.integer({ min: 1, max: 12 }).map((x) => x * 512),
      diskPools: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
      nicNets: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
      image: fc.boolean(),
      container: fc.option(fc.integer({ min: 0, max: containers - 1 }), { nil: null }),
    })
    .map((r) => {
      const pools = inDomain(r.domain, POOLS);
      const nets = inDomain(r.domain, NETS);
      const vm: Vm = {
        name: `v${i}`,
        domain: r.domain,
        vcpus: r.vcpus,
        memoryMiB: r.memoryMiB,
        disks: r.diskPools.map((p, k) => ({
          name: `disk${k}`,
          pool: pools[p % pools.length] ?? 'red-p1',
          sizeGiB: 10,
        })),
        nics: r.nicNets.map((n) => ({ network: nets[n % nets.length] ?? 'red-n1' })),
        container: r.container === null ? null : `c${r.container}`,
        state: 'running',
        tags: [],
      };
      if (r.image) vm.image = `${r.domain}-img`;
      return vm;
    });

/** A shape-valid site with 1-6 containers and 0-12 VMs, placed anywhere. */
export const siteArb: fc.Arbitrary<Site> = fc
  .record({ containers: fc.integer({ min: 1, max: 6 }), vms: fc.integer({ min: 0, max: 12 }) })
  .chain(({ containers, vms }) =>
    fc.record({
      containers: fc.tuple(...Array.from({ length: containers }, (_, i) => containerArb(i))),
      vms:
        vms === 0
          ? fc.constant([] as Vm[])
          : fc.tuple(...Array.from({ length: vms }, (_, i) => vmArb(i, containers))),
      cluster: fc.option(
        fc.record({
          members: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, vms - 1) }), {
            minLength: 1,
            maxLength: 5,
          }),
          dedicated: fc.uniqueArray(fc.integer({ min: 0, max: containers - 1 }), { maxLength: 2 }),
          max: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        }),
        { nil: null },
      ),
      group: fc.option(
        fc.record({
          members: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, vms - 1) }), {
            minLength: 1,
            maxLength: 4,
          }),
          max: fc.integer({ min: 1, max: 2 }),
        }),
        { nil: null },
      ),
    }),
  )
  .map(({ containers, vms, cluster, group }) => {
    const vmList = [...vms];
    const clusters: VirtualCluster[] = [];
    if (cluster && vmList.length > 0) {
      const [head, ...computes] = cluster.members.map((m) => `v${m}`);
      const k: VirtualCluster = {
        name: 'k1',
        domain: 'red',
        head: head ?? 'v0',
        computes,
        containers: cluster.dedicated.map((c) => `c${c}`),
      };
      if (cluster.max !== undefined) k.maxNodesPerContainer = cluster.max;
      clusters.push(k);
    }
    const antiAffinity: AntiAffinityGroup[] =
      group && vmList.length > 0
        ? [{ name: 'g1', vms: group.members.map((m) => `v${m}`), maxPerContainer: group.max }]
        : [];
    return {
      version: 1 as const,
      site: { name: 'arbitrary' },
      domains: DOMAINS.map((d) => ({ name: d, ssh: { user: 'root' } })),
      pools: POOLS.map((p) => ({
        name: p,
        domain: p.split('-')[0] ?? 'red',
        kind: 'gpfs' as const,
        mountPath: `/gpfs/${p}`,
        capacityGiB: 100_000,
      })),
      networks: NETS.map((n, k) => ({
        name: n,
        domain: n.split('-')[0] ?? 'red',
        bridge: `br-${n}`,
        cidr: `10.${k + 1}.0.0/16`,
        public: false,
      })),
      containers: [...containers],
      images: DOMAINS.map((d) => ({
        name: `${d}-img`,
        domain: d,
        pool: `${d}-p1`,
        path: 'images/base.qcow2',
        os: 'debian-12',
        format: 'qcow2' as const,
        sizeGiB: 8,
      })),
      vms: vmList,
      clusters,
      antiAffinity,
    };
  });
