// The planner view's actions and store against the REAL main handlers (createAppHandlers on a
// copy of the example site, joined by the real contract through buildApi) and core/planner's
// worker protocol in-process: a bad form leaves the store with its problems and runs nothing;
// a run fills the result; preview, write and open go through main and land in the store and
// on disk; failures become messages.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_APPLIED_STEPS, type PaddockApi, type SiteSnapshot } from '../../../core/ipc/contract';
import {
  plannerWorkerHandler,
  type PlannerReplyMessage,
  type PlannerRequestMessage,
} from '../../../core/planner';
import { loadSite } from '../../../core/site';
import type { AppHandlers } from '../../../electron/handlers/app-handlers';
import { PlanRunner, type PlanWorker } from '../../../renderer/src/views/planner/plan-runner';
import {
  applyBlocker,
  applyVersion,
  cancelPlan,
  openVersion,
  previewVersion,
  runPlan,
} from '../../../renderer/src/views/planner/planner-actions';
import { usePlannerStore } from '../../../renderer/src/views/planner/planner-store';
import { openExampleSite, type ExampleSiteHandlers } from '../electron/example-site-handlers';
import { handlersApi } from './handlers-api';

const initial = usePlannerStore.getState();

class InProcessWorker implements PlanWorker {
  onmessage: ((e: { data: PlannerReplyMessage }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  private readonly handle = plannerWorkerHandler((m) => setTimeout(() => this.onmessage?.({ data: m }), 0));
  postMessage(m: PlannerRequestMessage): void {
    setTimeout(() => this.handle(structuredClone(m)), 0);
  }
  terminate(): void {}
}

let example: ExampleSiteHandlers;
let handlers: AppHandlers;
let api: PaddockApi;
let snapshot: SiteSnapshot;
let runner: PlanRunner;

beforeEach(async () => {
  usePlannerStore.setState(initial, true);
  example = await openExampleSite('paddock-planner-actions-');
  ({ handlers, snapshot } = example);
  api = handlersApi(handlers);
  runner = new PlanRunner(() => new InProcessWorker());
});
afterEach(async () => {
  runner.dispose();
  await example.dispose();
});

const finished = () =>
  expect.poll(() => usePlannerStore.getState().status, { timeout: 20_000 }).toMatch(/^(done|failed)$/);

describe('running a plan', () => {
  it('a bad form runs nothing and keeps its problems; editing a field clears its problem', () => {
    const s = usePlannerStore.getState();
    s.setForm({ kind: 'evacuate', timeSeconds: 'x' });
    const r = runPlan(runner, snapshot);
    expect(r.ran).toBe(false);
    expect(runner.running).toBe(false);
    expect(usePlannerStore.getState().errors.map((e) => e.field)).toEqual([
      'planner-time',
      'planner-container',
    ]);
    usePlannerStore.getState().setForm({ timeSeconds: '3' });
    expect(usePlannerStore.getState().errors.map((e) => e.field)).toEqual(['planner-container']);
    usePlannerStore.getState().setForm({ kind: 'place' });
    expect(usePlannerStore.getState().errors).toEqual([]);
    expect(runPlan(runner, { ...snapshot, site: null })).toEqual({
      ran: false,
      errors: [{ field: 'planner-site', message: 'Site: open a site file that loads to plan on it' }],
    });
  });

  it('a valid form runs in the worker; the result keeps what it was computed on', async () => {
    usePlannerStore.getState().setForm({ kind: 'evacuate', container: 'mgmt-x1' });
    expect(runPlan(runner, snapshot)).toEqual({ ran: true });
    expect(usePlannerStore.getState().status).toBe('running');
    await finished();
    const s = usePlannerStore.getState();
    expect(s.status).toBe('done');
    expect(s.result?.request).toEqual({ kind: 'evacuate', container: 'mgmt-x1' });
    expect(s.result?.sitePath).toBe(snapshot.path);
    expect(s.result?.plan.steps.length).toBeGreaterThan(0);
    expect(s.result?.wallMs).toBeGreaterThanOrEqual(0);
    expect(applyBlocker(snapshot)).toBeNull();
    expect(applyBlocker({ ...snapshot, path: '/elsewhere.yaml', fileName: 'elsewhere.yaml' })).toMatch(
      /made on example-site\.yaml; elsewhere\.yaml is open now/,
    );
  });

  it('cancel keeps the best plan so far', async () => {
    const s = usePlannerStore.getState();
    s.setForm({ kind: 'whatif', timeSeconds: '60' });
    const id = s.addOp('add-vms');
    usePlannerStore
      .getState()
      .updateOp(id, { count: '3000', sizeFrom: 'size', domain: 'edu', vcpus: '1', memoryGiB: '0.5' });
    expect(runPlan(runner, snapshot)).toEqual({ ran: true });
    await expect.poll(() => usePlannerStore.getState().progress, { timeout: 10_000 }).not.toBeNull();
    cancelPlan(runner);
    expect(usePlannerStore.getState().status).toBe('cancelling');
    await finished();
    expect(usePlannerStore.getState().result?.plan.stop).toBe('cancelled');
  }, 30_000);
});

describe('applying a plan to a new version of the site file', () => {
  it('preview shows the diff, write makes the new file, open makes it the open site', async () => {
    usePlannerStore.getState().setForm({ kind: 'evacuate', container: 'mgmt-x1' });
    runPlan(runner, snapshot);
    await finished();
    await previewVersion(api);
    const preview = usePlannerStore.getState().preview;
    expect(usePlannerStore.getState().applyError).toBeNull();
    expect(preview?.diff).toContain('+    container: mgmt-k1');
    await applyVersion(api);
    const written = usePlannerStore.getState().written;
    expect(written?.fileName).toBe(preview?.fileName);
    const text = await readFile(written?.path ?? '', 'utf8');
    expect(loadSite(text, 'v').site?.vms.filter((v) => v.container === 'mgmt-x1')).toEqual([]);
    await openVersion(api);
    expect(handlers.site?.path).toBe(written?.path);
    expect(usePlannerStore.getState().busy).toBeNull();
  });

  it("main's refusal becomes the view's message", async () => {
    usePlannerStore.getState().setForm({ kind: 'evacuate', container: 'mgmt-x1' });
    runPlan(runner, snapshot);
    await finished();
    // The site changes under the plan: main replays the steps on the site it has and refuses.
    const r = usePlannerStore.getState().result;
    if (!r) throw new Error('no result');
    usePlannerStore.setState({
      result: { ...r, plan: { ...r.plan, steps: r.plan.steps.map((s) => ({ ...s, to: 'ext-x1' })) } },
    });
    await previewVersion(api);
    expect(usePlannerStore.getState().preview).toBeNull();
    expect(usePlannerStore.getState().applyError).toMatch(/does not replay on the open site: step 1: /);
  });

  it("how many steps can be applied is main's limit (MAX_APPLIED_STEPS), shown as its refusal", async () => {
    usePlannerStore.getState().setForm({ kind: 'evacuate', container: 'mgmt-x1' });
    runPlan(runner, snapshot);
    await finished();
    const r = usePlannerStore.getState().result;
    const first = r?.plan.steps[0];
    if (!r || !first) throw new Error('no step');
    const withSteps = (n: number) =>
      usePlannerStore.setState({ result: { ...r, plan: { ...r.plan, steps: Array(n).fill(first) } } });
    withSteps(1001);
    expect(applyBlocker(snapshot)).toBeNull();
    withSteps(MAX_APPLIED_STEPS + 1);
    expect(applyBlocker(snapshot)).toBeNull();
    await previewVersion(api);
    expect(usePlannerStore.getState().preview).toBeNull();
    expect(usePlannerStore.getState().applyError).toMatch(/at most 20,000 steps can be applied at once/);
  });
});
