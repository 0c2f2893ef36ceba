// What Paddock needs to open the lab: a credential vault per security domain (holding the
// lab's root key, sealed with a documented passphrase: lab use only) and a known-hosts store
// per domain with every lab host's key, imported from the lab's OpenSSH known_hosts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KnownHostsStore } from '../../core/ssh/known-hosts';
import { importOpenSshKnownHosts } from '../../core/ssh/openssh-known-hosts';
import { domainFile } from '../../core/vault/domain-files';
import { VaultManager } from '../../core/vault/vault-manager';
import type { LabPlan } from './config';

export const LAB_VAULT_PASSPHRASE = 'paddock-lab-vault';
export const LAB_CREDENTIAL_NAME = 'lab-root';

export const knownHostsDir = (stateDir: string): string => path.join(stateDir, 'known-hosts');
export const knownHostsStore = (stateDir: string, domain: string): KnownHostsStore =>
  new KnownHostsStore(domainFile(knownHostsDir(stateDir), domain, '.json'), domain);

export async function writeLabVaults(plan: LabPlan, dir: string, keyFile: string): Promise<void> {
  const manager = new VaultManager({ dir });
  await manager.init();
  const key = await readFile(keyFile);
  try {
    for (const d of plan.domains) {
      const vault = manager.vault(d.name);
      await vault.create(LAB_VAULT_PASSPHRASE);
      await vault.addPrivateKey({ name: LAB_CREDENTIAL_NAME, privateKey: key });
      vault.lock('user');
    }
  } finally {
    key.fill(0);
  }
}

export async function writeLabKnownHosts(
  plan: LabPlan,
  stateDir: string,
  knownHostsFile: string,
): Promise<void> {
  const text = await readFile(knownHostsFile, 'utf8');
  for (const d of plan.domains) {
    const store = knownHostsStore(stateDir, d.name);
    const targets = plan.hosts.filter((h) => h.domain === d.name).map((h) => ({ host: h.address, port: 22 }));
    const report = await importOpenSshKnownHosts(store, text, targets);
    if (report.imported.length !== targets.length) {
      throw new Error(
        `lab: imported ${report.imported.length} host keys for domain ${d.name}, expected ${targets.length}: ${JSON.stringify(report)}`,
      );
    }
  }
}
