// Lab status: is each recorded host alive (anchor, sshd, virtlogd, libvirtd), and which guests
// run on it (asked of its own libvirtd).
import { alive, inHost, tryRun } from './exec';
import { guardRoutePresent } from './guard-route';
import { readState, type LabState } from './state';

export interface HostStatus {
  name: string;
  address: string;
  netns: string;
  anchorPid?: number;
  healthy: boolean;
  /** Daemons whose recorded PID is gone. */
  dead: string[];
  /** `virsh list --all` rows: name -> state. */
  guests: Record<string, string>;
}

export interface LabStatus {
  state?: LabState;
  running: boolean;
  guardRoute: boolean;
  hosts: HostStatus[];
}

export async function labStatus(stateDir: string, withGuests = true): Promise<LabStatus> {
  const state = await readState(stateDir);
  const guardRoute = await guardRoutePresent();
  if (!state) return { running: false, guardRoute, hosts: [] };
  const hosts = await Promise.all(
    state.hosts.map(async (h): Promise<HostStatus> => {
      const dead = [
        ['anchor', h.anchorPid],
        ['sshd', h.pids.sshd],
        ['virtlogd', h.pids.virtlogd],
        ['libvirtd', h.pids.libvirtd],
      ]
        .filter(([, pid]) => !alive(pid as number | undefined))
        .map(([n]) => String(n));
      const guests: Record<string, string> = {};
      if (withGuests && h.anchorPid && dead.length === 0) {
        const out = await tryRun(
          inHost(h.anchorPid, ['virsh', '-q', '-c', 'qemu:///system', 'list', '--all']),
          {
            timeoutMs: 15_000,
          },
        );
        for (const line of out.stdout.split('\n')) {
          const m = /^\s*(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
          if (m?.[2] && m[3]) guests[m[2]] = m[3];
        }
      }
      return {
        name: h.name,
        address: h.address,
        netns: h.netns,
        anchorPid: h.anchorPid,
        healthy: dead.length === 0,
        dead,
        guests,
      };
    }),
  );
  return { state, running: state.ready && hosts.every((h) => h.healthy) && guardRoute, guardRoute, hosts };
}
