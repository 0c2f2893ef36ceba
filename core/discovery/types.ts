// Live inventory (what the hosts say) and drift (how it differs from the site file).
import type { DomainDetails, NodeCapacity } from '../drivers/types';
import type { Nic, Vm, VmState } from '../model/types';

/** One container's last refresh. A failed refresh keeps the previous data, marked stale. */
export interface HostSnapshot {
  container: string;
  domain: string;
  status: 'ok' | 'error' | 'timeout' | 'never';
  /** Why the last refresh failed (host, command and reason), or null. */
  error: string | null;
  /** When the data below was read (ms since the epoch); null if never. */
  refreshedAt: number | null;
  /** When the last attempt finished, successful or not. */
  attemptedAt: number | null;
  durationMs: number;
  capacity: NodeCapacity | null;
  vms: DomainDetails[];
}

export interface Inventory {
  hosts: Record<string, HostSnapshot>;
  startedAt: number;
  finishedAt: number;
}

export type DriftKind =
  /** Runs on another container than recorded. */
  | 'moved'
  /** Found on a host, absent from the site. */
  | 'unknown-vm'
  /** Recorded on a container, found on no host. */
  | 'missing'
  /** Defined or running on more than one host. */
  | 'duplicate'
  /** Found on a container of another security domain: isolation broken. */
  | 'wrong-domain'
  | 'state'
  | 'vcpus'
  | 'memory'
  | 'nics'
  | 'disks';

/** A change to the site file that makes it match live truth. */
export type DriftFix =
  | { op: 'set-container'; vm: string; container: string | null }
  | { op: 'set-state'; vm: string; state: VmState }
  | { op: 'set-vcpus'; vm: string; vcpus: number }
  | { op: 'set-memory'; vm: string; memoryMiB: number }
  | { op: 'set-nics'; vm: string; nics: Nic[] }
  | { op: 'add-vm'; vm: Vm; note?: string };

export interface DriftItem {
  /** Stable id (kind + VM), so the UI can keep a selection across refreshes. */
  id: string;
  kind: DriftKind;
  vm: string;
  severity: 'info' | 'warning' | 'error';
  /** Containers involved (recorded and/or live). */
  containers: string[];
  message: string;
  recorded?: unknown;
  live?: unknown;
  /** How to accept live truth into the site file; absent when it cannot be accepted as is. */
  fixes?: DriftFix[];
}

export interface DriftReport {
  items: DriftItem[];
  /** VMs whose recorded container could not be read: neither confirmed nor missing. */
  unverified: string[];
  /** Containers whose data is current, and those whose last refresh failed. */
  checkedHosts: string[];
  failedHosts: string[];
}
