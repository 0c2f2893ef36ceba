// Place the site's unplaced VMs; VMs that run stay where they are. Either on as few containers
// as possible (consolidate) or keeping the fullest container as empty as possible (balance).
// Placements only add load, so any order of the steps is valid; they are listed largest first.
import type { Site } from '../model/types';
import { auditPlacement } from '../policy';
import { balanceSteps } from './balance';
import type { Steps } from './budget';
import { consolidateSteps } from './consolidate';
import type { Plan } from './plan';
import type { PlanOptions } from './plan-options';
import type { SequencedMove } from './sequence';
import { assemblePlan } from './site-plan';
import { buildSiteProblem } from './site-problem';

export function* placeSteps(site: Site, opts: PlanOptions = {}): Steps<Plan> {
  const objective = opts.objective ?? 'consolidate';
  const sp = buildSiteProblem(site, { movable: (_vm, current) => current === null });
  const p = sp.problem;
  const r = yield* objective === 'balance' ? balanceSteps(p, opts) : consolidateSteps(p, opts);
  const moves: SequencedMove[] = [];
  for (let i = 0; i < p.itemCount; i++) {
    const to = r.assign[i] ?? -1;
    if ((p.initial?.[i] ?? -1) < 0 && to >= 0) moves.push({ item: i, from: -1, to, temporary: false });
  }
  moves.sort(
    (a, b) => (p.demand[b.item * p.dims + 1] ?? 0) - (p.demand[a.item * p.dims + 1] ?? 0) || a.item - b.item,
  );
  const toPlace = sp.vms.filter((_, i) => (p.initial?.[i] ?? -1) < 0).map((v) => v.name);
  const notes: string[] = [];
  const existing = auditPlacement(sp.ctx).length;
  if (existing > 0)
    notes.push(
      `the current placement already breaks ${existing} placement rule(s); paddock validate lists them`,
    );
  if (toPlace.length === 0) notes.push('every VM of the site is already placed');
  return assemblePlan({
    kind: 'place',
    objective,
    site,
    sp,
    moves,
    blocked: [],
    unplaced: r.unplaced.map((i) => sp.vms[i]?.name ?? `item ${i}`),
    value: r.value,
    bound: r.bound.value,
    boundMethod: r.bound.method,
    gap: r.gap,
    stop: r.stop,
    elapsedMs: r.elapsedMs,
    notes,
    check: { mustPlace: toPlace.filter((n) => !r.unplaced.some((i) => sp.vms[i]?.name === n)) },
  });
}
