// The boundary between the live inventory and the renderer: each view is built field by field
// from what the drivers returned (nothing spread), with times as ISO strings.
import type { HostSnapshot } from '../../../core/discovery/types';
import type { DomainDetails } from '../../../core/drivers/types';
import type { LiveHostView, LiveVmView } from '../../../core/ipc/contract';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function liveVmView(d: DomainDetails): LiveVmView {
  return {
    name: d.name,
    state: d.state,
    rawState: d.rawState,
    vcpus: d.vcpus,
    memoryMiB: d.maxMemoryMiB || d.memoryMiB,
    partial: d.partial === true,
    nics: d.nics.map((n) => ({ mac: n.mac, bridge: n.bridge })),
    disks: d.disks.filter((x) => x.device === 'disk').length,
  };
}

export function liveHostView(s: HostSnapshot, refreshing: boolean): LiveHostView {
  return {
    container: s.container,
    domain: s.domain,
    status: s.status,
    refreshing,
    error: s.error,
    refreshedAt: iso(s.refreshedAt),
    attemptedAt: iso(s.attemptedAt),
    durationMs: s.durationMs,
    capacity: s.capacity ? { cpus: s.capacity.cpus, memoryMiB: s.capacity.memoryMiB } : null,
    vms: s.vms.map(liveVmView),
  };
}

/** A container that has not been asked yet. */
export function neverSnapshot(container: string, domain: string): HostSnapshot {
  return {
    container,
    domain,
    status: 'never',
    error: null,
    refreshedAt: null,
    attemptedAt: null,
    durationMs: 0,
    capacity: null,
    vms: [],
  };
}
