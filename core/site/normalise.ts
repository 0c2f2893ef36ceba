// File shape -> model (core/model/types.ts): GiB -> MiB integers, MACs in lower-case colon
// form, disk names filled in, container SSH user inherited from its domain.
import type { Container, Disk, Domain, GoldenImage, Network, Nic, StoragePool, Vm } from '../model/types';
import { normaliseMac } from '../net/mac';
import type { FileContainer, FileDomain, FileImage, FileNetwork, FilePool, FileVm } from './shape';

/** GiB -> MiB; the shape check has already refused amounts that are not whole MiB. */
export const gibToMib = (gib: number): number => Math.round(gib * 1024);

function omitUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function normaliseDomain(d: FileDomain): Domain {
  const ssh: Domain['ssh'] = { user: d.ssh.user };
  if (d.ssh.jumpHost) ssh.jumpHost = { ...d.ssh.jumpHost };
  return omitUndefined({ name: d.name, description: d.description, trust: d.trust, ssh });
}

export function normalisePool(p: FilePool): StoragePool {
  return { ...p };
}

export function normaliseNetwork(n: FileNetwork): Network {
  return omitUndefined({ ...n });
}

export function normaliseContainer(c: FileContainer, domainUser: string | undefined): Container {
  return omitUndefined({
    name: c.name,
    domain: c.domain,
    address: c.address,
    ssh: { port: c.ssh.port, user: c.ssh.user ?? domainUser ?? 'root' },
    hypervisor: c.hypervisor,
    uri: c.uri,
    cpu: { cores: c.cpu.cores, overcommit: c.cpu.overcommit },
    memoryMiB: gibToMib(c.memoryGiB),
    reservedMemoryMiB: gibToMib(c.reservedMemoryGiB),
    pools: [...c.pools],
    networks: [...c.networks],
    maintenance: c.maintenance,
    tags: [...c.tags],
  });
}

export function normaliseImage(i: FileImage): GoldenImage {
  return { ...i };
}

export function normaliseVm(v: FileVm): Vm {
  const disks: Disk[] = v.disks.map((d, i) => ({
    name: d.name ?? `disk${i}`,
    pool: d.pool,
    sizeGiB: d.sizeGiB,
  }));
  const nics: Nic[] = v.nics.map((n) => {
    const nic: Nic = { network: n.network };
    if (n.ip !== undefined) nic.ip = n.ip;
    const mac = n.mac === undefined ? null : normaliseMac(n.mac);
    if (mac) nic.mac = mac;
    return nic;
  });
  return omitUndefined({
    name: v.name,
    domain: v.domain,
    vcpus: v.vcpus,
    memoryMiB: gibToMib(v.memoryGiB),
    image: v.image,
    disks,
    nics,
    container: v.container,
    state: v.state,
    tags: [...v.tags],
    owner: v.owner,
    project: v.project,
  });
}
