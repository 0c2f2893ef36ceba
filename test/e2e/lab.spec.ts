// Live discovery, lifecycle actions and drift end to end, against the REAL lab (test/lab:
// namespaced hosts with sshd, libvirtd and QEMU guests, started once for this file by
// ./lab-fixtures.ts): the real renderer in Chromium, the real handlers over the loopback
// transport. The vaults are unlocked in the UI with the lab passphrase; research's host keys are
// pre-seeded from the lab, teaching's is trusted in the host-key dialog. Ground truth is always
// `virsh` run inside the hosts' namespaces, never Paddock itself.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { diffLines } from 'diff';
import { parseVirshList } from '../../core/drivers/libvirt/parse-list';
import { loadSite } from '../../core/site';
import { virshMigrateArgs } from '../lab/migrate';
import { knownHostsStore, LAB_VAULT_PASSPHRASE } from '../lab/paddock-material';
import type { LabHandle } from '../lab/use-lab';
import { unlockVault } from './fleet-ui';
import { expect, test } from './lab-fixtures';

// The lab itself starts in the worker fixture (its own timeout); the steps take about a minute.
test.describe.configure({ timeout: 240_000 });
// Stop the lab when this file is done, not when the worker ends after the other specs.
test.afterAll(async ({ labWorld }) => labWorld.release());

const showView = (page: Page, name: 'Topology' | 'Drift') =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();

/** The VMs and states the drift view's host list shows for a container. */
const shownStates = (page: Page, container: string): Promise<string[][]> =>
  page
    .getByTestId(`live-host-${container}`)
    .locator('.live-vm')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-vm') ?? '', e.getAttribute('data-state') ?? '']),
    );

const virshStates = async (lab: LabHandle, host: string): Promise<string[][]> =>
  parseVirshList(await lab.virsh(host, 'list', '--all')).map((d) => [d.name, d.state]);

const domstate = async (lab: LabHandle, host: string, vm: string) =>
  (await lab.virsh(host, 'domstate', '--domain', vm)).trim();

const migrate = (lab: LabHandle, vm: string, from: string, to: string) =>
  lab.virsh(from, ...virshMigrateArgs(vm, lab.host(to).address));

/** Put back what the spec changed behind Paddock's back, so a shared lab is left as found. */
async function restore(lab: LabHandle): Promise<void> {
  const where = async (vm: string) => {
    for (const h of lab.hosts) if ((await virshStates(lab, h.name)).some(([n]) => n === vm)) return h.name;
    return null;
  };
  if ((await where('research-vm2')) === 'lab-h2') await migrate(lab, 'research-vm2', 'lab-h2', 'lab-h1');
  for (const [host, vm] of [
    ['lab-h1', 'research-vm1'],
    ['lab-h2', 'research-vm3'],
    ['lab-h3', 'teaching-vm2'],
  ] as const) {
    if ((await domstate(lab, host, vm).catch(() => '')) === 'shut off')
      await lab.virsh(host, 'start', '--domain', vm);
  }
}

/** Find a VM in the topology and select it; resolves its details panel. */
async function selectVm(page: Page, vm: string): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Search the topology' }).fill(`name:${vm}`);
  await page
    .getByRole('tree', { name: /Topology/ })
    .getByRole('treeitem', { name: new RegExp(`^VM ${vm},`) })
    .click();
  const details = page.getByTestId('details');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(vm);
  return details;
}

/** Fold the jobs panel (it opens by itself for each job) so a screenshot shows the view. */
async function foldJobs(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: /^Jobs/ });
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) === 'true')
    await toggle.click();
}

async function refreshAndWait(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Refresh live state' }).click();
  await expect(page.getByTestId('live-summary')).toHaveText(/^3 of 3 containers read · /, {
    timeout: 60_000,
  });
}

test('the lab live: unlock, trust, refresh, states match virsh; force off, shut down and start from the UI; drift accepted into the site file', async ({
  page,
  paddock,
  labWorld,
}) => {
  const { lab } = labWorld;
  try {
    await paddock.open(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('paddock-lab');

    await test.step('unlock both domain vaults in the UI with the lab passphrase', async () => {
      for (const domain of ['research', 'teaching']) {
        const panel = await unlockVault(page, domain, LAB_VAULT_PASSPHRASE);
        await expect(panel.getByTitle('Vault state')).toHaveText('unlocked', { timeout: 30_000 });
      }
    });

    await test.step('refresh: trust the teaching host in the dialog; every host answers', async () => {
      await showView(page, 'Drift');
      await expect(page.getByTestId('live-summary')).toHaveText('Live state not read yet');
      await page.getByRole('button', { name: 'Refresh live state' }).click();
      // research's keys were pre-seeded from the lab; teaching's key is asked about.
      const dialog = page.getByRole('dialog', { name: 'Unknown host: check its key' });
      await expect(dialog).toBeVisible({ timeout: 30_000 });
      const [teachingKey] = await knownHostsStore(lab.stateDir, 'teaching').list();
      await expect(dialog.getByTestId('hostkey-fingerprint')).toHaveText(teachingKey?.fingerprint ?? '?');
      await dialog.getByRole('button', { name: 'Trust this host' }).click();
      await expect(page.getByTestId('live-summary')).toHaveText(
        /^3 of 3 containers read · last updated \d+ s ago$/,
        {
          timeout: 60_000,
        },
      );
      await expect(page.getByTestId('drift-summary')).toHaveText(
        /^No drift: site\.yaml matches the 3 containers read\./,
      );
    });

    await test.step('the states shown are what `virsh list --all` says on each host', async () => {
      for (const h of lab.hosts) {
        const truth = await virshStates(lab, h.name);
        expect(truth.length).toBeGreaterThan(0);
        expect((await shownStates(page, h.name)).sort()).toEqual(truth.sort());
      }
      await showView(page, 'Topology');
      await expect(page.getByTestId('live-badge-lab-h1')).toHaveText(/^Live state: updated \d+ s ago$/);
    });

    await test.step('force off a guest from the UI (confirmed by name), then start it again', async () => {
      const details = await selectVm(page, 'research-vm1');
      await expect(details.getByTestId('vm-live-state')).toHaveAttribute('data-state', 'running');
      await details.getByRole('button', { name: 'Force off…' }).click();
      const confirm = page.getByRole('dialog', { name: 'Force off research-vm1?' });
      await expect(confirm).toContainText('pulls the plug on research-vm1 on lab-h1');
      await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await paddock.screenshot(page, 'lab-force-off-confirm');
      await confirm.getByRole('button', { name: 'Force off research-vm1' }).click();
      const job = details.getByTestId('vm-last-job');
      await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
      await expect(job).toContainText(
        'Force off research-vm1 on lab-h1: succeeded — research-vm1 is stopped on lab-h1',
      );
      expect(await domstate(lab, 'lab-h1', 'research-vm1')).toBe('shut off');
      await expect(details.getByTestId('vm-live-state')).toHaveAttribute('data-state', 'stopped');
      // The command went over the pool into the app's audit log.
      const audit = await paddock.main.ok('audit.query', { host: 'lab-h1', text: 'destroy' });
      expect(
        audit.records.some(
          (x) => x.argv.includes('destroy') && x.argv.includes('research-vm1') && x.exitCode === 0,
        ),
      ).toBe(true);

      await details.getByRole('button', { name: 'Start', exact: true }).click();
      await expect(job).toContainText('Start research-vm1 on lab-h1: succeeded', { timeout: 60_000 });
      expect(await domstate(lab, 'lab-h1', 'research-vm1')).toBe('running');
      await expect(details.getByTestId('vm-live-state')).toHaveAttribute('data-state', 'running');
    });

    await test.step('shut a guest down from the UI (ACPI, waited for), then start it again', async () => {
      const details = await selectVm(page, 'research-vm3');
      await expect(details.getByTestId('vm-live-state')).toHaveAttribute('data-container', 'lab-h2');
      await details.getByRole('button', { name: 'Shut down' }).click();
      const job = details.getByTestId('vm-last-job');
      await expect(job).toContainText(
        'Shut down research-vm3 on lab-h2: succeeded — research-vm3 is stopped on lab-h2',
        {
          timeout: 90_000,
        },
      );
      expect(await domstate(lab, 'lab-h2', 'research-vm3')).toBe('shut off');
      await details.getByRole('button', { name: 'Start', exact: true }).click();
      await expect(job).toContainText('Start research-vm3 on lab-h2: succeeded', { timeout: 60_000 });
      expect(await domstate(lab, 'lab-h2', 'research-vm3')).toBe('running');
    });

    await test.step('drift made behind Paddock’s back shows in the drift view', async () => {
      await migrate(lab, 'research-vm2', 'lab-h1', 'lab-h2');
      await lab.virsh('lab-h3', 'destroy', '--domain', 'teaching-vm2');
      await showView(page, 'Drift');
      await refreshAndWait(page);
      await expect(page.getByTestId('drift-item-moved:research-vm2')).toContainText(
        'research-vm2 is on lab-h2, recorded on lab-h1',
      );
      await expect(page.getByTestId('drift-item-state:teaching-vm2')).toContainText(
        'teaching-vm2 is stopped, recorded as running',
      );
      await expect(page.locator('.drift-item')).toHaveCount(2);
    });

    await test.step('accept one item: the site file changes atomically, exactly as the diff shown', async () => {
      const before = await stat(labWorld.siteFile);
      await page.getByRole('checkbox', { name: 'Accept Moved: research-vm2' }).check();
      await page.getByRole('button', { name: 'Preview accepting 1 item' }).click();
      const diff = page.getByTestId('drift-diff');
      await expect(diff).toBeVisible();
      await foldJobs(page);
      await paddock.screenshot(page, 'drift');
      const rows = await diff.locator('.diff-line').evaluateAll((els) =>
        els.map((e) => {
          const [oldNo, newNo] = [...e.querySelectorAll('.diff-no')].map((n) => n.textContent ?? '');
          return {
            kind: [...e.classList].find((c) => c !== 'diff-line')?.replace('diff-', '') ?? '',
            oldNo: Number(oldNo),
            newNo: Number(newNo),
            text: e.querySelector('code')?.textContent ?? '',
          };
        }),
      );
      // Nothing is written by a preview.
      expect(await readFile(labWorld.siteFile, 'utf8')).toBe(labWorld.originalSite);

      await page.getByRole('button', { name: 'Write site.yaml' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Wrote site.yaml' })).toHaveText(
        /Wrote site\.yaml \(1 item accepted\) and reloaded it\./,
      );
      const after = await readFile(labWorld.siteFile, 'utf8');
      const oldLines = labWorld.originalSite.split('\n');
      const newLines = after.split('\n');
      const removed = rows.filter((r) => r.kind === 'del');
      const added = rows.filter((r) => r.kind === 'add');
      expect(removed.map((r) => r.text)).toEqual(['    container: lab-h1']);
      expect(added.map((r) => r.text)).toEqual(['    container: lab-h2']);
      for (const r of removed) expect(oldLines[r.oldNo - 1]).toBe(r.text);
      for (const r of added) expect(newLines[r.newNo - 1]).toBe(r.text);
      // ...and nothing else changed.
      const changes = diffLines(labWorld.originalSite, after).filter((c) => c.added || c.removed);
      expect(changes.map((c) => [c.added ? '+' : '-', c.value])).toEqual([
        ['-', '    container: lab-h1\n'],
        ['+', '    container: lab-h2\n'],
      ]);
      expect(loadSite(after, 'site.yaml').site?.vms.find((v) => v.name === 'research-vm2')?.container).toBe(
        'lab-h2',
      );
      // Written by rename over the old file (a new inode), no temporary file left behind.
      expect((await stat(labWorld.siteFile)).ino).not.toBe(before.ino);
      expect(await readdir(path.dirname(labWorld.siteFile))).toEqual(['data', 'site.yaml']);
      // The accepted item is gone; the other is still there.
      await expect(page.locator('.drift-item')).toHaveCount(1);
      await expect(page.getByTestId('drift-item-state:teaching-vm2')).toBeVisible();
      await foldJobs(page);
      await paddock.screenshot(page, 'drift-after-write');
    });

    expect(paddock.pageErrors()).toEqual([]);
  } finally {
    await restore(lab);
  }
});
