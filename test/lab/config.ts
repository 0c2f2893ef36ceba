// The lab's shape: how many container hosts, which security domain each belongs to, their
// names and addresses, and the guests on them. Everything is derived from a few numbers so the
// harness, its teardown, the site file and the tests all agree on the same names.
import path from 'node:path';

/** The whole lab range. The guard route makes it unreachable except through the lab bridge. */
export const LAB_RANGE = '10.200.0.0/16';
/** The hosts' subnet on the lab bridge (inside LAB_RANGE, chosen away from .0/.1 to avoid
 * colliding with other experiments on the same machine). */
export const LAB_SUBNET_PREFIX = '10.200.40';
export const LAB_BRIDGE = 'pdk-br0';
export const LAB_BRIDGE_ADDRESS = `${LAB_SUBNET_PREFIX}.254`;
/** Where each domain's shared pool is mounted inside that domain's hosts. */
export const POOL_ROOT = '/srv/paddock-lab';
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface LabOptions {
  /** Number of container hosts (1..9). */
  hosts: number;
  /** Guests defined and started on each host (0..8). */
  guestsPerHost: number;
  /** Memory of each guest in MiB. */
  guestMemoryMiB: number;
  /** Folder holding the state file, keys, per-host daemons' files and the site file. */
  stateDir: string;
  /** Folder holding the cached guest image (kernel + initramfs), keyed by content hash. */
  cacheDir: string;
}

export const DEFAULT_OPTIONS: LabOptions = {
  hosts: 3,
  guestsPerHost: 2,
  guestMemoryMiB: 96,
  stateDir: process.env.PADDOCK_LAB_DIR ?? path.join(REPO_ROOT, '.lab'),
  cacheDir: process.env.PADDOCK_LAB_CACHE ?? '/var/cache/paddock-lab',
};

export interface LabDomainPlan {
  name: string;
  pool: string;
  poolPath: string;
  network: string;
  /** Bridge inside each of the domain's hosts that guests' NICs attach to. */
  bridge: string;
  cidr: string;
}

export interface LabGuestPlan {
  name: string;
  uuid: string;
  mac: string;
  domain: string;
}

export interface LabHostPlan {
  /** 1-based index. */
  index: number;
  /** Container name in the site file and the host's hostname. */
  name: string;
  netns: string;
  /** Host-side end of the veth pair (≤ 15 characters). */
  veth: string;
  address: string;
  domain: string;
  hostUuid: string;
  guests: LabGuestPlan[];
}

export interface LabPlan {
  options: LabOptions;
  domains: LabDomainPlan[];
  hosts: LabHostPlan[];
}

export function validateOptions(o: LabOptions): void {
  if (!Number.isInteger(o.hosts) || o.hosts < 1 || o.hosts > 9) {
    throw new Error(`lab: hosts must be an integer from 1 to 9, got ${String(o.hosts)}`);
  }
  if (!Number.isInteger(o.guestsPerHost) || o.guestsPerHost < 0 || o.guestsPerHost > 8) {
    throw new Error(`lab: guestsPerHost must be an integer from 0 to 8, got ${String(o.guestsPerHost)}`);
  }
  if (!Number.isInteger(o.guestMemoryMiB) || o.guestMemoryMiB < 48 || o.guestMemoryMiB > 1024) {
    throw new Error(
      `lab: guestMemoryMiB must be an integer from 48 to 1024, got ${String(o.guestMemoryMiB)}`,
    );
  }
  for (const [k, v] of [
    ['stateDir', o.stateDir],
    ['cacheDir', o.cacheDir],
  ] as const) {
    if (!path.isAbsolute(v)) throw new Error(`lab: ${k} must be an absolute path, got "${v}"`);
  }
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function domainPlan(name: string, n: number): LabDomainPlan {
  return {
    name,
    pool: `${name}-pool`,
    poolPath: `${POOL_ROOT}/${name}`,
    network: `${name}-net`,
    bridge: `br-${name}`.slice(0, 15),
    cidr: `10.210.${n}.0/24`,
  };
}

/** The lab's names and addresses. With three or more hosts the last host forms a second
 * security domain ("teaching") so isolation between domains is visible; the others share
 * "research", so live migration has somewhere to go. */
export function planLab(options: LabOptions): LabPlan {
  validateOptions(options);
  const research = domainPlan('research', 1);
  const teaching = domainPlan('teaching', 2);
  const domains = options.hosts >= 3 ? [research, teaching] : [research];
  const perDomainCount = new Map<string, number>();
  const hosts: LabHostPlan[] = [];
  for (let i = 1; i <= options.hosts; i++) {
    const domain = options.hosts >= 3 && i === options.hosts ? teaching : research;
    const guests: LabGuestPlan[] = [];
    for (let g = 1; g <= options.guestsPerHost; g++) {
      const k = (perDomainCount.get(domain.name) ?? 0) + 1;
      perDomainCount.set(domain.name, k);
      const id = i * 16 + g;
      guests.push({
        name: `${domain.name}-vm${k}`,
        uuid: `5ad0c0c0-0000-4000-8000-${hex(id, 12)}`,
        mac: `52:54:00:40:${hex(i, 2)}:${hex(g, 2)}`,
        domain: domain.name,
      });
    }
    hosts.push({
      index: i,
      name: `lab-h${i}`,
      netns: `pdk-h${i}`,
      veth: `pdk-v${i}`,
      address: `${LAB_SUBNET_PREFIX}.${10 + i}`,
      domain: domain.name,
      hostUuid: `5ad0b0b0-0000-4000-8000-${hex(i, 12)}`,
      guests,
    });
  }
  return { options, domains, hosts };
}
