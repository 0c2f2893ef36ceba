// Where main keeps the fleet's files: Electron under userData, `npm run serve` in the folder
// given with --data-dir (or a temporary one). Vaults hold only ciphertext; known hosts,
// the audit log and the monitor state hold nothing secret.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface FleetPaths {
  root: string;
  vaults: string;
  knownHosts: string;
  remembered: string;
  auditLog: string;
  monitorState: string;
}

export function fleetPaths(root: string): FleetPaths {
  return {
    root,
    vaults: path.join(root, 'vaults'),
    knownHosts: path.join(root, 'known-hosts'),
    remembered: path.join(root, 'remembered'),
    auditLog: path.join(root, 'audit', 'audit.log'),
    monitorState: path.join(root, 'access-monitor.json'),
  };
}

export async function makeFleetDirs(p: FleetPaths): Promise<void> {
  for (const d of [p.root, p.vaults, p.knownHosts, p.remembered, path.dirname(p.auditLog)]) {
    await mkdir(d, { recursive: true, mode: 0o700 });
  }
}

/** A fresh private folder, for hosts started without a data folder. */
export function makeTempDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'paddock-data-'));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
