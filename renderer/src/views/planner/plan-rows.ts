// The ordered migration plan as the table shows it (and the exports write it): one row per
// step, with what kind of step it is, and the moves the sequencer could not order with the
// policy's reasons, asked of the policy in the state the plan leaves.
import type { Site } from '../../../../core/model/types';
import { applyScenario, checkPlan, type Plan, type PlanRequest } from '../../../../core/planner';
import { mayRun } from '../../../../core/policy';
import { scenarioOf } from './plan-application';

export type StepKind = 'place' | 'move' | 'aside' | 'onward';

export interface StepRow {
  /** 1-based position in the plan. */
  step: number;
  vm: string;
  from: string | null;
  to: string;
  memoryMiB: number;
  kind: StepKind;
}

export const STEP_LABEL: Readonly<Record<StepKind, string>> = {
  place: 'place',
  move: 'live-migrate',
  aside: 'temporary hop',
  onward: 'from temporary host',
};

export function stepRows(plan: Pick<Plan, 'steps'>): StepRow[] {
  const aside = new Set<string>();
  return plan.steps.map((s, i) => {
    const kind: StepKind = s.temporary
      ? 'aside'
      : aside.has(s.vm)
        ? 'onward'
        : s.from === null
          ? 'place'
          : 'move';
    if (s.temporary) aside.add(s.vm);
    else aside.delete(s.vm);
    return { step: i + 1, vm: s.vm, from: s.from, to: s.to, memoryMiB: s.memoryMiB, kind };
  });
}

export interface BlockedRow {
  vm: string;
  from: string | null;
  to: string;
  /** The policy's sentences, asked once the plan's steps have run. */
  reasons: string[];
}

/** The site the plan's steps start from: the what-if scenario applied, or the site itself. */
function planSite(site: Site, request: PlanRequest, plan: Pick<Plan, 'whatIf'>): Site {
  const ops = scenarioOf(request, plan);
  return ops.length ? applyScenario(site, ops).site : site;
}

export function blockedRows(
  site: Site,
  request: PlanRequest,
  plan: Pick<Plan, 'steps' | 'blocked' | 'whatIf'>,
): BlockedRow[] {
  if (plan.blocked.length === 0) return [];
  const { ctx } = checkPlan(planSite(site, request, plan), plan.steps, { maxProblems: 0 });
  return plan.blocked.map((b) => {
    const vm = ctx.vm(b.vm);
    const reasons = vm
      ? mayRun(ctx, vm, b.to).violations.map((v) => v.message)
      : [`the site has no vm named ${b.vm}`];
    return {
      ...b,
      reasons: reasons.length
        ? reasons
        : [
            "no order found in which every intermediate state is valid (each move waits for another one's room)",
          ],
    };
  });
}
