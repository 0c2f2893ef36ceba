// Steps the fleet specs take in the UI, as a user would: switch views, create and unlock vaults,
// add credentials, select a container and test its connection.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export const view = (page: Page, name: 'Topology' | 'Vault' | 'Audit') =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();

export const vaultPanel = (page: Page): Locator => page.locator('.vault-panel');

export async function openVault(page: Page, domain: string): Promise<Locator> {
  await view(page, 'Vault');
  await page
    .getByRole('navigation', { name: 'Security domains' })
    .getByRole('button', { name: new RegExp(`^${domain}\\b`) })
    .click();
  const panel = vaultPanel(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(domain);
  return panel;
}

export async function createVault(page: Page, domain: string, passphrase: string): Promise<Locator> {
  const panel = await openVault(page, domain);
  const form = panel.getByRole('form', { name: `Create the vault of ${domain}` });
  await form.getByLabel('New passphrase').fill(passphrase);
  await form.getByLabel('Repeat the passphrase').fill(passphrase);
  await form.getByRole('button', { name: 'Create vault' }).click();
  await expect(panel.getByTitle('Vault state')).toHaveText('unlocked', { timeout: 30_000 });
  return panel;
}

export async function unlockVault(page: Page, domain: string, passphrase: string): Promise<Locator> {
  const panel = await openVault(page, domain);
  const form = panel.getByRole('form', { name: `Unlock the vault of ${domain}` });
  await form.getByLabel(`Passphrase of ${domain}`).fill(passphrase);
  await form.getByRole('button', { name: 'Unlock', exact: true }).click();
  return panel;
}

const tab = (panel: Locator, name: string) => panel.getByRole('tab', { name }).click();

/** Generate an ed25519 key; returns the public key line the UI shows. */
export async function generateKey(panel: Locator, name: string): Promise<string> {
  await tab(panel, 'Generate ed25519');
  const form = panel.getByRole('tabpanel', { name: 'Generate ed25519' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Generate key' }).click();
  const box = panel.getByRole('textbox', { name: `Public key of ${name}` });
  await expect(box).toHaveValue(/^ssh-ed25519 /, { timeout: 30_000 });
  return box.inputValue();
}

export async function pasteKey(
  panel: Locator,
  name: string,
  pem: string,
  passphrase?: string,
): Promise<void> {
  await tab(panel, 'Paste a key');
  const form = panel.getByRole('tabpanel', { name: 'Paste a key' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Private key (OpenSSH or PEM)').fill(pem);
  if (passphrase) await form.getByLabel('Key passphrase (if it has one)').fill(passphrase);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(panel.locator(`[data-credential="${name}"]`)).toBeVisible({ timeout: 30_000 });
}

export async function addPassword(panel: Locator, name: string, password: string): Promise<void> {
  await tab(panel, 'Password');
  const form = panel.getByRole('tabpanel', { name: 'Password' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(panel.locator(`[data-credential="${name}"]`)).toBeVisible({ timeout: 30_000 });
}

export const containerCard = (page: Page, name: string): Locator =>
  page.getByRole('treeitem', { name: new RegExp(`^Container ${name},`) });

/** Select a container in the topology and press "Test connection" in its details. */
export async function testConnection(page: Page, container: string): Promise<Locator> {
  await view(page, 'Topology');
  await containerCard(page, container).click();
  const details = page.getByTestId('details');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(container);
  await details.getByRole('button', { name: 'Test connection' }).click();
  return details;
}

export const connectionJob = (page: Page): Locator => page.getByTestId('connection-job');
