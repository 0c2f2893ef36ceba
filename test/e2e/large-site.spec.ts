// The topology on a generated site of 2,000 VMs on 200 containers: the tree is virtualised
// (a few hundred tree items in the DOM, not thousands), yet every node stays reachable by
// keyboard and by search. Timing lives in the render benchmark, not here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSite } from '../fixtures/generate-site';
import { serialiseSite } from '../../core/site/serialise';
import { plural } from './example-facts';
import { expect, test } from './fixtures';

const site = generateSite({ vms: 2000, containers: 200, clusters: 5, seed: 7 });
const file = path.join(mkdtempSync(path.join(tmpdir(), 'paddock-e2e-large-')), 'large-site.yaml');
writeFileSync(file, serialiseSite(site, ' generated for large-site.spec.ts'));

test.use({ siteFile: file });

/** The tree's last node: the last unplaced VM of the last domain, else its last container's last VM. */
function expectedLastKey(): string {
  const domain = site.domains[site.domains.length - 1]?.name;
  const unplaced = site.vms.filter((v) => v.domain === domain && v.container === null);
  const lastUnplaced = unplaced[unplaced.length - 1];
  if (lastUnplaced) return `v:${lastUnplaced.name}`;
  const containers = site.containers.filter((c) => c.domain === domain);
  const container = containers[containers.length - 1];
  const onIt = site.vms.filter((v) => v.container === container?.name);
  const last = onIt[onIt.length - 1];
  return last ? `v:${last.name}` : `c:${container?.name ?? ''}`;
}

test('2,000 VMs on 200 containers: virtualised, yet every node reachable', async ({ page, paddock }) => {
  await paddock.open(page);
  const tree = page.getByRole('tree', { name: /Topology/ });
  await expect(tree).toBeVisible();
  await expect(page.getByTestId('count-vms')).toContainText(plural(site.vms.length, 'VM'));
  await expect(page.getByTestId('count-containers')).toHaveText(plural(site.containers.length, 'container'));
  await expect(page.getByTestId('count-diagnostics')).toHaveText('valid');

  const inDom = await tree.getByRole('treeitem').count();
  expect(inDom).toBeGreaterThan(10);
  expect(inDom).toBeLessThan(site.vms.length / 4);
  await paddock.screenshot(page, 'large-site');

  // End reaches the very last node, scrolled into view.
  await tree.getByRole('treeitem').first().focus();
  await page.keyboard.press('End');
  const lastKey = expectedLastKey();
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? ''))
    .toBe(lastKey);
  await expect(page.locator(`[data-key="${lastKey}"]`)).toBeInViewport();

  // A VM deep in the list is found by search and selected.
  const deep = site.vms.filter((v) => v.container)[Math.floor(site.vms.length * 0.9)];
  if (!deep?.container) throw new Error('generator gave no placed VM');
  await page.keyboard.press('/');
  await page.keyboard.type(`name:${deep.name}`);
  await expect(page.getByTestId('search-status')).toContainText('1 VM');
  await tree.getByRole('treeitem', { name: new RegExp(`^VM ${deep.name},`) }).click();
  await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText(deep.name);
  await expect(page.getByTestId('details').getByTestId('policy-verdict')).toContainText(
    `May run on ${deep.container}`,
  );
  expect(paddock.pageErrors()).toEqual([]);
});
