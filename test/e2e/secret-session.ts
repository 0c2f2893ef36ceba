// A full fleet session with real secrets, for the secret-leak specs: two vaults, a key generated
// in main, a pasted passphrase-protected key, passwords, real SSH logins to real sshd (key and
// password), a wrong passphrase, a passphrase change, "remember", the audit and monitoring
// views. Returns every secret of the session as needles to look for.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DomainVault } from '../../core/vault/domain-vault';
import { makeClientKey } from '../integration/harness/sshd';
import type { Needle } from '../unit/electron/fleet/secret-needles';
import { keyNeedles, textNeedles } from '../unit/electron/fleet/secret-needles';
import type { FleetLab } from './fleet-lab';
import { C2_PASSWORD } from './fleet-lab';
import { expect } from './fixtures';
import {
  addPassword,
  connectionJob,
  createVault,
  generateKey,
  openVault,
  pasteKey,
  testConnection,
  unlockVault,
  vaultPanel,
  view,
} from './fleet-ui';

const S = {
  mgmt: 'Sess-Mgmt-Passphrase-81723',
  teach: 'Sess-Teach-Passphrase-55190',
  teachNext: 'Sess-Teach-Changed-Passphrase-2271',
  wrong: 'Sess-Wrong-Passphrase-90412',
  keyPass: 'Sess-Key-Passphrase-30981',
  extraPassword: 'Sess-Extra-Password-66254',
};

async function trustAndSucceed(page: Page, container: string, credential: string): Promise<void> {
  await testConnection(page, container);
  await page
    .getByRole('dialog', { name: 'Unknown host: check its key' })
    .getByRole('button', { name: 'Trust this host' })
    .click();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(connectionJob(page)).toContainText(`with "${credential}"`);
}

export async function runSecretSession(page: Page, lab: FleetLab): Promise<Needle[]> {
  const client = await makeClientKey(path.join(lab.dir, 'keys'), 'ecdsa', S.keyPass);

  const mgmt = await createVault(page, 'mgmt', S.mgmt);
  await lab.authorize(lab.c1, await generateKey(mgmt, 'generated'));
  await pasteKey(mgmt, 'pasted', client.privateText, S.keyPass);
  await addPassword(mgmt, 'extra', S.extraPassword);
  const teach = await createVault(page, 'teach', S.teach);
  await addPassword(teach, 'root-pw', C2_PASSWORD);

  await trustAndSucceed(page, 'c1', 'generated');
  await trustAndSucceed(page, 'c2', 'root-pw');

  // A wrong passphrase, then the right one.
  await openVault(page, 'mgmt');
  await vaultPanel(page).getByRole('button', { name: 'Lock', exact: true }).click();
  await unlockVault(page, 'mgmt', S.wrong);
  await expect(vaultPanel(page).getByRole('alert')).toContainText('wrong passphrase');
  await unlockVault(page, 'mgmt', S.mgmt);
  await expect(vaultPanel(page).getByTitle('Vault state')).toHaveText('unlocked', { timeout: 30_000 });
  // Remember it (memory only here: no keyring), and use it.
  const remember = vaultPanel(page).getByRole('form', { name: 'Remember on this computer' });
  await remember.getByLabel('Passphrase (to confirm)').fill(S.mgmt);
  await remember.getByRole('button', { name: 'Remember on this computer' }).click();
  await expect(vaultPanel(page).getByText('remembered', { exact: true })).toBeVisible({ timeout: 30_000 });

  const t = await openVault(page, 'teach');
  const change = t.getByRole('form', { name: 'Change the passphrase' });
  await change.getByLabel('Current passphrase').fill(S.teach);
  await change.getByLabel('New passphrase', { exact: true }).fill(S.teachNext);
  await change.getByLabel('Repeat the new passphrase').fill(S.teachNext);
  await change.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(change.getByText('Passphrase changed')).toBeVisible({ timeout: 30_000 });
  await page
    .getByRole('region', { name: 'Access monitoring' })
    .getByRole('button', { name: 'Check now' })
    .click();
  await expect(page.getByTestId('monitor-ok')).toHaveText('2/3', { timeout: 30_000 });
  await view(page, 'Audit');
  await expect(page.getByRole('grid', { name: 'Audit log, newest first' })).toContainText('uname -n');

  const needles: Needle[] = [
    ...Object.entries(S).flatMap(([k, v]) => textNeedles(k, v)),
    ...textNeedles('c2 password', C2_PASSWORD),
    ...keyNeedles('pasted key', client.privateText, S.keyPass),
  ];
  // The key generated in main is known only to the vault: read it back to know what to look for.
  const vault = new DomainVault('mgmt', path.join(lab.dataDir, 'vaults', 'mgmt.vault'));
  await vault.unlock(S.mgmt);
  try {
    for (const c of vault.list()) {
      const s = vault.resolveSecret(c.id);
      if (s.kind === 'private-key') {
        needles.push(
          ...keyNeedles(`vault key ${c.name}`, s.key.toString('utf8'), s.passphrase?.toString('utf8')),
        );
      }
    }
  } finally {
    vault.lock();
  }
  return needles;
}
