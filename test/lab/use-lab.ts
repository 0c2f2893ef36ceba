// The lab as test files see it. `useLab()` (in beforeAll) starts the lab if nobody runs it yet
// and returns a handle; the whole test run shares that one lab (test/lab/vitest-global.ts
// stops it at the end), so start-up is paid once per run, not per file.
import type { CommandRunner } from '../../core/exec/types';
import { DEFAULT_OPTIONS } from './config';
import { inHost, run } from './exec';
import { openLabFleet, type LabFleet } from './fleet';
import { NamespaceRunner } from './ns-runner';
import { acquireLab, holderPid, releaseLab } from './shared';
import type { HostState, LabState } from './state';

export interface LabHandle {
  state: LabState;
  stateDir: string;
  sitePath: string;
  hosts: HostState[];
  host(name: string): HostState;
  /** How Paddock reaches a host: the SSH pool with the lab's vault credential (the real path). */
  runner(name: string): CommandRunner;
  /** A runner that enters the host's namespaces directly (no SSH), for checks of the lab itself. */
  nsRunner(name: string): CommandRunner;
  /** The SSH pool and audit log behind runner(). */
  fleet: LabFleet;
  /** Ground truth for assertions: virsh run directly inside the host, not through Paddock. */
  virsh(name: string, ...args: string[]): Promise<string>;
}

const fleets = new Map<string, LabFleet>();

export async function useLab(stateDir = DEFAULT_OPTIONS.stateDir): Promise<LabHandle> {
  const state = await acquireLab({ stateDir });
  fleets
    .get(stateDir)
    ?.dispose()
    .catch(() => undefined);
  const fleet = await openLabFleet(state);
  fleets.set(stateDir, fleet);
  const host = (name: string): HostState => {
    const h = state.hosts.find((x) => x.name === name);
    if (!h?.anchorPid) throw new Error(`lab has no running host ${name}`);
    return h;
  };
  return {
    state,
    stateDir,
    sitePath: state.files?.site ?? '',
    hosts: state.hosts,
    host,
    fleet,
    runner: (name) => fleet.runner(name),
    nsRunner: (name) => new NamespaceRunner(`${name}`, host(name).anchorPid as number),
    virsh: (name, ...args) =>
      run(inHost(host(name).anchorPid as number, ['virsh', '-c', 'qemu:///system', ...args]), {
        timeoutMs: 120_000,
      }),
  };
}

/** In afterAll: release the lab unless a test run session holds it (then its end does). */
export async function doneWithLab(stateDir = DEFAULT_OPTIONS.stateDir): Promise<void> {
  await fleets.get(stateDir)?.dispose();
  fleets.delete(stateDir);
  if (holderPid() !== process.pid) return;
  await releaseLab(stateDir, process.pid);
}
