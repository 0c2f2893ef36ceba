// SSH fleet access end to end: the real renderer in Chromium, the real handlers over the
// loopback transport, and real OpenSSH servers started for each test (./fleet-lab.ts). Host keys
// are checked before anything is sent: the server's own log must show no authentication attempt
// until the user trusts the key, and none at all when the key changed or was refused.
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SshdInstance } from '../integration/harness/sshd';
import { startSshd, stopAll } from '../integration/harness/sshd';
import type { PaddockFixture } from './fixtures';
import { expect, test } from './fleet-fixtures';
import type { FleetLab } from './fleet-lab';
import { C2_PASSWORD } from './fleet-lab';
import {
  addPassword,
  connectionJob,
  containerCard,
  createVault,
  generateKey,
  openVault,
  testConnection,
  view,
} from './fleet-ui';

// Vault saves derive keys with production scrypt (about a second each here), and sshd starts.
test.describe.configure({ timeout: 120_000 });

const PASS_MGMT = 'Mgmt-Vault-Passphrase-7731';
const PASS_TEACH = 'Teach-Vault-Passphrase-4420';

const fingerprintOf = (s: SshdInstance) => {
  const fp = s.hostKeys[0]?.fingerprint;
  if (!fp) throw new Error(`${s.name} has no host key`);
  return fp;
};

/** From main's side: the mgmt vault with a generated "ops-key"; returns its public key line. */
async function mgmtVaultWithKey(paddock: PaddockFixture): Promise<string> {
  await paddock.main.ok('vault.create', { domain: 'mgmt', passphrase: PASS_MGMT });
  const key = await paddock.main.ok('vault.generateKey', { domain: 'mgmt', name: 'ops-key' });
  if (!key.publicKey) throw new Error('vault.generateKey answered no public key');
  return key.publicKey;
}

/** From main's side: c1's current host key trusted in the mgmt domain. */
const trustC1 = (paddock: PaddockFixture, lab: FleetLab) =>
  paddock.main.ok('knownHosts.importOpenSsh', { domain: 'mgmt', text: lab.c1.knownHostsLines().join('\n') });

test('unknown host: the dialog shows its SHA-256 fingerprint, nothing is sent until "Trust"; then login works and the audit log shows the command', async ({
  page,
  paddock,
  lab,
}) => {
  await paddock.open(page);
  const panel = await createVault(page, 'mgmt', PASS_MGMT);
  const publicKey = await generateKey(panel, 'ops-key');
  await lab.authorize(lab.c1, publicKey);
  await paddock.screenshot(page, 'fleet-vault-generated');

  await testConnection(page, 'c1');
  const dialog = page.getByRole('dialog', { name: 'Unknown host: check its key' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('hostkey-fingerprint')).toHaveText(fingerprintOf(lab.c1));
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(await lab.c1.authAttempts()).toBe(0);
  await expect(page.getByRole('progressbar', { name: 'Connection test of c1' })).toHaveAttribute(
    'aria-valuetext',
    'Waiting for your decision on the host key…',
  );
  await paddock.screenshot(page, 'fleet-hostkey-unknown');

  await dialog.getByRole('button', { name: 'Trust this host' }).click();
  await expect(dialog).toBeHidden();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(connectionJob(page)).toContainText('Logged in as root with "ops-key"');
  expect(await lab.c1.authAttempts()).toBeGreaterThan(0);
  // The jobs panel shows it too, finished.
  await expect(page.getByRole('complementary', { name: 'Jobs' })).toContainText('Test connection to c1');
  await paddock.screenshot(page, 'fleet-test-connection-ok');

  // The trusted key is listed under the domain's known hosts.
  await openVault(page, 'mgmt');
  await expect(page.locator('.known-hosts')).toContainText(fingerprintOf(lab.c1));

  await view(page, 'Audit');
  const grid = page.getByRole('grid', { name: 'Audit log, newest first' });
  const row = grid.getByRole('row').filter({ hasText: 'uname -n' }).first();
  await expect(row).toContainText('c1');
  await expect(row).toContainText('mgmt');
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('region', { name: 'Selected record' })).toContainText('uname -n');
  await paddock.screenshot(page, 'fleet-audit');

  // A start record without its end, as an earlier Paddock that stopped mid-command leaves it.
  const started = {
    time: new Date(Date.now() - 3_600_000).toISOString(),
    domain: 'mgmt',
    host: 'c1',
    address: `127.0.0.1:${lab.c1.port}`,
    user: 'root',
    argv: ['virsh', 'migrate', '--live', 'vm-lost', 'qemu+ssh://c2/system'],
    kind: 'exec',
    id: '6f0c2a8e-3d1b-4c52-9a7e-2b4f1d0e9c31',
    phase: 'start',
    exitCode: null,
    durationMs: 0,
  };
  await appendFile(path.join(lab.dataDir, 'audit', 'audit.log'), `${JSON.stringify(started)}\n`);
  await page.getByLabel('Status').selectOption('unfinished');
  const lost = grid.getByRole('row').filter({ hasText: 'vm-lost' });
  await expect(lost.getByRole('gridcell', { name: 'unknown' })).toHaveAttribute(
    'title',
    'no outcome recorded (Paddock stopped while it ran)',
  );
  await expect(grid.getByRole('row').filter({ hasText: 'uname -n' })).toHaveCount(0);
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('region', { name: 'Selected record' })).toContainText(
    'no outcome recorded (Paddock stopped while it ran)',
  );
  await expect(page.getByTestId('audit-count')).toContainText('without a recorded outcome');
  await paddock.screenshot(page, 'fleet-audit-unfinished');
  expect(paddock.pageErrors()).toEqual([]);
});

test('changed host key: a red hard stop with both fingerprints and only "Disconnect"; nothing sent, nothing saved', async ({
  page,
  paddock,
  lab,
}) => {
  // Set up from main's side: a vault with an authorised key, and c1's current key trusted.
  await lab.authorize(lab.c1, await mgmtVaultWithKey(paddock));
  const oldFingerprint = fingerprintOf(lab.c1);
  await trustC1(paddock, lab);

  const fresh = await lab.rekeyC1();
  const newFingerprint = fingerprintOf(fresh);
  expect(newFingerprint).not.toBe(oldFingerprint);

  await paddock.open(page);
  await testConnection(page, 'c1');
  const dialog = page.getByRole('dialog', { name: 'Host key CHANGED: connection stopped' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('hostkey-known')).toHaveText(oldFingerprint);
  await expect(dialog.getByTestId('hostkey-fingerprint')).toHaveText(newFingerprint);
  await expect(dialog.getByRole('button')).toHaveCount(1);
  await expect(dialog.getByRole('button', { name: 'Disconnect' })).toBeFocused();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'failed');
  await expect(connectionJob(page)).toContainText('HOST KEY CHANGED');
  await paddock.screenshot(page, 'fleet-hostkey-changed');

  // Enter presses the focused default: Disconnect.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await fresh.authAttempts()).toBe(0);
  const known = await paddock.main.ok('knownHosts.list', { domain: 'mgmt' });
  expect(known.map((k) => k.fingerprint)).toEqual([oldFingerprint]);
  expect(paddock.pageErrors()).toEqual([]);
});

test('refusing an unknown host sends nothing; a stuck test is cancelled from the jobs panel; password login to another domain', async ({
  page,
  paddock,
  lab,
}) => {
  await paddock.open(page);
  const panel = await createVault(page, 'teach', PASS_TEACH);
  await addPassword(panel, 'lab-root', C2_PASSWORD);

  // Escape on the dialog is "Cancel": refused, and the server never saw a login attempt.
  await testConnection(page, 'c2');
  const dialog = page.getByRole('dialog', { name: 'Unknown host: check its key' });
  await expect(dialog.getByTestId('hostkey-fingerprint')).toHaveText(fingerprintOf(lab.c2));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'failed');
  await expect(connectionJob(page)).toContainText('was not accepted; nothing was sent');
  expect(await lab.c2.authAttempts()).toBe(0);

  // Asked again, trusted: the password logs in.
  await page.getByTestId('details').getByRole('button', { name: 'Test connection' }).click();
  await page
    .getByRole('dialog', { name: 'Unknown host: check its key' })
    .getByRole('button', { name: 'Trust this host' })
    .click();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(connectionJob(page)).toContainText('with "lab-root"');

  // A host that never answers: the test stays running until cancelled in the jobs panel.
  const mgmt = await createVault(page, 'mgmt', PASS_MGMT);
  await generateKey(mgmt, 'k');
  await testConnection(page, 'hang');
  const jobs = page.getByRole('complementary', { name: 'Jobs' });
  const job = jobs.locator('[data-state="running"]').filter({ hasText: 'Test connection to hang' });
  await expect(job).toBeVisible();
  await paddock.screenshot(page, 'fleet-jobs-running');
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    jobs.locator('[data-state="cancelled"]').filter({ hasText: 'Test connection to hang' }),
  ).toBeVisible();
  await expect(connectionJob(page)).toHaveAttribute('data-state', 'cancelled');
  expect(paddock.pageErrors()).toEqual([]);
});

test('access monitoring: the cards show login ok, or why a container was not checked', async ({
  page,
  paddock,
  lab,
}) => {
  await paddock.open(page);
  const panel = await createVault(page, 'mgmt', PASS_MGMT);
  await lab.authorize(lab.c1, await generateKey(panel, 'ops-key'));
  await trustC1(paddock, lab);
  await page
    .getByRole('region', { name: 'Access monitoring' })
    .getByRole('button', { name: 'Check now' })
    .click();
  await view(page, 'Topology');
  const c1 = containerCard(page, 'c1');
  await expect(c1.locator('[data-access="ok"]')).toHaveText('login ok', { timeout: 30_000 });
  await expect(c1.locator('[data-access="ok"] .badge')).toHaveAttribute('title', /Last successful login: /);
  const c2 = containerCard(page, 'c2');
  await expect(c2.locator('[data-access="skipped"]')).toHaveText('not checked');
  await expect(c2.locator('[data-access="skipped"] .badge')).toHaveAttribute(
    'title',
    /vault of security domain "teach" is locked/,
  );
  // A port that does not speak SSH fails, with its reason in the details.
  const hang = containerCard(page, 'hang');
  await expect(hang.locator('[data-access="failing"]')).toHaveText('login failing', { timeout: 30_000 });
  await hang.click();
  await expect(page.getByTestId('details').locator('.access-failure')).not.toBeEmpty();
  await paddock.screenshot(page, 'fleet-monitoring');
  expect(paddock.pageErrors()).toEqual([]);
});

test("through the domain's jump host: both host keys are asked about, and the login goes via the bastion", async ({
  page,
  paddock,
  lab,
}) => {
  const jump = await startSshd({ name: 'e2e-jump' });
  try {
    const publicKey = await mgmtVaultWithKey(paddock);
    await lab.authorize(jump, publicKey);
    await lab.authorize(lab.c1, publicKey);
    // The same lab, with a bastion in front of the management domain.
    const site = path.join(lab.dir, 'site-with-jump.yaml');
    await writeFile(
      site,
      [
        'version: 1',
        'site: { name: Fleet lab with a bastion }',
        'domains:',
        `  - { name: mgmt, ssh: { user: root, jumpHost: { address: 127.0.0.1, port: ${jump.port}, user: root } } }`,
        'containers:',
        `  - { name: c1, domain: mgmt, address: 127.0.0.1, ssh: { port: ${lab.c1.port} }, hypervisor: libvirt, cpu: { cores: 4 }, memoryGiB: 8, pools: [], networks: [] }`,
        '',
      ].join('\n'),
    );
    await paddock.open(page);
    await paddock.handlers.openSite(site, 'dialog');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fleet lab with a bastion');

    await testConnection(page, 'c1');
    // First the bastion's key, then the container's (reached through the bastion).
    const ask = page.getByRole('dialog', { name: 'Unknown host: check its key' });
    await expect(ask.getByTestId('hostkey-fingerprint')).toHaveText(fingerprintOf(jump));
    await expect(ask).toContainText('c1 (jump 127.0.0.1)');
    await ask.getByRole('button', { name: 'Trust this host' }).click();
    await expect(ask.getByTestId('hostkey-fingerprint')).toHaveText(fingerprintOf(lab.c1));
    expect(await lab.c1.authAttempts()).toBe(0);
    await ask.getByRole('button', { name: 'Trust this host' }).click();
    await expect(connectionJob(page)).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
    await expect(connectionJob(page)).toContainText(`via 127.0.0.1:${jump.port}`);
    // The bastion forwarded the connection to c1's port.
    expect(await jump.log()).toMatch(
      new RegExp(`direct-tcpip.*${lab.c1.port}|target 127\\.0\\.0\\.1 port ${lab.c1.port}`),
    );
    expect(paddock.pageErrors()).toEqual([]);
  } finally {
    await stopAll([jump]);
  }
});
