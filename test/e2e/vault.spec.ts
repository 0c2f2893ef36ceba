// The Vault view end to end: creating, unlocking and locking a domain's vault, adding keys
// (generated in main, pasted with a passphrase), passwords, removal with confirmation, the one
// generic error for a wrong passphrase, changing the passphrase, "remember" with its keyring
// warning, and lock-all; by keyboard where a user would, in light and dark themes.
import path from 'node:path';
import { makeClientKey } from '../integration/harness/sshd';
import { expect, test } from './fleet-fixtures';
import {
  addPassword,
  createVault,
  generateKey,
  openVault,
  pasteKey,
  unlockVault,
  vaultPanel,
} from './fleet-ui';

test.describe.configure({ timeout: 180_000 });

const PASS = 'Vault-Spec-Passphrase-1903';
const GENERIC = 'Cannot open the vault of "mgmt": wrong passphrase, or the vault file was damaged or altered';

test('a vault through its life: keys, a password, removal, wrong passphrase, change, lock all', async ({
  page,
  paddock,
  lab,
}) => {
  await paddock.open(page);
  const panel = await createVault(page, 'mgmt', PASS);
  const publicKey = await generateKey(panel, 'gen-key');
  expect(publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/=]+ paddock-mgmt$/);
  await expect(panel.locator('[data-credential="gen-key"]')).toContainText('ssh-ed25519');

  // The kinds of credential are one tab stop; arrow keys move between them.
  await panel.getByRole('tab', { name: 'Generate ed25519' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('tab', { name: 'Paste a key' })).toBeFocused();
  await expect(panel.getByRole('tab', { name: 'Paste a key' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(panel.getByRole('tab', { name: 'ssh-agent' })).toBeFocused();

  const client = await makeClientKey(path.join(lab.dir, 'keys'), 'ecdsa', 'Key-Passphrase-6612');
  // Without its passphrase the key is refused, with a clear reason.
  await panel.getByRole('tab', { name: 'Paste a key' }).click();
  const pasteForm = panel.getByRole('tabpanel', { name: 'Paste a key' });
  await pasteForm.getByLabel('Name').fill('pasted');
  await pasteForm.getByLabel('Private key (OpenSSH or PEM)').fill(client.privateText);
  await pasteForm.getByRole('button', { name: 'Add' }).click();
  await expect(pasteForm.getByRole('alert')).toHaveText(
    'Key "pasted": the key is encrypted: give its passphrase',
  );
  await pasteKey(panel, 'pasted', client.privateText, 'Key-Passphrase-6612');
  const row = panel.locator('[data-credential="pasted"]');
  await expect(row).toContainText('ecdsa-sha2-nistp256');
  await expect(row).toContainText('passphrase-protected');
  await expect(row).toContainText(client.fingerprint);

  await addPassword(panel, 'root-pw', 'Root-Password-3344');
  await expect(panel.locator('[data-credential="root-pw"]')).toContainText('password');
  await expect(page.getByRole('heading', { name: 'Credentials (3)' })).toBeVisible();
  await paddock.screenshot(page, 'vault-unlocked');

  // Removal asks first; "Keep" is focused, so Enter keeps it.
  await panel.getByRole('button', { name: 'Remove root-pw' }).click();
  await expect(panel.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.locator('[data-credential="root-pw"]')).toBeVisible();
  await panel.getByRole('button', { name: 'Remove root-pw' }).click();
  await panel.getByRole('group', { name: 'Remove root-pw?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(panel.locator('[data-credential="root-pw"]')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Credentials (2)' })).toBeVisible();

  // Locked: no credentials shown. A wrong passphrase: one generic error.
  await panel.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(panel.getByTitle('Vault state')).toHaveText('locked');
  await expect(panel.locator('[data-credential]')).toHaveCount(0);
  await unlockVault(page, 'mgmt', 'not-the-passphrase');
  await expect(panel.getByRole('alert')).toHaveCount(1);
  await expect(panel.getByRole('alert')).toHaveText(GENERIC);
  await paddock.screenshot(page, 'vault-wrong-passphrase');
  // "Remember on this computer" says there is no keyring here.
  await panel.getByLabel('Remember on this computer').check();
  await expect(panel.getByRole('note')).toContainText('kept in memory until Paddock quits');
  await panel.getByLabel('Remember on this computer').uncheck();
  await unlockVault(page, 'mgmt', PASS);
  await expect(panel.getByTitle('Vault state')).toHaveText('unlocked', { timeout: 30_000 });
  await expect(panel.locator('[data-credential]')).toHaveCount(2);

  // Change the passphrase; the old one no longer opens it.
  const change = panel.getByRole('form', { name: 'Change the passphrase' });
  await change.getByLabel('Current passphrase').fill(PASS);
  await change.getByLabel('New passphrase', { exact: true }).fill('Vault-Spec-New-Passphrase-2');
  await change.getByLabel('Repeat the new passphrase').fill('Vault-Spec-New-Passphrase-2');
  await change.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(change.getByText('Passphrase changed')).toBeVisible({ timeout: 30_000 });

  // A second domain, created by keyboard only.
  await page
    .getByRole('navigation', { name: 'Security domains' })
    .getByRole('button', { name: /^teach\b/ })
    .focus();
  await page.keyboard.press('Enter');
  await expect(vaultPanel(page).getByRole('heading', { level: 2 })).toHaveText('teach');
  await expect(page.getByLabel('New passphrase')).toBeFocused();
  await page.keyboard.type('Teach-Passphrase-5521');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Teach-Passphrase-5521');
  await page.keyboard.press('Enter');
  await expect(vaultPanel(page).getByTitle('Vault state')).toHaveText('unlocked', { timeout: 30_000 });

  await page.getByRole('button', { name: 'Lock all' }).click();
  const domains = page.getByRole('navigation', { name: 'Security domains' });
  await expect(domains.getByRole('button', { name: /^mgmt\b/ })).toContainText('locked');
  await expect(domains.getByRole('button', { name: /^teach\b/ })).toContainText('locked');
  await unlockVault(page, 'mgmt', PASS);
  await expect(vaultPanel(page).getByRole('alert')).toHaveText(GENERIC);
  await unlockVault(page, 'mgmt', 'Vault-Spec-New-Passphrase-2');
  await expect(vaultPanel(page).getByTitle('Vault state')).toHaveText('unlocked', { timeout: 30_000 });

  await page.getByRole('radio', { name: 'Dark' }).click();
  await openVault(page, 'mgmt');
  await paddock.screenshot(page, 'vault-dark');
  expect(paddock.pageErrors()).toEqual([]);
});

test('a bad key is refused with its reason, and the vault is unchanged', async ({ page, paddock }) => {
  await paddock.open(page);
  const panel = await createVault(page, 'mgmt', PASS);
  await panel.getByRole('tab', { name: 'Paste a key' }).click();
  const form = panel.getByRole('tabpanel', { name: 'Paste a key' });
  await form.getByLabel('Name').fill('junk');
  await form
    .getByLabel('Private key (OpenSSH or PEM)')
    .fill('-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByRole('alert')).toContainText('Key "junk": not a readable private key');
  // The pasted text is cleared from the form once sent.
  await expect(form.getByLabel('Private key (OpenSSH or PEM)')).toHaveValue('');
  await expect(panel.locator('[data-credential]')).toHaveCount(0);
  expect(paddock.pageErrors()).toEqual([]);
});
