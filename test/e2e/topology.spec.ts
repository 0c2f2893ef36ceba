// The topology view end to end: the real renderer in Chromium against the real handlers over
// the loopback transport, on the example site (numbers read from the YAML file itself) and on
// broken copies of it. Screenshots land in test/e2e/output/screenshots/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { acceptingContainers, PlacementContext } from '../../core/policy';
import { loadSite } from '../../core/site';
import { exampleFacts, gib, plural } from './example-facts';
import { expect, test } from './fixtures';

const facts = exampleFacts();

const tree = (page: Page) => page.getByRole('tree', { name: /Topology/ });
const details = (page: Page) => page.getByTestId('details');
const search = (page: Page) => page.getByRole('searchbox', { name: 'Search the topology' });
const focusedKey = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? null);

async function openApp(page: Page, open: (p: Page) => Promise<void>): Promise<void> {
  await open(page);
  await expect(tree(page)).toBeVisible();
}

test('shows the counts of domains, containers, VMs and clusters the site file holds', async ({
  page,
  paddock,
}) => {
  await openApp(page, paddock.open);
  await expect(page.getByTestId('count-domains')).toHaveText(plural(facts.domains.length, 'domain'));
  await expect(page.getByTestId('count-containers')).toHaveText(plural(facts.containers.length, 'container'));
  const running = facts.vms.filter((v) => v.state === 'running').length;
  const unplaced = facts.vms.filter((v) => !v.container).length;
  await expect(page.getByTestId('count-vms')).toHaveText(
    `${plural(facts.vms.length, 'VM')} (${running} running${unplaced > 0 ? `, ${unplaced} unplaced` : ''})`,
  );
  await expect(page.getByTestId('count-clusters')).toHaveText(plural(facts.clusters.length, 'cluster'));
  await expect(page.getByTestId('count-diagnostics')).toHaveText('valid');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('NCAR-style managed hosting');
  await paddock.screenshot(page, 'topology');

  // Each domain's header counts what the file puts in it (brought into view by a search).
  for (const d of facts.domains) {
    await search(page).fill(`domain:${d.name}`);
    const containers = facts.containers.filter((c) => c.domain === d.name).length;
    const vms = facts.vms.filter((v) => v.domain === d.name).length;
    const clusters = facts.clusters.filter(
      (k) => facts.containers.find((c) => c.name === k.containers[0])?.domain === d.name,
    ).length;
    const header = tree(page).getByRole('treeitem', {
      level: 1,
      name: new RegExp(`^Security domain ${d.name},`),
    });
    await expect(header).toContainText(
      `${plural(containers, 'container')} · ${plural(vms, 'VM')} · ${plural(clusters, 'cluster')}`,
    );
  }
  expect(paddock.pageErrors()).toEqual([]);
});

test('selecting a VM shows its fields, disks, NICs and policy status', async ({ page, paddock }) => {
  await openApp(page, paddock.open);
  // The biggest placed VM: the monolithic science gateway in this site.
  const vm = [...facts.vms].filter((v) => v.container).sort((a, b) => b.memoryGiB - a.memoryGiB)[0];
  if (!vm?.container) throw new Error('the example site has no placed VM');
  await search(page).fill(`name:${vm.name}`);
  await tree(page)
    .getByRole('treeitem', { name: new RegExp(`^VM ${vm.name},`) })
    .click();

  const panel = details(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(vm.name);
  const field = (label: string) =>
    panel
      .locator('.field')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  await expect(field('Domain')).toHaveText(vm.domain);
  await expect(field('Container')).toHaveText(vm.container);
  await expect(field('Memory')).toHaveText(gib(vm.memoryGiB));
  await expect(field('vCPUs')).toHaveText(String(vm.vcpus));
  await expect(field('State')).toHaveText(vm.state);
  for (const nic of vm.nics ?? [])
    if (nic.ip) await expect(panel.getByText(nic.ip, { exact: true })).toBeVisible();
  // The example site validates, so the policy accepts every VM where it runs.
  await expect(panel.getByTestId('policy-verdict')).toHaveText(
    `✓ May run on ${vm.container}: every placement rule holds.`,
  );
  // The other containers listed are exactly those the policy module accepts for it.
  const site = loadSite(facts.text, 'example-site.yaml').site;
  if (!site) throw new Error('the example site does not load');
  const others = acceptingContainers(PlacementContext.fromSite(site), vm.name).filter(
    (c) => c !== vm.container,
  );
  await expect(panel.getByTestId('policy-accepting').getByRole('button')).toHaveText(others);
  await paddock.screenshot(page, 'vm-details');

  // A link in the details selects (and reveals) the container.
  await field('Container').getByRole('button').click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(vm.container);
  await expect(panel.getByText('Rules that bind here')).toBeVisible();
  await expect(panel.getByRole('meter', { name: 'Memory' })).toHaveAttribute('aria-valuenow', /\d+/);
  expect(paddock.pageErrors()).toEqual([]);
});

test('search filters by tag, state and words, counts and highlights matches; / and Escape', async ({
  page,
  paddock,
}) => {
  await openApp(page, paddock.open);
  const tag = 'gateway';
  const expected = facts.vms.filter((v) => v.tags?.includes(tag) && v.state === 'running');
  expect(expected.length).toBeGreaterThan(0);

  await tree(page).getByRole('treeitem').first().click();
  await page.keyboard.press('/');
  await expect(search(page)).toBeFocused();
  await page.keyboard.type(`tag:${tag} state:running`);
  await expect(page.getByTestId('search-status')).toHaveText(
    `${plural(expected.length, 'VM')} match${expected.length === 1 ? 'es' : ''}`,
  );
  const chips = tree(page).locator('.chip');
  await expect(chips).toHaveCount(expected.length);
  await expect(tree(page).locator('.chip.is-match')).toHaveCount(expected.length);
  for (const v of expected)
    await expect(tree(page).getByRole('treeitem', { name: new RegExp(`^VM ${v.name},`) })).toBeVisible();
  await paddock.screenshot(page, 'search');

  // Free words mark the part of the name that matched.
  await search(page).fill(expected[0]?.name.slice(0, 4) ?? '');
  await expect(tree(page).locator('mark').first()).toBeVisible();

  // A mistyped filter says what and where.
  await search(page).fill('colour:blue');
  await expect(page.getByTestId('search-status')).toContainText('Unknown filter "colour:" at column 1');

  await page.keyboard.press('Escape');
  await expect(search(page)).toHaveValue('');
  await expect(page.getByTestId('search-status')).toHaveText('');
  await page.keyboard.press('Control+f');
  await expect(search(page)).toBeFocused();
  expect(paddock.pageErrors()).toEqual([]);
});

test('typing on after a search that matched nothing keeps the keyboard in the search box', async ({
  page,
  paddock,
}) => {
  await openApp(page, paddock.open);
  const vm = facts.vms[facts.vms.length - 1];
  if (!vm) throw new Error('the example site has no VM');
  // A keyboard move in the tree leaves a focus request behind.
  await tree(page).getByRole('treeitem').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('/');
  await page.keyboard.type('no-such-thing');
  await expect(page.getByText('Nothing matches the search.')).toBeVisible();
  // The tree comes back with the first match; it must not take the keyboard with it.
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`name:${vm.name}`);
  await expect(page.getByTestId('search-status')).toHaveText('1 VM matches');
  await expect(search(page)).toBeFocused();
  await expect(search(page)).toHaveValue(`name:${vm.name}`);
  expect(paddock.pageErrors()).toEqual([]);
});

test('the topology is keyboard navigable: roving tab stop, arrows, Enter, focus ring', async ({
  page,
  paddock,
}) => {
  await openApp(page, paddock.open);
  const [firstDomain] = facts.domains;
  const firstContainer = facts.containers.find((c) => c.domain === firstDomain?.name);
  const firstVm = facts.vms.find((v) => v.container === firstContainer?.name);
  if (!firstDomain || !firstContainer || !firstVm) throw new Error('example site too small for this test');

  // Tabbing from the search box reaches the tree at its single tab stop: the first domain.
  await search(page).focus();
  for (let i = 0; i < 12 && (await focusedKey(page)) === null; i++) await page.keyboard.press('Tab');
  expect(await focusedKey(page)).toBe(`d:${firstDomain.name}`);
  await expect(tree(page).locator('[role=treeitem][tabindex="0"]')).toHaveCount(1);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe('solid');

  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedKey(page)).toBe(`c:${firstContainer.name}`);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedKey(page)).toBe(`v:${firstVm.name}`);
  await page.keyboard.press('Enter');
  await expect(details(page).getByRole('heading', { level: 2 })).toHaveText(firstVm.name);
  await expect(
    tree(page).getByRole('treeitem', { name: new RegExp(`^VM ${firstVm.name},`) }),
  ).toHaveAttribute('aria-selected', 'true');
  await paddock.screenshot(page, 'keyboard');

  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focusedKey(page)).toBe(`c:${firstContainer.name}`);
  const card = tree(page).locator(`[data-key="c:${firstContainer.name}"]`);
  await page.keyboard.press('ArrowLeft');
  await expect(card).toHaveAttribute('aria-expanded', 'false');
  await expect(card.locator('.chip')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(card).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('End');
  await expect.poll(() => focusedKey(page)).toMatch(/^[vcu]:/);
  await page.keyboard.press('Home');
  await expect.poll(() => focusedKey(page)).toBe(`d:${firstDomain.name}`);
  await page.keyboard.press('Enter');
  await expect(details(page).getByRole('heading', { level: 2 })).toHaveText(firstDomain.name);
  // The roving tab stop follows focus: still exactly one.
  await expect(tree(page).locator('[role=treeitem][tabindex="0"]')).toHaveCount(1);
  expect(paddock.pageErrors()).toEqual([]);
});

test('dark mode: the toggle applies at once, persists through main, and survives a reload', async ({
  page,
  paddock,
}) => {
  await openApp(page, paddock.open);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await expect.poll(() => paddock.handlers.settings().theme).toBe('dark');
  await paddock.screenshot(page, 'dark');

  await page.reload();
  await expect(tree(page)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');

  // "System" follows the browser's preference.
  await page.getByRole('radio', { name: 'System' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(paddock.pageErrors()).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Broken copies of the example site, written before the fixture opens them.

const dir = mkdtempSync(path.join(tmpdir(), 'paddock-e2e-topology-'));

function brokenCopy(name: string, edit: (text: string) => string): string {
  const file = path.join(dir, name);
  const text = edit(facts.text);
  if (text === facts.text)
    throw new Error(`${name}: the edit changed nothing (did the example site change?)`);
  writeFileSync(file, text);
  return file;
}

const [vmA, vmB] = facts.vms.filter(
  (v) => v.domain === facts.vms[0]?.domain && v.container && v.nics?.[0]?.ip,
);
const otherDomainContainer = facts.containers.find((c) => c.domain !== vmA?.domain);
if (!vmA?.nics?.[0]?.ip || !vmB?.nics?.[0]?.ip || !otherDomainContainer)
  throw new Error('example site too small for the broken copies');

/** Two cross-reference faults: a VM on a container of another domain, and a duplicate IP. */
const CROSS_REF = brokenCopy('cross-ref.yaml', (t) =>
  t
    .replace(`container: ${vmA.container}\n`, `container: ${otherDomainContainer.name}\n`)
    .replace(`ip: ${vmB.nics?.[0]?.ip},`, `ip: ${vmA.nics?.[0]?.ip},`),
);
/** A copy that a test deletes, to make a reload fail. */
const CROSS_REF_COPY = {
  file: path.join(dir, 'vanishing.yaml'),
  make(): string {
    writeFileSync(this.file, readFileSync(CROSS_REF, 'utf8'));
    return this.file;
  },
};
const UNREADABLE = brokenCopy('unreadable.yaml', (t) => t.replace('\nvms:\n', '\nvms: [\n'));

test('the page follows main: another site opened there, a refused dialog, a failed reload', async ({
  page,
  paddock,
}) => {
  await openApp(page, paddock.open);
  await expect(page.getByTestId('count-diagnostics')).toHaveText('valid');
  // The event stream is connected once the server has subscribed the page to main's events.
  await expect.poll(() => paddock.handlers.events.size).toBeGreaterThan(0);
  await paddock.handlers.openSite(CROSS_REF, 'dialog');
  await expect(page.locator('.site-file')).toHaveText('cross-ref.yaml');
  await expect(page.getByTestId('count-diagnostics')).toContainText('2 errors');
  await expect(page.getByRole('region', { name: 'Problems in the site file' })).toBeVisible();

  // The loopback host has no native dialog: the page says so and keeps the site.
  await page.getByRole('button', { name: 'Open…' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not open a site');
  await expect(alert).toContainText('needs the desktop app');
  await expect(page.locator('.site-file')).toHaveText('cross-ref.yaml');
  await alert.getByRole('button', { name: 'Dismiss: Could not open a site' }).click();
  await expect(alert).toHaveCount(0);

  // A reload of a file that has vanished is an error that names the file; the site stays shown.
  await paddock.handlers.openSite(CROSS_REF_COPY.make(), 'dialog');
  await expect(page.locator('.site-file')).toHaveText('vanishing.yaml');
  rmSync(CROSS_REF_COPY.file);
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('alert')).toContainText(CROSS_REF_COPY.file);
  await expect(page.getByTestId('count-vms')).toContainText(plural(facts.vms.length, 'VM'));
  await paddock.screenshot(page, 'site-request-failed');
  expect(paddock.pageErrors()).toEqual([]);
});

test.describe('a site with errors', () => {
  test.use({ siteFile: CROSS_REF });

  test('lists every error with file:line:column, still shows the site, and links to the culprit', async ({
    page,
    paddock,
  }) => {
    const expected = loadSite(readFileSync(CROSS_REF, 'utf8'), CROSS_REF);
    const errors = expected.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(expected.site).not.toBeNull();

    await openApp(page, paddock.open);
    const list = page.getByRole('region', { name: 'Problems in the site file' });
    await expect(list.getByRole('listitem')).toHaveCount(expected.diagnostics.length);
    for (const d of expected.diagnostics) {
      const item = list
        .getByRole('listitem')
        .filter({ hasText: `${d.file}:${d.line}:${d.column}` })
        .filter({ hasText: d.message });
      await expect(item).toHaveCount(1);
      await expect(item).toContainText(d.path);
    }
    await expect(page.getByTestId('count-diagnostics')).toContainText(plural(errors.length, 'error'));
    await expect(page.getByTestId('count-vms')).toContainText(plural(facts.vms.length, 'VM'));

    // The misplaced VM's own finding expands and leads to the VM, whose policy status says why.
    const own = list
      .getByRole('listitem')
      .filter({ hasText: `container ${otherDomainContainer.name}` })
      .first();
    await own.getByRole('button').first().click();
    await own.getByRole('button', { name: `Show vm ${vmA.name}` }).click();
    await expect(details(page).getByRole('heading', { level: 2 })).toHaveText(vmA.name);
    await expect(details(page).getByTestId('policy-verdict')).toContainText(
      `May not run on ${otherDomainContainer.name}`,
    );
    await expect(
      details(page).getByRole('region', { name: 'Policy status' }).getByRole('list'),
    ).toContainText(`belongs to security domain ${vmA.domain}`);
    await paddock.screenshot(page, 'broken-site');
    expect(paddock.pageErrors()).toEqual([]);
  });
});

test.describe('a site that cannot be read at all', () => {
  test.use({ siteFile: UNREADABLE });

  test('shows why with the exact location instead of a topology', async ({ page, paddock }) => {
    const expected = loadSite(readFileSync(UNREADABLE, 'utf8'), UNREADABLE);
    expect(expected.site).toBeNull();
    const [first] = expected.diagnostics;
    if (!first) throw new Error('the loader gave no diagnostic for a broken file');
    await paddock.open(page);
    const list = page.getByRole('region', { name: 'Problems in the site file' });
    await expect(list).toContainText('nothing could be loaded');
    await expect(list).toContainText(`${first.file}:${first.line}:${first.column}`);
    await expect(list).toContainText(first.message);
    await expect(page.getByText('The site could not be loaded: see the problems above.')).toBeVisible();
    await expect(tree(page)).toHaveCount(0);
    await paddock.screenshot(page, 'unreadable-site');
    expect(paddock.pageErrors()).toEqual([]);
  });
});
