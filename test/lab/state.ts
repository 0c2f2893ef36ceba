// The lab's state file: every thing the harness creates is recorded here BEFORE it is created,
// so teardown (also after a crash, from another process) removes exactly what this lab made,
// by PID and by name, and nothing else.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readFileBounded, writeFileAtomic } from '../../core/storage/atomic-file';
import type { LabOptions } from './config';

export interface HostState {
  name: string;
  netns: string;
  veth: string;
  address: string;
  /** Per-host folder with the daemons' config, sockets, logs and pid files. */
  dir: string;
  /** `sleep` process that holds the host's private mount and UTS namespaces. */
  anchorPid?: number;
  pids: { virtlogd?: number; libvirtd?: number; sshd?: number };
  /** Bind mounts inside the host's private mount namespace (they vanish with it). */
  mounts: string[];
}

export interface LabState {
  version: 1;
  createdAt: string;
  options: LabOptions;
  /** Started by `npm run lab` for people: shared test runs use it but never stop it. */
  persistent: boolean;
  /** True once start-up finished; a state file with false is the remains of a crash. */
  ready: boolean;
  /** The guard route was added by this lab (false when it already existed). */
  routeOwned: boolean;
  bridge?: string;
  hosts: HostState[];
  /** Folders outside stateDir that the lab created (removed at teardown if empty). */
  dirs: string[];
  /** PIDs of the processes currently using the lab (reference count for shared test runs). */
  holders: number[];
  /** Where the lab's site file, key and known_hosts are. */
  files?: { site: string; key: string; knownHosts: string; vault?: string; vaultPassphrase?: string };
  startupMs?: number;
}

export const stateFile = (stateDir: string): string => path.join(stateDir, 'lab-state.json');

export function newState(options: LabOptions, persistent: boolean): LabState {
  return {
    version: 1,
    createdAt: new Date().toISOString(),
    options,
    persistent,
    ready: false,
    routeOwned: false,
    hosts: [],
    dirs: [],
    holders: [],
  };
}

export async function readState(stateDir: string): Promise<LabState | undefined> {
  const file = stateFile(stateDir);
  if (!existsSync(file)) return undefined;
  const text = await readFileBounded(file, 1024 * 1024);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `lab: state file ${file} is not valid JSON (${(e as Error).message}); remove it by hand after checking \`ip netns list\``,
    );
  }
  const s = parsed as Partial<LabState>;
  if (s.version !== 1 || !Array.isArray(s.hosts) || !Array.isArray(s.dirs) || !s.options) {
    throw new Error(`lab: state file ${file} has an unexpected shape (version ${String(s.version)})`);
  }
  return parsed as LabState;
}

export async function writeState(stateDir: string, state: LabState): Promise<void> {
  await writeFileAtomic(stateFile(stateDir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
