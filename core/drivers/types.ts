// THE hypervisor driver interface: what Paddock can ask of one container host, whatever its
// toolstack (libvirt `virsh` or Xen `xl`). Implementations build argument vectors and run them
// through a CommandRunner (core/exec/types.ts: the SSH pool in production); they never open a
// shell line themselves.
import type { HypervisorKind, VmState } from '../model/types';

/** One row of the host's domain list. */
export interface DomainListEntry {
  name: string;
  /** Hypervisor id of a running domain; null when it is not running. */
  id: number | null;
  state: VmState;
  /** The toolstack's own word for the state ("shut off", "-b----", ...), for display. */
  rawState: string;
}

export interface DiskInfo {
  /** Device name in the guest (vda, xvda, hda...). */
  target: string;
  /** File or block device path on the host; null for an empty drive. */
  source: string | null;
  /** disk, cdrom, floppy, lun. */
  device: string;
  /** raw, qcow2, ... when the toolstack says. */
  format: string | null;
  readonly: boolean;
}

export interface NicInfo {
  /** Lower-case colon form, or null when the toolstack did not report one. */
  mac: string | null;
  /** Host bridge the NIC is attached to, when it is a bridge NIC. */
  bridge: string | null;
  /** libvirt network name, when the NIC is attached to a libvirt network. */
  network: string | null;
  /** bridge, network, direct, vif ... */
  type: string;
  model: string | null;
}

/** A domain's configuration as its toolstack reports it (`virsh dumpxml`, `xl list -l`). */
export interface DomainConfig {
  name: string;
  uuid: string | null;
  /** Configured maximum vCPUs, and the number enabled. */
  maxVcpus: number;
  vcpus: number;
  /** Configured maximum memory, and the current target, in KiB. */
  maxMemoryKiB: number;
  memoryKiB: number;
  disks: DiskInfo[];
  nics: NicInfo[];
}

/** What a host knows about one domain. */
export interface DomainDetails {
  name: string;
  uuid: string | null;
  id: number | null;
  state: VmState;
  rawState: string;
  /** vCPUs the domain runs with now (current), and its configured maximum. */
  vcpus: number;
  maxVcpus: number;
  /** Memory the domain has now, and its configured maximum, in MiB. */
  memoryMiB: number;
  maxMemoryMiB: number;
  disks: DiskInfo[];
  nics: NicInfo[];
  /** Survives a host restart (libvirt: defined; xl: has a config file). null when unknown. */
  persistent: boolean | null;
  /** Only name and state are known (an xl domain that is not running, or a name outside the
   * allow-list that Paddock will not put into a command): compare nothing else. */
  partial?: boolean;
  /** Why the details are partial, for the UI. */
  note?: string;
}

/** The host's capacity (virsh nodeinfo / xl info). */
export interface NodeCapacity {
  cpus: number;
  cpuModel: string | null;
  mhz: number | null;
  sockets: number | null;
  coresPerSocket: number | null;
  threadsPerCore: number | null;
  numaCells: number | null;
  memoryMiB: number;
  /** Memory not given to any domain, when the toolstack reports it (xl). */
  freeMemoryMiB: number | null;
}

/** A long-running job on a domain (migration, save, dump), from `virsh domjobinfo`. */
export interface JobInfo {
  /** False when no job runs (job type "None") or the toolstack has no job API. */
  active: boolean;
  supported: boolean;
  /** Bounded, Unbounded, None, ... */
  type: string;
  operation: string | null;
  elapsedMs: number | null;
  dataTotalBytes: number | null;
  dataProcessedBytes: number | null;
  dataRemainingBytes: number | null;
  /** processed / total in [0, 1] when both are known. */
  progress: number | null;
  /** Every "key: value" line as printed, for the details view. */
  raw: Record<string, string>;
}

export interface ShutdownOptions {
  /** Give up waiting after this long and report; the guest may still be shutting down. */
  timeoutMs: number;
  /** How often to ask for the domain's state (default 1 s). */
  pollMs?: number;
  signal?: AbortSignal;
}

export interface ShutdownResult {
  name: string;
  /** The state seen last. */
  state: VmState;
  /** True when the domain was still not off when timeoutMs ran out. */
  timedOut: boolean;
  elapsedMs: number;
}

/** The destination container of a migration, as the site file knows it. */
export interface MigrationTarget {
  address: string;
  sshUser: string;
  sshPort: number;
  /** The destination's own libvirt URI (qemu:///system by default). */
  uri?: string;
}

export interface MigrateOptions {
  /** Live migration (default true): the guest keeps running while memory is copied. */
  live?: boolean;
  /** Peer-to-peer: the source libvirtd connects to the destination itself (needs its own SSH
   * keys and known_hosts for the destination). */
  p2p?: boolean;
  /** Carry migration data inside the libvirt connection (implies p2p). */
  tunnelled?: boolean;
  /** Define the domain on the destination and undefine it on the source. */
  persistent?: boolean;
  undefineSource?: boolean;
  /** Address the destination receives migration data on; default the target's address.
   * Needed because a destination otherwise advertises its host name, which the source may not
   * resolve (lab notes). */
  migrateAddress?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface MigrationResult {
  name: string;
  elapsedMs: number;
  /** The toolstack's own words (xl prints the steps), for the job log. */
  output: string;
}

/** How to open a domain's console: a command that must run in a pseudo-terminal. */
export interface ConsoleCommand {
  argv: string[];
  /** Always true: virsh/xl console need a pty (request one on the SSH channel). */
  pty: true;
  /** Byte that leaves the console (Ctrl-]). */
  escape: string;
  /** Text printed once the console is attached (virsh), or null when the tool prints none. */
  readyText: string | null;
}

export interface HypervisorDriver {
  readonly kind: HypervisorKind;
  /** "domain/host" label of the host, from the runner. */
  readonly target: string;
  list(): Promise<DomainListEntry[]>;
  inspect(name: string): Promise<DomainDetails>;
  /** Every domain with its details, in as few commands as the toolstack allows. */
  inventory(): Promise<DomainDetails[]>;
  capacity(): Promise<NodeCapacity>;
  start(name: string): Promise<void>;
  /** Ask the guest to shut down, poll until it is off or timeoutMs passes, then report. */
  shutdown(name: string, options: ShutdownOptions): Promise<ShutdownResult>;
  reboot(name: string): Promise<void>;
  /** Pull the plug (virsh destroy / xl destroy). */
  forceOff(name: string): Promise<void>;
  /** Define a domain from the toolstack's own definition text; resolves the domain's name. */
  define(definition: string): Promise<string>;
  undefine(name: string): Promise<void>;
  migrate(name: string, target: MigrationTarget, options?: MigrateOptions): Promise<MigrationResult>;
  console(name: string): ConsoleCommand;
  jobInfo(name: string): Promise<JobInfo>;
  abortJob(name: string): Promise<void>;
}
