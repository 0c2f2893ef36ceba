// The planner view's actions: run the form's request in the worker (or show what is wrong with
// the form), cancel, and turn the result into a new version of the site file through main
// (preview with its diff, write, open).
import type { PaddockApi, SiteSnapshot } from '../../../../core/ipc/contract';
import { errorMessage } from '../../api';
import { previewPayload } from './plan-application';
import type { PlanRunner } from './plan-runner';
import { parseForm, type FieldError } from './planner-form';
import { usePlannerStore } from './planner-store';

export type RunAttempt = { ran: true } | { ran: false; errors: FieldError[] };

/** Validate the form and start the plan; the form's problems come back (and into the store). */
export function runPlan(
  runner: PlanRunner,
  snapshot: SiteSnapshot | null,
  now: () => number = Date.now,
): RunAttempt {
  const s = usePlannerStore.getState();
  const site = snapshot?.site;
  if (!snapshot || !site) {
    const errors = [{ field: 'planner-site', message: 'Site: open a site file that loads to plan on it' }];
    s.setErrors(errors);
    return { ran: false, errors };
  }
  const parsed = parseForm(s.form, site);
  if (!parsed.ok) {
    s.setErrors(parsed.errors);
    return { ran: false, errors: parsed.errors };
  }
  const { request, timeLimitMs, seed } = parsed;
  const startedAt = now();
  s.started(request, timeLimitMs, startedAt);
  runner.start(
    site,
    request,
    { timeLimitMs, seed },
    {
      progress: (p) => usePlannerStore.getState().progressed(p),
      done: (plan) =>
        usePlannerStore.getState().finished({
          plan,
          request,
          site,
          siteFile: snapshot.fileName,
          sitePath: snapshot.path,
          timeLimitMs,
          seed,
          wallMs: now() - startedAt,
        }),
      failed: (message) => usePlannerStore.getState().failed(message),
    },
  );
  return { ran: true };
}

export function cancelPlan(runner: PlanRunner): void {
  if (!runner.running) return;
  usePlannerStore.getState().cancelling();
  runner.cancel();
}

/** Why the result cannot be applied to the open site, or null when it can. How many steps main
 * takes is the contract's to say (MAX_APPLIED_STEPS): a longer plan is refused by planner.preview
 * and that refusal is shown, so no copy of the limit here can fall behind it. */
export function applyBlocker(snapshot: SiteSnapshot | null): string | null {
  const r = usePlannerStore.getState().result;
  if (!r) return 'Run a plan first';
  if (!snapshot || snapshot.path !== r.sitePath) {
    return `This plan was made on ${r.siteFile}; ${snapshot ? snapshot.fileName : 'no site'} is open now: run it again to apply it`;
  }
  if (r.plan.steps.length === 0 && r.request.kind !== 'whatif')
    return 'The plan has no step: nothing to write';
  return null;
}

/** One request to main with the view busy meanwhile; its refusal becomes the view's message. */
async function asBusy(busy: 'preview' | 'apply' | 'open', work: () => Promise<void>): Promise<void> {
  usePlannerStore.getState().setBusy(busy);
  try {
    await work();
  } catch (e) {
    usePlannerStore.getState().applyFailed(errorMessage(e));
  }
}

export async function previewVersion(api: PaddockApi): Promise<void> {
  const r = usePlannerStore.getState().result;
  if (!r) return;
  await asBusy('preview', async () =>
    usePlannerStore.getState().previewed(await api.planner.preview(previewPayload(r.request, r.plan))),
  );
}

export async function applyVersion(api: PaddockApi): Promise<void> {
  const p = usePlannerStore.getState().preview;
  if (!p) return;
  await asBusy('apply', async () =>
    usePlannerStore.getState().wrote(await api.planner.apply({ previewId: p.previewId })),
  );
}

/** Open the version just written; main then tells every view about the new site. */
export async function openVersion(api: PaddockApi): Promise<void> {
  const w = usePlannerStore.getState().written;
  if (!w) return;
  await asBusy('open', async () => {
    await api.planner.openVersion({ path: w.path });
    usePlannerStore.getState().setBusy(null);
  });
}
