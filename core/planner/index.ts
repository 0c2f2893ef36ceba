// The offline capacity planner: pure (no Node, no DOM), so the app runs it in a Web Worker and
// the CLI in Node. Every plan obeys the one placement policy (core/policy) and is replayed
// through it before it is returned (plan.check).
//
//   planAsync(site, request, { timeLimitMs, signal, onProgress, seed })  -> Promise<Plan>
//     anytime: yields to the event loop every ~25 ms, so progress events and an AbortSignal
//     get through; on timeout or cancel it returns the best plan found so far.
//   planSync(site, request, options)                                     -> Plan (CLI, tests)
//   applyScenario(site, ops)         what-if changes on a copy of a site
//   checkPlan(site, steps, options)  independent replay of a plan through the policy
//
// The engine underneath works on an abstract packing model (problem.ts) and is also what the
// public benchmarks measure (bench/planner).
import type { Name, Site } from '../model/types';
import { runAsync, runSync, type Steps } from './budget';
import { evacuateSteps } from './evacuate';
import { placeSteps } from './place';
import type { Plan } from './plan';
import type { PlanOptions } from './plan-options';
import { rebalanceSteps } from './rebalance';
import type { ScenarioOp } from './scenario';
import { whatIfSteps } from './whatif';

export type PlanRequest =
  | { kind: 'place'; objective?: PlanOptions['objective'] }
  | { kind: 'rebalance'; objective?: PlanOptions['objective']; budgetMiB?: number }
  | { kind: 'evacuate'; container: Name }
  | { kind: 'whatif'; ops: ScenarioOp[]; containerType?: Name; objective?: PlanOptions['objective'] };

export function planSteps(site: Site, req: PlanRequest, opts: PlanOptions = {}): Steps<Plan> {
  switch (req.kind) {
    case 'place':
      return placeSteps(site, { ...opts, ...(req.objective ? { objective: req.objective } : {}) });
    case 'rebalance':
      return rebalanceSteps(site, {
        ...opts,
        ...(req.objective ? { objective: req.objective } : {}),
        ...(req.budgetMiB === undefined ? {} : { budgetMiB: req.budgetMiB }),
      });
    case 'evacuate':
      return evacuateSteps(site, req.container, opts);
    case 'whatif':
      return whatIfSteps(site, req.ops, {
        ...opts,
        ...(req.objective ? { objective: req.objective } : {}),
        ...(req.containerType === undefined ? {} : { containerType: req.containerType }),
      });
  }
}

export const planSync = (site: Site, req: PlanRequest, opts: PlanOptions = {}): Plan =>
  runSync(planSteps(site, req, opts));
export const planAsync = (site: Site, req: PlanRequest, opts: PlanOptions = {}): Promise<Plan> =>
  runAsync(planSteps(site, req, opts));

export type {
  Plan,
  PlanStep,
  ContainerUse,
  Unplaceable,
  PlanCheck,
  PlanProblem,
  PlanKind,
  WhatIfAnswer,
} from './plan';
export type { PlanOptions } from './plan-options';
export { PlanRequestError } from './plan-options';
export type { AbortLike, Progress, AnytimeOptions, StopReason } from './budget';
export type { Objective } from './pack-result';
export type { ScenarioOp, ScenarioResult } from './scenario';
export { applyScenario } from './scenario';
export { checkPlan } from './plan-check';
export { placeSteps } from './place';
export { rebalanceSteps } from './rebalance';
export { evacuateSteps } from './evacuate';
export { whatIfSteps } from './whatif';
export { plannerWorkerHandler } from './worker-protocol';
export type { PlannerRequestMessage, PlannerReplyMessage } from './worker-protocol';
