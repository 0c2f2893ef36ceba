// Paddock's real path to the lab hosts: the SSH pool (core/ssh) with the lab's vaults,
// known-hosts stores and an audit log, exactly as the app reaches a site's containers.
import path from 'node:path';
import { AuditLog } from '../../core/audit/audit-log';
import type { CommandRunner } from '../../core/exec/types';
import type { InteractiveSession } from '../../core/ssh/interactive';
import type { KnownHostsStore } from '../../core/ssh/known-hosts';
import { SshPool } from '../../core/ssh/pool';
import { VaultManager } from '../../core/vault/vault-manager';
import { planLab } from './config';
import { knownHostsStore, LAB_CREDENTIAL_NAME, LAB_VAULT_PASSPHRASE } from './paddock-material';
import type { LabState } from './state';

export interface LabFleet {
  pool: SshPool;
  audit: AuditLog;
  /** The CommandRunner for one lab host, over SSH with the domain's vault credential. */
  runner(host: string): CommandRunner;
  /** A runner to a lab address under another container name (benchmarks model many
   * containers on one lab host, each with its own libvirt URI). */
  runnerTo(domain: string, name: string, address: string): CommandRunner;
  /** A pty session on a lab host running argv (a VM console), as the app's console opens it. */
  interactive(host: string, argv: readonly string[]): Promise<InteractiveSession>;
  dispose(): Promise<void>;
}

/** Which security domain a lab host belongs to, as the lab's plan (config.ts) assigns it. */
function domainOf(state: LabState, host: string): string {
  const h = planLab(state.options).hosts.find((x) => x.name === host);
  if (!h) throw new Error(`lab has no host ${host}`);
  return h.domain;
}

export async function openLabFleet(state: LabState): Promise<LabFleet> {
  const vaultDir = state.files?.vault;
  if (!vaultDir) throw new Error('lab state has no vault folder');
  const vaults = new VaultManager({ dir: vaultDir });
  const stores = new Map<string, KnownHostsStore>();
  const store = (domain: string): KnownHostsStore => {
    let s = stores.get(domain);
    if (!s) stores.set(domain, (s = knownHostsStore(state.options.stateDir, domain)));
    return s;
  };
  const audit = await AuditLog.open(path.join(state.options.stateDir, `audit-${process.pid}.jsonl`));
  const pool = new SshPool({ audit, knownHosts: store, prompt: null, connectTimeoutMs: 20_000 });
  // One unlock per domain, shared by concurrent first uses.
  const unlocking = new Map<string, Promise<void>>();
  const unlock = (domain: string): Promise<void> => {
    let u = unlocking.get(domain);
    if (!u) unlocking.set(domain, (u = vaults.vault(domain).unlock(LAB_VAULT_PASSPHRASE)));
    return u;
  };
  const fleet: LabFleet = {
    pool,
    audit,
    runner(host: string): CommandRunner {
      const h = state.hosts.find((x) => x.name === host);
      if (!h) throw new Error(`lab has no host ${host}`);
      return fleet.runnerTo(domainOf(state, host), host, h.address);
    },
    runnerTo(domain: string, name: string, address: string): CommandRunner {
      const vault = vaults.vault(domain);
      let inner: CommandRunner | undefined;
      const get = async (): Promise<CommandRunner> => {
        await unlock(domain);
        inner ??= pool.runner(
          { domain, name, host: address, port: 22, user: 'root' },
          vault.handle(LAB_CREDENTIAL_NAME),
        );
        return inner;
      };
      return { target: `${domain}/${name}`, run: async (cmd) => (await get()).run(cmd) };
    },
    async interactive(host: string, argv: readonly string[]): Promise<InteractiveSession> {
      const h = state.hosts.find((x) => x.name === host);
      if (!h) throw new Error(`lab has no host ${host}`);
      const domain = domainOf(state, host);
      await unlock(domain);
      return pool.interactive(
        { domain, name: host, host: h.address, port: 22, user: 'root' },
        vaults.vault(domain).handle(LAB_CREDENTIAL_NAME),
        { argv, pty: { rows: 24, cols: 80 } },
      );
    },
    async dispose() {
      pool.shutdown();
      vaults.lockAll();
      await audit.close();
    },
  };
  return fleet;
}
