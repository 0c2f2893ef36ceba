// The lab's credential vaults (core/vault): one per security domain, each holding the lab's
// root key, sealed with a documented passphrase (docs/lab.md) so a person can unlock it in
// Paddock. Lab credentials only: never reuse this passphrase for anything real.
import { readFile } from 'node:fs/promises';
import { VaultManager } from '../../core/vault/vault-manager';
import type { LabPlan } from './config';

export const LAB_VAULT_PASSPHRASE = 'paddock-lab-vault';
export const LAB_CREDENTIAL_NAME = 'lab-root';

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
