// Live inventory (what the hosts say) and drift (how it differs from the site file). The drift
// types are pure (the contract derives its views from them) and live in core/records.
import type { DomainDetails, NodeCapacity } from '../drivers/types';

export type { DriftFix, DriftItem, DriftKind, DriftReport } from '../records/drift';

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
