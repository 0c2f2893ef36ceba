// Site (model) -> site file text, the inverse of loadSite: MiB back to GiB, keys in the
// documented order. Used to write generated sites, the lab's site and planner results;
// loadSite(serialiseSite(site)).site deep-equals site (a property test holds it to that).
import { Document, isCollection, isScalar, visit } from 'yaml';
import type { Container, Site, Vm } from '../model/types';

const mibToGib = (mib: number): number => mib / 1024;

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function containerToFile(c: Container): Record<string, unknown> {
  return defined({
    name: c.name,
    domain: c.domain,
    address: c.address,
    ssh: { port: c.ssh.port, user: c.ssh.user },
    hypervisor: c.hypervisor,
    uri: c.uri,
    cpu: { cores: c.cpu.cores, overcommit: c.cpu.overcommit },
    memoryGiB: mibToGib(c.memoryMiB),
    reservedMemoryGiB: mibToGib(c.reservedMemoryMiB),
    pools: c.pools,
    networks: c.networks,
    maintenance: c.maintenance,
    tags: c.tags,
  });
}

function vmToFile(v: Vm): Record<string, unknown> {
  return defined({
    name: v.name,
    domain: v.domain,
    vcpus: v.vcpus,
    memoryGiB: mibToGib(v.memoryMiB),
    image: v.image,
    disks: v.disks.map((d) => ({ name: d.name, pool: d.pool, sizeGiB: d.sizeGiB })),
    nics: v.nics.map((n) => defined({ network: n.network, ip: n.ip, mac: n.mac })),
    container: v.container,
    state: v.state,
    tags: v.tags,
    owner: v.owner,
    project: v.project,
  });
}

/** The site as the plain object a site file holds. */
export function siteToFileObject(site: Site): Record<string, unknown> {
  return {
    version: 1,
    site: defined({ ...site.site }),
    domains: site.domains.map((d) => defined({ ...d, ssh: defined({ ...d.ssh }) })),
    pools: site.pools,
    networks: site.networks.map((n) => defined({ ...n })),
    containers: site.containers.map(containerToFile),
    images: site.images,
    vms: site.vms.map(vmToFile),
    clusters: site.clusters.map((k) => defined({ ...k })),
    antiAffinity: site.antiAffinity,
  };
}

/**
 * Site file text. Disks, NICs and short lists are written in flow style ({ ... }, [ ... ])
 * so a VM stays a few lines long and a 10,000-VM site stays far below the size limit.
 */
export function serialiseSite(site: Site, header?: string): string {
  const doc = new Document(siteToFileObject(site), { version: '1.2' });
  doc.commentBefore = header ?? null;
  // Collections that hold only scalars (a disk, a NIC, tags, cpu) fit on one line.
  visit(doc, {
    Collection(_, node) {
      const children = node.items.map((i) => (isScalar(i) ? i : ((i as { value?: unknown }).value ?? i)));
      if (children.length > 0 && children.every((c) => isScalar(c) || c === null)) node.flow = true;
      else if (children.length > 0 && children.some((c) => isCollection(c))) node.flow = false;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
