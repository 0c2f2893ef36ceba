// Drift: how live truth differs from the site file. Found by core/discovery and sent to the
// renderer as a view (core/ipc/contract derives its DriftItemView from DriftItem), so the
// kinds and items are defined once, here, in pure core.
import type { Nic, Vm, VmState } from '../model/types';

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
