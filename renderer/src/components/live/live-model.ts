// The live inventory as the UI shows it: how old each host's data is, where each VM really is
// and in what state, how that compares with the site file, and which lifecycle actions make
// sense. Pure, so the same answers are unit-tested and shown.
import type { InventoryUpdate, LiveHostView, VmAction } from '../../../../core/ipc/contract';
import type { Vm, VmState } from '../../../../core/model/types';
import { updatedAgo } from '../../../../core/text/age';
import type { BadgeTone } from '../common/Badge';

/** "updated 3 s ago"; "never read" before the first answer. */
export function formatAge(refreshedAt: string | null, now: number): string {
  if (refreshedAt === null) return 'never read';
  const t = Date.parse(refreshedAt);
  return Number.isNaN(t) ? 'age unknown' : updatedAgo(t, now);
}

/** Hosts by container after an inventory.updated event. */
export function mergeUpdate(
  hosts: Readonly<Record<string, LiveHostView>>,
  u: InventoryUpdate,
): Record<string, LiveHostView> {
  const next: Record<string, LiveHostView> = u.replace ? {} : { ...hosts };
  for (const h of u.hosts) next[h.container] = h;
  return next;
}

/** One place a VM was seen. */
export interface LiveSighting {
  container: string;
  state: VmState;
  rawState: string;
  /** The host's last refresh failed: this is older data. */
  stale: boolean;
  refreshedAt: string | null;
}

/** Every VM name -> where hosts report it (hosts that were read at least once). */
export function liveIndex(hosts: Readonly<Record<string, LiveHostView>>): Map<string, LiveSighting[]> {
  const index = new Map<string, LiveSighting[]>();
  for (const h of Object.values(hosts)) {
    if (h.refreshedAt === null) continue;
    for (const v of h.vms) {
      const s: LiveSighting = {
        container: h.container,
        state: v.state,
        rawState: v.rawState,
        stale: h.status !== 'ok',
        refreshedAt: h.refreshedAt,
      };
      const list = index.get(v.name);
      if (list) list.push(s);
      else index.set(v.name, [s]);
    }
  }
  return index;
}

export type VmLive =
  /** No host of the VM's domain has been read: nothing is known. */
  | { kind: 'unknown' }
  /** Every host of its domain answered and none has it. */
  | { kind: 'absent' }
  /** Not seen, but some host of its domain could not be read. */
  | { kind: 'unverified' }
  | {
      kind: 'found';
      /** The sighting that counts: the running one, else the first. */
      at: LiveSighting;
      /** Other hosts that also have it (defined twice). */
      also: string[];
      /** On another container than the site records. */
      elsewhere: boolean;
      stateDiffers: boolean;
    };

const isUp = (s: VmState) => s === 'running' || s === 'paused';

export function vmLive(
  vm: Pick<Vm, 'name' | 'domain' | 'container' | 'state'>,
  index: ReadonlyMap<string, LiveSighting[]>,
  hosts: Readonly<Record<string, LiveHostView>>,
): VmLive {
  const seen = index.get(vm.name) ?? [];
  const at = seen.find((s) => isUp(s.state)) ?? seen[0];
  if (at) {
    return {
      kind: 'found',
      at,
      also: seen.filter((s) => s !== at).map((s) => s.container),
      elsewhere: at.container !== vm.container,
      stateDiffers: at.state !== vm.state,
    };
  }
  const domainHosts = Object.values(hosts).filter((h) => h.domain === vm.domain);
  if (domainHosts.length === 0 || domainHosts.every((h) => h.refreshedAt === null))
    return { kind: 'unknown' };
  return domainHosts.every((h) => h.status === 'ok') ? { kind: 'absent' } : { kind: 'unverified' };
}

/** A container's live status as a short badge and its tooltip. */
export function hostBadge(
  h: LiveHostView | undefined,
  now: number,
): { tone: BadgeTone; text: string; title: string } {
  if (!h || (h.status === 'never' && !h.refreshing)) {
    return { tone: 'neutral', text: 'not read', title: 'Live state not read yet: use Refresh' };
  }
  const age = formatAge(h.refreshedAt, now);
  if (h.refreshing) return { tone: 'info', text: 'reading…', title: `Reading the live state (${age})` };
  if (h.status === 'ok')
    return { tone: 'ok', text: age, title: `Live state ${age}, read in ${h.durationMs} ms` };
  const what = h.status === 'timeout' ? 'no answer' : 'unreachable';
  return {
    tone: 'danger',
    text: `${what} · ${h.refreshedAt ? age : 'no data'}`,
    title: `${h.error ?? what}${h.refreshedAt ? ` (the data shown is from before: ${age})` : ''}`,
  };
}

/** Which actions make sense in a state (the host has the final word). */
export function actionsFor(state: VmState | null): Record<VmAction, boolean> {
  return {
    start: state === 'stopped' || state === 'crashed',
    shutdown: state === 'running',
    reboot: state === 'running',
    forceOff: state === 'running' || state === 'paused' || state === 'crashed',
  };
}
