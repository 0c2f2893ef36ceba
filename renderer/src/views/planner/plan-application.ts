// What the renderer sends main to turn a plan into a new version of the site file: the plan's
// kind, the what-if scenario as the planner ran it (with the containers it had to add), and the
// ordered steps. Main rebuilds the site from these and replays them through the policy itself.
import type { RequestPayload } from '../../../../core/ipc/contract';
import type { Plan, PlanRequest, ScenarioOp } from '../../../../core/planner';

/** The scenario the plan's steps were computed on (extra containers first, as the planner does). */
export function scenarioOf(request: PlanRequest, plan: Pick<Plan, 'whatIf'>): ScenarioOp[] {
  if (request.kind !== 'whatif') return [];
  const extra = plan.whatIf?.extraContainers;
  return extra?.count
    ? [{ kind: 'add-containers', count: extra.count, like: extra.type }, ...request.ops]
    : [...request.ops];
}

export function previewPayload(
  request: PlanRequest,
  plan: Pick<Plan, 'whatIf' | 'steps'>,
): RequestPayload<'planner.preview'> {
  const extra = plan.whatIf?.extraContainers;
  return {
    kind: request.kind,
    ...(request.kind === 'whatif' ? { scenario: request.ops } : {}),
    ...(request.kind === 'whatif' && extra?.count
      ? { extraContainers: { type: extra.type, count: extra.count } }
      : {}),
    steps: plan.steps.map((s) => ({
      vm: s.vm,
      from: s.from,
      to: s.to,
      ...(s.temporary ? { temporary: true } : {}),
    })),
  };
}
