// Evacuate a container (maintenance, failure drill): move every VM on it to other containers
// of its domain. First with every other VM where it is (tightest fit, heaviest first); when
// that fails, let the pool search also move other VMs of the same domains to make room; then
// order the moves so every intermediate state is valid. VMs that fit nowhere are reported
// with each container's reasons, in the policy's words.
import type { Name, Site } from '../model/types';
import { consolidationBound, relativeGap } from './bounds';
import { Budget, type Steps } from './budget';
import { poolWeights } from './consolidate';
import type { Plan } from './plan';
import { PlanRequestError, type PlanOptions } from './plan-options';
import { poolSearch } from './pool-search';
import { Rng } from './rng';
import { assemblePlan, orderTarget } from './site-plan';
import { buildSiteProblem, type SiteProblem } from './site-problem';
import { PackingState } from './state';

export function* evacuateSteps(site: Site, container: Name, opts: PlanOptions = {}): Steps<Plan> {
  if (!site.containers.some((c) => c.name === container)) {
    const names = site.containers.map((c) => c.name);
    throw new PlanRequestError(
      `the site has no container named "${container}"${names.length ? ` (containers: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''})` : ''}`,
    );
  }
  const budget = new Budget(opts);
  const rng = new Rng(opts.seed ?? 1);
  const exclude = new Set([container]);
  const onIt = (vm: { name: Name }, sp: SiteProblem): boolean => sp.ctx.placementOf(vm.name) === container;

  // 1: others stay where they are.
  let sp = buildSiteProblem(site, { movable: () => false, exclude, placedOnly: true });
  let attempt = yield* tryEvacuate(sp, container, budget, rng, 0.3);
  const notes: string[] = [];
  if (attempt.pool.length > 0 && !budget.stopReason()) {
    // 2: other VMs of the evacuees' domains may move too.
    const domains = new Set(sp.vms.filter((v) => onIt(v, sp)).map((v) => v.domain));
    const sp2 = buildSiteProblem(site, {
      movable: (vm) => domains.has(vm.domain),
      exclude,
      placedOnly: true,
    });
    const second = yield* tryEvacuate(sp2, container, budget, rng, 1);
    if (second.pool.length < attempt.pool.length) {
      sp = sp2;
      attempt = second;
      notes.push('other VMs of the same domain move too, to make room');
    }
  }
  const p = sp.problem;
  const { moves, blocked, reached: s } = orderTarget(sp, attempt.assign);
  const bound = consolidationBound(p);
  const evacuees = sp.vms.filter((v) => onIt(v, sp)).map((v) => v.name);
  if (evacuees.length === 0) notes.push(`container ${container} hosts no VM: nothing to move`);
  const unplaced = attempt.pool.map((i) => sp.vms[i]?.name ?? `item ${i}`);
  budget.progress('done', s.openCost, bound.value, true);
  return assemblePlan({
    kind: 'evacuate',
    objective: 'consolidate',
    site,
    sp,
    moves,
    blocked,
    unplaced,
    value: s.openCost,
    bound: bound.value,
    boundMethod: bound.method,
    gap: unplaced.length ? Number.POSITIVE_INFINITY : relativeGap(s.openCost, bound.value),
    stop: unplaced.length ? (budget.stopReason() ?? 'exhausted') : 'exhausted',
    elapsedMs: budget.elapsedMs(),
    notes,
    check: unplaced.length === 0 && blocked.length === 0 ? { mustEmpty: [container] } : {},
    exclude,
  });
}

interface Attempt {
  /** Target assignment: evacuees that found no room keep their current container here. */
  assign: Int32Array;
  /** Evacuees still without a new container. */
  pool: number[];
}

function* tryEvacuate(
  sp: SiteProblem,
  container: Name,
  budget: Budget,
  rng: Rng,
  share: number,
): Steps<Attempt> {
  const p = sp.problem;
  const out = sp.containerIndex.get(container) ?? -1;
  const s = new PackingState(p);
  s.loadInitial();
  const init = p.initial ?? new Int32Array(p.itemCount).fill(-1);
  const pool: number[] = [];
  for (let i = 0; i < p.itemCount; i++) {
    if (out >= 0 && init[i] === out) {
      s.take(i);
      pool.push(i);
    }
  }
  const usable = new Uint8Array(p.binCount);
  for (let b = 0; b < p.binCount; b++) usable[b] = b === out ? 0 : 1;
  if (pool.length > 0) {
    yield* poolSearch(s, pool, {
      usable,
      weight: poolWeights(p),
      maxNoImprove: 5000,
      budget,
      rng,
      deadline: budget.sliceEnd(share),
    });
  }
  const evacuees = new Set<number>();
  for (let i = 0; i < p.itemCount; i++) if (out >= 0 && init[i] === out) evacuees.add(i);
  // A failed search may end with other VMs swapped out into the pool: that partial state is
  // no plan (those VMs were running). Then nothing moves and every evacuee is reported.
  if (pool.some((i) => !evacuees.has(i))) return { assign: Int32Array.from(init), pool: [...evacuees] };
  const assign = s.snapshot();
  for (const i of pool) assign[i] = init[i] ?? -1;
  return { assign, pool: pool.slice() };
}
