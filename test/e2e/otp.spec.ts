// Two-factor login end to end: a real OpenSSH sshd that wants a key and then a one-time code
// (AuthenticationMethods publickey,keyboard-interactive; pam_oath in the server's own mount
// namespace), the real renderer in Chromium and the real handlers over the loopback transport.
// The login question appears as a dialog; Escape refuses it (the test fails clearly and nothing
// runs), the right code logs in. The code is never sent back to the renderer.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SshdInstance } from '../integration/harness/sshd';
import { startSshd, stopAll } from '../integration/harness/sshd';
import { hotp, oathPamStack } from '../integration/ssh/hotp';
import { sshdFleetOptions } from './fleet-fixtures';
import { test as base, expect } from './fixtures';
import { connectionJob, createVault, generateKey, testConnection } from './fleet-ui';

interface OtpLab {
  dir: string;
  siteFile: string;
  dataDir: string;
  secret: Buffer;
  login: SshdInstance;
  authorize(publicLine: string): Promise<void>;
}

const test = base.extend<{ otp: OtpLab }>({
  // Playwright requires the first argument to be destructured, even when empty.
  // eslint-disable-next-line no-empty-pattern
  otp: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paddock-e2e-otp-'));
    const secret = randomBytes(20);
    let login: SshdInstance | undefined;
    try {
      login = await startSshd({
        name: 'e2e-otp',
        pam: await oathPamStack(path.join(dir, 'users.oath'), secret),
        extraConfig: ['AuthenticationMethods publickey,keyboard-interactive'],
      });
      const siteFile = path.join(dir, 'site.yaml');
      await writeFile(
        siteFile,
        [
          'version: 1',
          'site: { name: Two-factor lab }',
          'domains:',
          '  - { name: hpc, trust: internal, ssh: { user: root } }',
          'containers:',
          `  - { name: login1, domain: hpc, address: 127.0.0.1, ssh: { port: ${login.port} }, hypervisor: libvirt, cpu: { cores: 4 }, memoryGiB: 8, pools: [], networks: [] }`,
          '',
        ].join('\n'),
      );
      const server = login;
      await use({
        dir,
        siteFile,
        dataDir: path.join(dir, 'paddock-data'),
        secret,
        login: server,
        authorize: (line) => writeFile(path.join(server.dir, 'authorized_keys'), `${line}\n`),
      });
    } finally {
      await stopAll([login]);
      await rm(dir, { recursive: true, force: true });
    }
  },
  siteFile: async ({ otp }, use) => use(otp.siteFile),
  fleetOptions: async ({ otp }, use) => use(sshdFleetOptions(otp.dataDir)),
});

test.describe.configure({ timeout: 120_000 });

const OATH_PROMPT = "One-time password (OATH) for `root':";

test('a key, then a one-time code: the dialog asks for the code; Escape refuses, the right code logs in', async ({
  page,
  paddock,
  otp,
}) => {
  const emitted: string[] = [];
  paddock.handlers.events.subscribe((e) => emitted.push(JSON.stringify(e)));
  await paddock.open(page);
  const panel = await createVault(page, 'hpc', 'Hpc-Vault-Passphrase-3307');
  await otp.authorize(await generateKey(panel, 'ops-key'));

  // First attempt: trust the new host, then refuse the question with Escape.
  await testConnection(page, 'login1');
  const hostKey = page.getByRole('dialog', { name: 'Unknown host: check its key' });
  await hostKey.getByRole('button', { name: 'Trust this host' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: OATH_PROMPT });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText('login1');
  await expect(dialog).toContainText('hpc');
  await expect(dialog).toContainText('ops-key');
  const field = dialog.getByLabel(OATH_PROMPT);
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('type', 'password');
  await expect(page.getByRole('progressbar', { name: 'Connection test of login1' })).toHaveAttribute(
    'aria-valuetext',
    'Waiting for your answer…',
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(connectionJob(page)).toContainText('login cancelled');
  await expect(connectionJob(page)).toContainText(OATH_PROMPT);
  expect(await otp.login.log()).not.toMatch(/Accepted keyboard-interactive/);

  // Second attempt: the right code.
  const code = hotp(otp.secret, 0);
  await testConnection(page, 'login1');
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(field).toBeFocused();
  await page.keyboard.type(code);
  await paddock.screenshot(page, 'otp-dialog');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(connectionJob(page)).toContainText('Logged in as root with "ops-key"');
  const log = await otp.login.log();
  expect(log).toMatch(/Partial publickey for root/);
  expect(log).toMatch(/Accepted keyboard-interactive\/pam for root/);
  await paddock.screenshot(page, 'otp-logged-in');
  // The code went renderer -> main only: not in the page, nor in anything main emitted.
  expect(await page.content()).not.toContain(code);
  expect(emitted.some((e) => e.includes('"auth.prompt"'))).toBe(true);
  expect(emitted.filter((e) => e.includes(code))).toEqual([]);
  expect(paddock.pageErrors()).toEqual([]);
});
