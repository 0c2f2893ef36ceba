// The normalised site model: what the loader returns after a site file has passed its shape
// checks. Every other module (policy, planner, UI, drivers) reads these types; the YAML file
// shape and its schema live in core/site/shape.ts (loader: core/site, loadSite).

/** Names of domains, containers, VMs, pools, networks, images, clusters: an allow-listed
 * charset (letters, digits, '.', '_', '-', not starting with '-' or '.'), so a name can be
 * passed to a remote command as one literal argument without any shell meaning. */
export type Name = string;

export type HypervisorKind = 'libvirt' | 'xen-xl';
export type PoolKind = 'gpfs' | 'lustre' | 'nfs' | 'cephfs' | 'local';
export type VmState = 'running' | 'stopped' | 'paused' | 'crashed' | 'unknown';

export interface SiteInfo {
  name: string;
  description?: string;
}

export interface JumpHost {
  address: string;
  port: number;
  user: string;
}

export interface Domain {
  name: Name;
  description?: string;
  /** Free label shown in the UI, e.g. "internal", "external", "trusted", "education". */
  trust?: string;
  /** SSH defaults for this domain's containers; credentials live in the domain's vault. */
  ssh: { user: string; jumpHost?: JumpHost };
}

export interface StoragePool {
  name: Name;
  domain: Name;
  kind: PoolKind;
  /** Same absolute path on every container of the domain that mounts it. */
  mountPath: string;
  capacityGiB: number;
}

export interface Network {
  name: Name;
  domain: Name;
  /** Linux bridge name on the containers (≤ 15 characters). */
  bridge: string;
  cidr: string;
  gateway?: string;
  public: boolean;
  vlan?: number;
}

export interface Container {
  name: Name;
  domain: Name;
  /** IP address or DNS name used for SSH. */
  address: string;
  ssh: { port: number; user: string };
  hypervisor: HypervisorKind;
  /** libvirt connection URI on the container (virsh -c); default qemu:///system. */
  uri?: string;
  cpu: { cores: number; /** allowed vCPU:core ratio, ≥ 1 */ overcommit: number };
  memoryMiB: number;
  /** Memory kept for the host itself (dom0 / hypervisor), not available to guests. */
  reservedMemoryMiB: number;
  /** Names of the storage pools this container mounts. */
  pools: Name[];
  /** Names of the networks this container has a bridge for. */
  networks: Name[];
  /** In maintenance: nothing new may be placed here. */
  maintenance: boolean;
  tags: string[];
}

export interface GoldenImage {
  name: Name;
  domain: Name;
  pool: Name;
  /** Path of the image file relative to the pool's mount path. */
  path: string;
  os: string;
  format: 'qcow2' | 'raw';
  sizeGiB: number;
}

export interface Disk {
  name: string;
  pool: Name;
  sizeGiB: number;
}

export interface Nic {
  network: Name;
  ip?: string;
  /** Lower-case colon form, e.g. 52:54:00:12:34:56. */
  mac?: string;
}

export interface Vm {
  name: Name;
  domain: Name;
  vcpus: number;
  memoryMiB: number;
  image?: Name;
  disks: Disk[];
  nics: Nic[];
  /** Container it runs on, or null when unplaced. */
  container: Name | null;
  state: VmState;
  tags: string[];
  owner?: string;
  project?: string;
}

export interface VirtualCluster {
  name: Name;
  domain: Name;
  head: Name;
  computes: Name[];
  /** Containers dedicated to this cluster: only its nodes run there, never oversubscribed. */
  containers: Name[];
  /** At most this many of the cluster's nodes on one container (anti-affinity); absent = no limit. */
  maxNodesPerContainer?: number;
}

export interface AntiAffinityGroup {
  name: Name;
  vms: Name[];
  /** At most this many members of the group on one container (1 = fully spread). */
  maxPerContainer: number;
}

export interface Site {
  version: 1;
  site: SiteInfo;
  domains: Domain[];
  pools: StoragePool[];
  networks: Network[];
  containers: Container[];
  images: GoldenImage[];
  vms: Vm[];
  clusters: VirtualCluster[];
  antiAffinity: AntiAffinityGroup[];
}

/** A position in a site file (1-based line and column). */
export interface SourcePos {
  line: number;
  column: number;
}

/** One finding about a site file: where, what and why. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** JSON path of the offending value, e.g. "vms[3].nics[0].ip". */
  path: string;
  /** Short machine-readable kind, e.g. "unknown-network", "duplicate-ip", "shape". */
  code: string;
  /** Human sentence: what is wrong and why. */
  message: string;
  severity: 'error' | 'warning';
}
