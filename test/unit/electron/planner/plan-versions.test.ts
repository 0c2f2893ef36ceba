// New versions of the site file through the real handlers (createAppHandlers), requests sent
// through `dispatch` as a transport sends them: main replays the renderer's plan through the
// policy itself, shows a diff, writes a NEW file beside the open one (never overwriting, only
// while the open file is unchanged), and opens only versions it wrote.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { RequestPayload, scenarioOpSchema } from '../../../../core/ipc/contract';
import type { Site } from '../../../../core/model/types';
import { planSync, type Plan, type PlanRequest, type ScenarioOp } from '../../../../core/planner';
import { loadSite } from '../../../../core/site';
import type { AppHandlers } from '../../../../electron/handlers/app-handlers';
import { PlanVersionService } from '../../../../electron/handlers/planner/plan-version-service';
import { versionFileName } from '../../../../electron/handlers/planner/version-name';
import { openExampleSite, type ExampleSiteHandlers } from '../example-site-handlers';
import { wireClient } from '../wire-client';

let example: ExampleSiteHandlers;
let dir = '';
let siteFile = '';
let handlers: AppHandlers;
let site: Site;

beforeEach(async () => {
  example = await openExampleSite('paddock-plan-versions-');
  ({ dir, siteFile, handlers } = example);
  if (!example.snapshot.site) throw new Error('the example site did not load');
  site = example.snapshot.site;
});
afterEach(() => example.dispose());

const { ok, fail } = wireClient((name, payload) => handlers.dispatch(name, payload));

/** What the renderer sends for a plan: its kind, scenario and steps. */
function application(req: PlanRequest, plan: Plan): RequestPayload<'planner.preview'> {
  const extra = plan.whatIf?.extraContainers;
  return {
    kind: req.kind,
    ...(req.kind === 'whatif' ? { scenario: req.ops } : {}),
    ...(extra?.count ? { extraContainers: { type: extra.type, count: extra.count } } : {}),
    steps: plan.steps.map((s) => ({
      vm: s.vm,
      from: s.from,
      to: s.to,
      ...(s.temporary ? { temporary: true } : {}),
    })),
  };
}

const versionsIn = async (): Promise<string[]> =>
  (await readdir(dir)).filter((f) => f.includes('.plan-')).sort();

describe('planner.preview and planner.apply', () => {
  it('writes an evacuation as a new file with exactly the planned moves; the open file is untouched', async () => {
    const req: PlanRequest = { kind: 'evacuate', container: 'mgmt-x1' };
    const plan = planSync(site, req, { seed: 1 });
    expect(plan.steps.length).toBeGreaterThan(0);
    const original = await readFile(siteFile, 'utf8');

    const preview = await ok('planner.preview', application(req, plan));
    expect(preview.baseFileName).toBe('example-site.yaml');
    expect(preview.fileName).toMatch(/^example-site\.plan-\d{4}-\d{2}-\d{2}T\d{4}\.yaml$/);
    for (const s of plan.steps) {
      expect(preview.changes).toContain(`move ${s.vm} from ${s.from ?? ''} to ${s.to}`);
      expect(preview.diff).toContain(`+    container: ${s.to}`);
    }
    expect(await versionsIn()).toEqual([]);

    const written = await ok('planner.apply', { previewId: preview.previewId });
    expect(path.dirname(written.path)).toBe(dir);
    expect(await readFile(siteFile, 'utf8')).toBe(original);
    const loaded = loadSite(await readFile(written.path, 'utf8'), written.fileName);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const where = new Map(loaded.site?.vms.map((v) => [v.name, v.container]));
    for (const s of plan.steps) expect(where.get(s.vm)).toBe(s.to);
    // Nothing else moved.
    const moved = new Set(plan.steps.map((s) => s.vm));
    for (const v of site.vms) if (!moved.has(v.name)) expect(where.get(v.name)).toBe(v.container);
    expect(loaded.site?.vms.filter((v) => v.container === 'mgmt-x1')).toEqual([]);
    // A preview is used once.
    expect((await fail('planner.apply', { previewId: preview.previewId })).code).toBe('not-found');
  });

  it('writes a what-if with the extra containers it needed; the version loads with the new clusters placed', async () => {
    const ops: ScenarioOp[] = [{ kind: 'add-clusters', count: 2, like: 'lab1' }];
    const req: PlanRequest = { kind: 'whatif', ops, containerType: 'edu-c01' };
    const plan = planSync(site, req, { seed: 1 });
    const extra = plan.whatIf?.extraContainers?.count ?? 0;
    expect(extra).toBeGreaterThan(0);
    const preview = await ok('planner.preview', application(req, plan));
    expect(preview.changes.some((c) => c.startsWith(`add ${extra} container(s) like edu-c01`))).toBe(true);
    const written = await ok('planner.apply', { previewId: preview.previewId });
    const text = await readFile(written.path, 'utf8');
    expect(text).toContain('What-if scenario');
    const v = loadSite(text, written.fileName).site;
    expect(v?.clusters.map((k) => k.name)).toEqual([...site.clusters.map((k) => k.name), 'lab6', 'lab7']);
    expect(v?.containers.length).toBe(site.containers.length + extra);
    for (const s of plan.steps) expect(v?.vms.find((x) => x.name === s.vm)?.container).toBe(s.to);
  });

  it('replays the steps itself and refuses one the policy forbids, naming the step and the rule', async () => {
    const e = await fail('planner.preview', {
      kind: 'rebalance',
      steps: [{ vm: 'ldap1', from: 'mgmt-x1', to: 'ext-x1' }],
    });
    expect(e.code).toBe('plan-invalid');
    expect(e.message).toMatch(/step 1: .*ldap1.*domain/i);
    const wrongFrom = await fail('planner.preview', {
      kind: 'rebalance',
      steps: [{ vm: 'ldap1', from: 'mgmt-x2', to: 'mgmt-k1' }],
    });
    expect(wrongFrom.message).toMatch(/step 1: vm ldap1 is on mgmt-x1 at this point, not on mgmt-x2/);
    expect(await versionsIn()).toEqual([]);
  });

  it('checks the payload: a bad name, a scenario on a non-what-if plan, an empty plan', async () => {
    const bad = await fail('planner.preview', {
      kind: 'evacuate',
      steps: [{ vm: 'a b', from: null, to: 'x' }],
    });
    expect(bad).toMatchObject({ code: 'invalid-request' });
    expect(bad.message).toMatch(/steps\.0\.vm/);
    const mixed = await fail('planner.preview', {
      kind: 'place',
      scenario: [{ kind: 'fail-container', container: 'mgmt-x1' }],
      steps: [],
    });
    expect(mixed.message).toMatch(/belong to what-if plans/);
    expect((await fail('planner.preview', { kind: 'place', steps: [] })).code).toBe('nothing-to-apply');
    // The limit on the number of steps: large-plan.test.ts.
  });

  it('never overwrites: a taken name gets the next free one', async () => {
    const req: PlanRequest = { kind: 'evacuate', container: 'mgmt-x1' };
    const plan = planSync(site, req, { seed: 1 });
    const first = await ok('planner.preview', application(req, plan));
    // Someone writes a file of that very name before apply.
    const squatter = path.join(dir, first.fileName);
    await writeFile(squatter, 'not mine\n');
    const written = await ok('planner.apply', { previewId: first.previewId });
    expect(written.fileName).not.toBe(first.fileName);
    expect(await readFile(squatter, 'utf8')).toBe('not mine\n');
    expect(written.fileName).toMatch(/-2\.yaml$/);
  });

  it('writes the name the preview showed, even when the minute changes before Write', async () => {
    const req: PlanRequest = { kind: 'evacuate', container: 'mgmt-x1' };
    let clock = new Date(2026, 10, 26, 12, 29, 50).getTime();
    const versions = new PlanVersionService({
      snapshot: () => example.snapshot,
      openSite: () => Promise.reject(new Error('not used')),
      now: () => clock,
    });
    const preview = await versions.preview(application(req, planSync(site, req, { seed: 1 })));
    expect(preview.fileName).toMatch(/T1229\.yaml$/);
    clock += 75_000;
    const written = await versions.apply(preview.previewId);
    expect(written.fileName).toBe(preview.fileName);
  });

  it('refuses to write when the open file changed on disk since the preview', async () => {
    const req: PlanRequest = { kind: 'evacuate', container: 'mgmt-x1' };
    const preview = await ok('planner.preview', application(req, planSync(site, req, { seed: 1 })));
    await writeFile(siteFile, `${await readFile(siteFile, 'utf8')}# edited by hand\n`);
    const e = await fail('planner.apply', { previewId: preview.previewId });
    expect(e.code).toBe('site-changed');
    expect(e.message).toContain('example-site.yaml changed on disk');
    expect(await versionsIn()).toEqual([]);
  });
});

describe('planner.openVersion', () => {
  it('opens a version it wrote (the site follows), and nothing else', async () => {
    const req: PlanRequest = { kind: 'evacuate', container: 'mgmt-x1' };
    const preview = await ok('planner.preview', application(req, planSync(site, req, { seed: 1 })));
    const written = await ok('planner.apply', { previewId: preview.previewId });
    const snap = await ok('planner.openVersion', { path: written.path });
    expect(snap.path).toBe(written.path);
    expect(handlers.site?.path).toBe(written.path);
    expect(snap.site?.vms.filter((v) => v.container === 'mgmt-x1')).toEqual([]);
    const e = await fail('planner.openVersion', { path: siteFile.replace('.yaml', '.other.yaml') });
    expect(e.code).toBe('not-offered');
  });
});

describe('contract', () => {
  it("what-if changes in the contract are core/planner's ScenarioOp", () => {
    expectTypeOf<z.output<typeof scenarioOpSchema>>().toExtend<ScenarioOp>();
  });

  it('names versions beside the base, without chains of dates', () => {
    const when = new Date(2026, 10, 26, 8, 30);
    expect(versionFileName('example-site.yaml', when)).toBe('example-site.plan-2026-11-26T0830.yaml');
    expect(versionFileName('example-site.plan-2026-11-20T1200-3.yaml', when, 2)).toBe(
      'example-site.plan-2026-11-26T0830-2.yaml',
    );
    expect(versionFileName('site', when)).toBe('site.plan-2026-11-26T0830.yaml');
  });
});
