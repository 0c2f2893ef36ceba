// The independent plan checker: replays a plan's steps one by one on a fresh placement
// context built from the site, asking the placement policy (mayRun) before every step, so a
// plan is judged by the same rules as a drag-and-drop or a live migration, in order, with
// every intermediate state. It shares nothing with the solver but the site and the policy.
import type { Name, Site } from '../model/types';
import { PlacementContext, mayRun } from '../policy';
import type { PlanCheck, PlanProblem, PlanStep } from './plan';

export interface PlanCheckOptions {
  /** Containers that must end with no VM on them (evacuation, failure). */
  mustEmpty?: readonly Name[];
  /** VMs that must be placed at the end. */
  mustPlace?: readonly Name[];
  /** Stop listing after this many problems. */
  maxProblems?: number;
}

export interface PlanReplay extends PlanCheck {
  /** The placement after the steps that could be replayed. */
  ctx: PlacementContext;
}

export function checkPlan(site: Site, steps: readonly PlanStep[], opts: PlanCheckOptions = {}): PlanReplay {
  const ctx = PlacementContext.fromSite(site);
  const problems: PlanProblem[] = [];
  const max = opts.maxProblems ?? 100;
  const add = (p: PlanProblem): void => {
    if (problems.length < max) problems.push(p);
  };
  const lastStep = new Map<Name, PlanStep>();
  steps.forEach((st, i) => {
    const vm = ctx.vm(st.vm);
    if (!vm)
      return add({ step: i, vm: st.vm, message: `step ${i + 1}: the site has no vm named "${st.vm}"` });
    if (!ctx.container(st.to)) {
      return add({
        step: i,
        vm: st.vm,
        message: `step ${i + 1}: the site has no container named "${st.to}"`,
      });
    }
    const at = ctx.placementOf(st.vm);
    if (at !== st.from) {
      add({
        step: i,
        vm: st.vm,
        message: `step ${i + 1}: vm ${st.vm} is on ${at ?? 'no container'} at this point, not on ${st.from ?? 'no container'} as the step says`,
      });
    }
    if (at === st.to)
      add({ step: i, vm: st.vm, message: `step ${i + 1}: vm ${st.vm} is already on ${st.to}` });
    if (st.memoryMiB !== vm.memoryMiB) {
      add({
        step: i,
        vm: st.vm,
        message: `step ${i + 1}: moves ${st.memoryMiB} MiB, but vm ${st.vm} has ${vm.memoryMiB} MiB`,
      });
    }
    const verdict = mayRun(ctx, vm, st.to);
    for (const v of verdict.violations) add({ step: i, vm: st.vm, message: `step ${i + 1}: ${v.message}` });
    ctx.move(st.vm, st.to);
    lastStep.set(st.vm, st);
  });
  for (const [vm, st] of lastStep) {
    if (st.temporary) add({ step: null, vm, message: `vm ${vm} is left on ${st.to}, a temporary host` });
  }
  for (const c of opts.mustEmpty ?? []) {
    const left = ctx.vmsOn(c);
    if (left.length) add({ step: null, message: `container ${c} still hosts ${left.join(', ')} at the end` });
  }
  for (const vm of opts.mustPlace ?? []) {
    if (ctx.placementOf(vm) === null) add({ step: null, vm, message: `vm ${vm} is not placed at the end` });
  }
  return { ok: problems.length === 0, problems, ctx };
}
