// The Planner view end to end: the real renderer in Chromium (the planner runs in its Web
// Worker) against the real handlers over the loopback transport, on a copy of the example site
// in a temporary folder (applying a plan writes a new file beside the open one). Expected plans
// are computed here with the same planner and seed, not copied from the screen.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Site } from '../../core/model/types';
import { planSync, type Plan, type PlanRequest } from '../../core/planner';
import { loadSite } from '../../core/site';
import { EXAMPLE_SITE } from '../../electron/shared/paths';
import { expect, test } from './fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'paddock-planner-e2e-'));
const SITE_FILE = path.join(dir, 'example-site.yaml');
copyFileSync(EXAMPLE_SITE, SITE_FILE);
const SITE = loadSite(readFileSync(SITE_FILE, 'utf8'), 'example-site.yaml').site as Site;

test.use({ siteFile: SITE_FILE });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the planner answers here with the view's defaults (seed 1, 10 s). */
const expected = (req: PlanRequest): Plan => planSync(SITE, req, { seed: 1, timeLimitMs: 10_000 });

async function openPlanner(page: Page, open: (p: Page) => Promise<void>): Promise<void> {
  await open(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Planner' }).click();
  await expect(page.getByRole('heading', { name: 'Planner', level: 2 })).toBeVisible();
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const run = (page: Page) => page.getByRole('button', { name: 'Run plan' });

async function evacuate(page: Page, container: string): Promise<void> {
  await tab(page, 'Evacuate').click();
  await page.getByLabel('Container to evacuate').selectOption(container);
  await run(page).click();
  await expect(page.getByTestId('planner-results')).toBeVisible();
}

/** The step table's rows as [vm, from, to]. */
async function tableSteps(page: Page): Promise<string[][]> {
  return page
    .getByTestId('planner-steps')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].slice(1, 4).map((c) => c.textContent?.trim() ?? '')),
    );
}

test('evacuating a container shows the ordered plan, the bound and gap, the check and the charts', async ({
  page,
  paddock,
}) => {
  const plan = expected({ kind: 'evacuate', container: 'mgmt-x1' });
  expect(plan.feasible).toBe(true);
  await openPlanner(page, paddock.open);
  await evacuate(page, 'mgmt-x1');

  await expect(page.getByTestId('planner-verdict')).toContainText('Plan found: everything asked is done');
  await expect(page.getByTestId('planner-verdict')).toContainText('Evacuate container mgmt-x1');
  expect(await tableSteps(page)).toEqual(plan.steps.map((s) => [s.vm, s.from ?? 'unplaced', s.to]));
  await expect(page.getByTestId('planner-objective')).toContainText(String(plan.value));
  await expect(page.getByTestId('planner-bound')).toContainText(String(plan.bound));
  await expect(page.getByTestId('planner-bound')).toContainText(plan.boundMethod);
  await expect(page.getByTestId('planner-gap')).toContainText(
    plan.gap === 0 ? '0%proven best possible' : `${Math.round(plan.gap * 1000) / 10}%`,
  );
  await expect(page.getByTestId('planner-moves')).toContainText(String(plan.steps.length));
  await expect(page.getByTestId('planner-check')).toContainText('Independent check: passed');

  // Charts: the changed domain drawn, with bars for its containers; the others one click away.
  const cards = page.locator('[data-testid^="planner-chart-"]');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-testid', 'planner-chart-mgmt');
  const mgmt = page.getByTestId('planner-chart-mgmt');
  await expect(mgmt.locator('.planner-bar.is-after .recharts-rectangle').first()).toBeVisible();
  // The numbers under the chart: mgmt-x1 goes from its VMs to none.
  await mgmt.getByText('Numbers').click();
  const before = plan.before.find((u) => u.container === 'mgmt-x1');
  await expect(page.getByTestId('planner-use-mgmt').getByRole('row', { name: /^mgmt-x1/ })).toContainText(
    `${before?.vms ?? -1} → 0`,
  );
  // Tall enough to show the whole plan: the answer, the steps and the changed domain's charts.
  await page.setViewportSize({ width: 1440, height: 1250 });
  await paddock.screenshot(page, 'planner-evacuation');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await paddock.screenshot(page, 'planner-evacuation-dark');
  await page
    .getByRole('button', {
      name: `Also show the ${SITE.domains.length - 1} domains the plan does not change`,
    })
    .click();
  await expect(cards).toHaveCount(SITE.domains.length);
  expect(paddock.pageErrors()).toEqual([]);
});

test('an evacuation that cannot be completed names the VM and the rules in the way', async ({
  page,
  paddock,
}) => {
  const plan = expected({ kind: 'evacuate', container: 'grid-k1' });
  expect(plan.unplaced.length).toBeGreaterThan(0);
  await openPlanner(page, paddock.open);
  await evacuate(page, 'grid-k1');
  await expect(page.getByTestId('planner-verdict')).toContainText('Not everything can be done');
  const unplaced = page.getByTestId('planner-unplaced');
  for (const u of plan.unplaced) await expect(unplaced).toContainText(u.summary);
  expect(paddock.pageErrors()).toEqual([]);
});

test('what-if "five more 1+4 teaching clusters like lab1": does not fit, and how many more containers', async ({
  page,
  paddock,
}) => {
  const req: PlanRequest = {
    kind: 'whatif',
    ops: [{ kind: 'add-clusters', count: 5, like: 'lab1' }],
    containerType: 'edu-c01',
    objective: 'consolidate',
  };
  const plan = expected(req);
  const extra = plan.whatIf?.extraContainers?.count;
  expect(plan.whatIf?.fits).toBe(false);
  expect(extra).toBeGreaterThan(0);

  await openPlanner(page, paddock.open);
  await tab(page, 'What-if').click();
  await page.getByLabel('Kind of change to add').selectOption('add-clusters');
  await page.getByRole('button', { name: 'Add change' }).click();
  const change = page.getByTestId('planner-op-1');
  // The new change's first field has the focus: type the count straight away.
  await expect(change.getByLabel('How many clusters')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('5');
  await change.getByLabel('Like virtual cluster').selectOption('lab1');
  await page.getByLabel('If it does not fit: how many more containers like…').selectOption('edu-c01');
  await run(page).click();

  await expect(page.getByTestId('planner-verdict')).toContainText(
    `Does not fit: needs ${extra} more containers like edu-c01`,
  );
  await expect(page.getByTestId('planner-extra')).toContainText(String(extra));
  await expect(page.getByTestId('planner-check')).toContainText('passed');
  await page.setViewportSize({ width: 1440, height: 1250 });
  await paddock.screenshot(page, 'planner-whatif');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('planner-chart-edu').scrollIntoViewIfNeeded();
  await page
    .getByTestId('planner-chart-edu')
    .locator('.planner-bar.is-after .recharts-rectangle')
    .last()
    .hover();
  await expect(page.locator('.planner-tooltip')).toContainText('(new)');
  await paddock.screenshot(page, 'planner-whatif-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // The new containers appear in the charts, marked new.
  await page.getByTestId('planner-chart-edu').getByText('Numbers').click();
  await expect(page.getByTestId('planner-use-edu').getByRole('row', { name: /\(new\)/ })).toHaveCount(
    extra ?? -1,
  );
  expect(paddock.pageErrors()).toEqual([]);
});

test('a long run shows its progress, the page stays responsive, and Cancel returns the best plan so far', async ({
  page,
  paddock,
}) => {
  await openPlanner(page, paddock.open);
  await tab(page, 'What-if').click();
  await page.getByLabel('Kind of change to add').selectOption('add-vms');
  await page.getByRole('button', { name: 'Add change' }).click();
  const change = page.getByTestId('planner-op-1');
  await change.getByLabel('How many VMs').fill('3000');
  await change.getByLabel('of a size').check();
  await change.getByLabel('Domain').selectOption('edu');
  await change.getByLabel('vCPUs').fill('1');
  await change.getByLabel('Memory (GiB)').fill('0.5');
  await page.getByLabel('Time budget (s)').fill('120');
  await run(page).click();

  const progress = page.getByTestId('planner-progress');
  await expect(progress).toBeVisible();
  const bar = progress.getByRole('progressbar');
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect(bar).toHaveAttribute('aria-valuetext', /of the time budget; .*best .*bound/);
  await expect(page.getByTestId('planner-elapsed')).toContainText('of 2 min 00 s');
  // The page answers while the worker searches: the tabs still switch (and switch back).
  await tab(page, 'Place').click();
  await expect(tab(page, 'Place')).toHaveAttribute('aria-selected', 'true');
  await tab(page, 'What-if').click();
  await paddock.screenshot(page, 'planner-progress');

  const started = Date.now();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('planner-results')).toBeVisible({ timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.getByTestId('planner-stop')).toContainText('cancelled: the best plan found so far');
  // The Cancel button is gone: the focus lands on the answer, not on the page's body.
  await expect(page.getByTestId('planner-verdict')).toBeFocused();
  await expect(page.getByTestId('planner-verdict')).toContainText('Does not fit');
  await expect(page.getByTestId('planner-check')).toContainText('passed');
  await expect(run(page)).toBeEnabled();
  await paddock.screenshot(page, 'planner-cancelled');
  expect(paddock.pageErrors()).toEqual([]);
});

test('applying an evacuation writes a new version beside the site, after showing the diff, and opens it', async ({
  page,
  paddock,
}) => {
  const plan = expected({ kind: 'evacuate', container: 'mgmt-x1' });
  const original = readFileSync(SITE_FILE, 'utf8');
  const versionsBefore = readdirSync(dir).filter((f) => f.includes('.plan-'));
  await openPlanner(page, paddock.open);
  await evacuate(page, 'mgmt-x1');

  await page.getByRole('button', { name: 'Preview the new version…' }).click();
  const preview = page.getByTestId('planner-preview');
  await expect(preview).toBeVisible();
  for (const s of plan.steps) {
    await expect(preview).toContainText(`move ${s.vm} from ${s.from ?? ''} to ${s.to}`);
    await expect(preview.getByTestId('drift-diff')).toContainText(`container: ${s.to}`);
  }
  const fileName = (await preview.locator('strong').first().textContent()) ?? '';
  expect(fileName).toMatch(/^example-site\.plan-\d{4}-\d{2}-\d{2}T\d{4}(-\d+)?\.yaml$/);
  // Nothing is written before the user says so.
  expect(readdirSync(dir).filter((f) => f.includes('.plan-'))).toEqual(versionsBefore);
  await expect(preview).toBeFocused();
  await paddock.screenshot(page, 'planner-apply-preview');

  await preview.getByRole('button', { name: `Write ${fileName}` }).click();
  const written = page.getByTestId('planner-written');
  await expect(written).toContainText(`Wrote ${fileName}`);
  const file = path.join(dir, fileName);
  const loaded = loadSite(readFileSync(file, 'utf8'), fileName);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const s of plan.steps) expect(loaded.site?.vms.find((v) => v.name === s.vm)?.container).toBe(s.to);
  expect(loaded.site?.vms.some((v) => v.container === 'mgmt-x1')).toBe(false);
  expect(readFileSync(SITE_FILE, 'utf8')).toBe(original);

  await written.getByRole('button', { name: `Open ${fileName}` }).click();
  await expect(page.getByText(`Offline, on ${fileName}`)).toBeVisible();
  expect(paddock.handlers.site?.path).toBe(file);
  await expect(page.getByRole('note')).toContainText('This plan was made on example-site.yaml');
  expect(paddock.pageErrors()).toEqual([]);
});

test('exports the plan as JSON, CSV and Markdown', async ({ page, paddock }) => {
  const plan = expected({ kind: 'evacuate', container: 'mgmt-x1' });
  await openPlanner(page, paddock.open);
  await evacuate(page, 'mgmt-x1');
  const exports = page.getByRole('group', { name: 'Export the plan' });

  const save = async (label: string): Promise<{ name: string; text: string }> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('button', { name: label }).click(),
    ]);
    const p = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(p, 'utf8') };
  };
  const json = await save('JSON');
  expect(json.name).toBe('example-site.evacuate-mgmt-x1.plan.json');
  const parsed = JSON.parse(json.text) as { request: PlanRequest; plan: Plan };
  expect(parsed.request).toEqual({ kind: 'evacuate', container: 'mgmt-x1' });
  expect(parsed.plan.steps).toEqual(plan.steps);

  const csv = await save('CSV');
  expect(csv.name).toBe('example-site.evacuate-mgmt-x1.plan.csv');
  expect(csv.text.split('\r\n').filter(Boolean)).toEqual([
    'step,vm,from,to,memory_mib,kind,temporary',
    ...plan.steps.map((s, i) => `${i + 1},${s.vm},${s.from ?? ''},${s.to},${s.memoryMiB},move,false`),
  ]);

  const md = await save('Markdown');
  expect(md.name).toBe('example-site.evacuate-mgmt-x1.plan.md');
  expect(md.text).toContain('# Paddock plan: Evacuate container mgmt-x1');
  for (const s of plan.steps)
    expect(md.text).toMatch(new RegExp(`\\| ${s.vm} \\| ${s.from} \\| ${s.to} \\|`));
  expect(paddock.pageErrors()).toEqual([]);
});

test('the form names what is wrong, field by field, and the question tabs work from the keyboard', async ({
  page,
  paddock,
}) => {
  await openPlanner(page, paddock.open);
  await tab(page, 'Evacuate').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'What-if')).toBeFocused();
  await expect(tab(page, 'What-if')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(tab(page, 'Place')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tab(page, 'What-if')).toHaveAttribute('aria-selected', 'true');

  await page.getByLabel('Time budget (s)').fill('abc');
  await run(page).click();
  const errors = page.getByTestId('planner-form-errors');
  await expect(errors).toContainText('Time budget (seconds): "abc" is not a number');
  await expect(errors).toContainText('What-if changes: add at least one change');
  // The first problem's field has the focus and says it is invalid.
  await expect(page.getByLabel('Time budget (s)')).toBeFocused();
  await expect(page.getByLabel('Time budget (s)')).toHaveAttribute('aria-invalid', 'true');
  await paddock.screenshot(page, 'planner-form-errors');
  // Fixing a field clears its message.
  await page.getByLabel('Time budget (s)').fill('5');
  await expect(errors).not.toContainText('Time budget');

  await tab(page, 'Evacuate').click();
  await run(page).click();
  await expect(page.getByTestId('planner-form-errors')).toContainText(
    'Container to evacuate: choose a container',
  );
  expect(paddock.pageErrors()).toEqual([]);
});
