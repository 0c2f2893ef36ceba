// The site a plan leads to, rebuilt by main from the open site rather than taken from the
// renderer: the what-if changes first (with the extra containers the plan needed), then the
// steps replayed in order through the placement policy (core/planner's independent checker).
// A step the policy refuses stops everything with the checker's sentence.
import type { RequestPayload } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { Name, Site } from '../../../core/model/types';
import { applyScenario, checkPlan, PlanRequestError } from '../../../core/planner';
import type { PlanStep, ScenarioOp } from '../../../core/planner';

export type PlanApplication = RequestPayload<'planner.preview'>;

export interface TargetSite {
  /** The site after the scenario (or the open site itself when there is none). */
  start: Site;
  /** The site after the steps. */
  end: Site;
  /** What changes, one line each: the scenario's lines, then every VM that moves. */
  changes: string[];
}

/** The scenario as the planner ran it: containers it had to add come first (see whatif.ts). */
export function scenarioOps(app: PlanApplication): ScenarioOp[] {
  const ops: ScenarioOp[] = [...(app.scenario ?? [])];
  if (app.extraContainers) {
    ops.unshift({ kind: 'add-containers', count: app.extraContainers.count, like: app.extraContainers.type });
  }
  return ops;
}

function withScenario(site: Site, app: PlanApplication): { start: Site; lines: string[] } {
  const ops = scenarioOps(app);
  if (app.kind !== 'whatif') {
    if (ops.length > 0) {
      throw new PaddockError(
        'invalid-request',
        `A ${app.kind} plan has no what-if changes: scenario and extraContainers belong to what-if plans`,
      );
    }
    return { start: site, lines: [] };
  }
  if (ops.length === 0) {
    throw new PaddockError(
      'invalid-request',
      'A what-if plan needs its scenario (the changes it was run on)',
    );
  }
  try {
    const r = applyScenario(site, ops);
    return { start: r.site, lines: r.described };
  } catch (e) {
    if (e instanceof PlanRequestError) throw new PaddockError('plan-invalid', `The scenario: ${e.message}`);
    throw e;
  }
}

export function targetSite(site: Site, app: PlanApplication): TargetSite {
  const { start, lines } = withScenario(site, app);
  const memory = new Map(start.vms.map((v) => [v.name, v.memoryMiB]));
  // The memory a step moves is the VM's own: the renderer's number is not needed or trusted.
  const steps: PlanStep[] = app.steps.map((s) => ({
    vm: s.vm,
    from: s.from,
    to: s.to,
    temporary: s.temporary === true,
    memoryMiB: memory.get(s.vm) ?? 0,
  }));
  const replay = checkPlan(start, steps, { maxProblems: 5 });
  if (!replay.ok) {
    const first = replay.problems[0];
    const more = replay.problems.length > 1 ? ` (and ${replay.problems.length - 1} more problem(s))` : '';
    throw new PaddockError(
      'plan-invalid',
      `The plan does not replay on the open site: ${first?.message ?? 'unknown problem'}${more}. Run the plan again on the site as it is now`,
    );
  }
  const end: Site = {
    ...start,
    vms: start.vms.map((v) => {
      const at: Name | null = replay.ctx.placementOf(v.name);
      return at === v.container ? v : { ...v, container: at };
    }),
  };
  const moved = end.vms.flatMap((v, i) => {
    const before = start.vms[i]?.container ?? null;
    if (v.container === before) return [];
    if (before === null) return [`place ${v.name} on ${v.container ?? 'no container'}`];
    return [`move ${v.name} from ${before} to ${v.container ?? 'no container'}`];
  });
  return { start, end, changes: [...lines, ...moved] };
}
