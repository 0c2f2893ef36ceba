// What-if: apply a scenario to a copy of the site, place what is unplaced (running VMs stay
// put), and answer "does it fit?". Given a container type, also answer "how many more
// containers like it are needed?": double the count until it fits, then halve back to the
// fewest that fit (each try is a full placement, checked by the policy).
import type { Name, Site } from '../model/types';
import { Budget, type Steps } from './budget';
import { placeSteps } from './place';
import type { Plan, Unplaceable, WhatIfAnswer } from './plan';
import { PlanRequestError, type PlanOptions } from './plan-options';
import { applyScenario, type ScenarioOp } from './scenario';

export interface WhatIfOptions extends PlanOptions {
  /** If the scenario does not fit, find how many containers like this one must be added. */
  containerType?: Name;
  /** Give up looking beyond this many added containers (default 1000). */
  maxExtra?: number;
}

export function* whatIfSteps(site: Site, ops: readonly ScenarioOp[], opts: WhatIfOptions = {}): Steps<Plan> {
  if (ops.length === 0)
    throw new PlanRequestError(
      'what-if: the scenario has no change (add VMs, clusters or containers, remove or fail a container)',
    );
  const budget = new Budget(opts);
  const maxExtra = opts.maxExtra ?? 1000;
  if (opts.containerType !== undefined && !site.containers.some((c) => c.name === opts.containerType)) {
    throw new PlanRequestError(
      `what-if: the site has no container named "${opts.containerType}" to use as a type`,
    );
  }

  /** Place the scenario (plus `extra` containers of the type) with a share of the time left. */
  function* attempt(extra: number, share: number): Steps<Plan> {
    // Added containers come first, so new virtual clusters can claim them as idle containers.
    const all: ScenarioOp[] =
      extra > 0 && opts.containerType !== undefined
        ? [{ kind: 'add-containers', count: extra, like: opts.containerType }, ...ops]
        : [...ops];
    const r = applyScenario(site, all);
    // VMs the scenario could not give any home (a cluster without dedicated containers) are
    // left out of the placement: the policy would otherwise let them run anywhere.
    const homeless = new Set(r.homeless.map((h) => h.vm));
    const placed: Site = { ...r.site, vms: r.site.vms.filter((v) => !homeless.has(v.name)) };
    const plan = yield* placeSteps(placed, {
      ...opts,
      timeLimitMs: Math.max(50, budget.timeLeftMs() * share),
      // The inner search's progress, as a share of the whole what-if budget (the app's bar).
      onProgress: (p) => budget.progress(`what-if: ${p.phase}`, p.best, p.bound),
    });
    const extraUnplaced: Unplaceable[] = r.homeless.map((h) => ({
      vm: h.vm,
      summary: `vm ${h.vm}: ${h.reason}`,
      reasons: [],
    }));
    const unplaced = [...plan.unplaced, ...extraUnplaced];
    const fits = plan.feasible && extraUnplaced.length === 0;
    const whatIf: WhatIfAnswer = { fits, scenario: r.described, extraContainers: null };
    return { ...plan, kind: 'whatif', feasible: fits, unplaced, whatIf };
  }

  const first = yield* attempt(0, opts.containerType === undefined ? 1 : 0.25);
  budget.progress('what-if', first.value, first.bound, true);
  if (first.feasible || opts.containerType === undefined) return first;

  // How many containers like the type make it fit?
  const tried: number[] = [];
  const fitsWith = new Map<number, Plan>();
  let lo = 0; // known not to fit
  let hi = -1; // known to fit
  for (let n = 1; n <= maxExtra && !budget.stopReason(); n *= 2) {
    const plan = yield* attempt(n, 0.2);
    tried.push(n);
    budget.progress('what-if', n, 0, true);
    if (plan.feasible) {
      hi = n;
      fitsWith.set(n, plan);
      break;
    }
    lo = n;
  }
  while (hi > 0 && hi - lo > 1 && !budget.stopReason()) {
    const mid = Math.floor((lo + hi) / 2);
    const plan = yield* attempt(mid, 0.25);
    tried.push(mid);
    if (plan.feasible) {
      hi = mid;
      fitsWith.set(mid, plan);
    } else lo = mid;
  }
  const type = opts.containerType;
  const answer = hi > 0 ? fitsWith.get(hi) : undefined;
  const base = answer ?? first;
  const whatIf: WhatIfAnswer = {
    fits: false,
    scenario: base.whatIf?.scenario ?? [],
    extraContainers: { type, count: hi > 0 ? hi : null, tried },
  };
  const notes = [...base.notes];
  if (hi > 0) {
    notes.push(
      hi - lo > 1
        ? `${hi} more container(s) like ${type} fit; fewer was not tried to the end within the time limit`
        : `the scenario fits with ${hi} more container(s) like ${type} and not with ${lo}`,
    );
  } else notes.push(`even ${lo} more container(s) like ${type} do not make the scenario fit`);
  // Feasible means "the scenario as asked fits"; the steps show the extended scenario.
  return { ...base, feasible: false, whatIf, notes };
}
