// Rebalance what runs, within a budget of memory moved (what live migrations copy):
// - balance: repeatedly move the VM off the fullest container that lowers that container's
//   utilisation the most without making its destination as full, cheapest first;
// - consolidate: empty whole containers, cheapest to empty first, into containers that stay on.
// The resulting target is then ordered by sequenceMoves so that every intermediate state is
// valid (cycles broken through a temporary host, or reported as blocked).
import type { Site } from '../model/types';
import { balanceBound, consolidationBound, relativeGap } from './bounds';
import { Budget, type Steps, type StopReason } from './budget';
import type { Plan } from './plan';
import { PlanRequestError, type PlanOptions } from './plan-options';
import type { PackingProblem } from './problem';
import { assemblePlan, orderTarget } from './site-plan';
import { buildSiteProblem } from './site-problem';
import { PackingState } from './state';

export interface RebalanceOptions extends PlanOptions {
  /** Most memory the migrations may move, in MiB (default: no limit). */
  budgetMiB?: number;
}

/** Index of the memory dimension in site problems (cost of a migration). */
const MEMORY = 1;
const EPS = 1e-9;

export interface RebalanceTarget {
  assign: Int32Array;
  spent: number;
  stop: StopReason;
}

/** Improve the current placement (p.initial) within `limit` of moved cost (dimension costDim). */
export function* rebalanceTarget(
  p: PackingProblem,
  objective: 'balance' | 'consolidate',
  limit: number,
  costDim: number,
  budget: Budget,
): Steps<RebalanceTarget> {
  const s = new PackingState(p);
  s.loadInitial();
  const init = p.initial ?? new Int32Array(p.itemCount).fill(-1);
  const cost = (i: number): number => p.demand[i * p.dims + costDim] ?? 0;
  let spent = 0;
  const buf: number[] = [];
  let stop: StopReason = 'exhausted';
  if (objective === 'balance') {
    for (;;) {
      const why = yield* tick(budget);
      if (why) {
        stop = why;
        break;
      }
      let top = -1;
      let peak = -1;
      for (let b = 0; b < p.binCount; b++) {
        if ((s.count[b] ?? 0) === 0) continue;
        const u = s.utilisation(b);
        if (u > peak) {
          peak = u;
          top = b;
        }
      }
      if (top < 0) break;
      let best: { i: number; to: number; after: number; extra: number } | null = null;
      for (const i of s.itemsOf(top, buf)) {
        if (!s.movable(i)) continue;
        s.take(i);
        const srcAfter = s.utilisation(top);
        for (const to of s.elig.binsOf(i)) {
          if (to === top || !s.fits(i, to)) continue;
          const extra = (to === init[i] ? 0 : cost(i)) - (top === init[i] ? 0 : cost(i));
          if (spent + extra > limit + EPS) continue;
          s.put(i, to);
          const after = Math.max(srcAfter, s.utilisation(to));
          s.take(i);
          if (after >= peak - EPS) continue;
          if (!best || after < best.after - EPS || (after <= best.after + EPS && extra < best.extra))
            best = { i, to, after, extra };
        }
        s.put(i, top);
      }
      if (!best) break;
      s.move(best.i, best.to);
      spent += best.extra;
    }
  } else {
    // Containers whose VMs can all move, cheapest to empty first.
    const load = (b: number): number => s.itemsOf(b).reduce((x, i) => x + cost(i), 0);
    const candidates: number[] = [];
    for (let b = 0; b < p.binCount; b++) {
      if ((s.count[b] ?? 0) > 0 && s.itemsOf(b).every((i) => s.movable(i))) candidates.push(b);
    }
    candidates.sort((a, b) => load(a) - load(b) || a - b);
    const emptied = new Uint8Array(p.binCount);
    const received = new Uint8Array(p.binCount);
    for (const b of candidates) {
      const why = yield* tick(budget);
      if (why) {
        stop = why;
        break;
      }
      if (received[b] === 1) continue;
      const items = s.itemsOf(b).sort((x, y) => cost(y) - cost(x) || x - y);
      const price = items.reduce((x, i) => x + cost(i), 0);
      if (spent + price > limit + EPS) continue;
      const done: number[] = [];
      for (const i of items) {
        let to = -1;
        let room = Number.POSITIVE_INFINITY;
        for (const c of s.elig.binsOf(i)) {
          if (c === b || emptied[c] === 1 || (s.count[c] ?? 0) === 0 || !s.fits(i, c)) continue;
          const r = roomLeft(s, i, c);
          if (r < room) {
            room = r;
            to = c;
          }
        }
        if (to < 0) break;
        s.move(i, to);
        done.push(i);
      }
      if (done.length === items.length) {
        emptied[b] = 1;
        for (const i of done) received[s.assign[i] ?? 0] = 1;
        spent += price;
      } else {
        for (const i of done) s.move(i, b);
      }
    }
  }
  return { assign: s.snapshot(), spent, stop };
}

/** One step of a search loop: why to stop, else yield now and then and count the iteration. */
function* tick(budget: Budget): Steps<StopReason | null> {
  const why = budget.stopReason();
  if (why) return why;
  if (budget.shouldYield()) yield;
  budget.iterations++;
  return null;
}

/** Free capacity left on bin c after adding item i, summed over dimensions as shares. */
function roomLeft(s: PackingState, i: number, c: number): number {
  const d = s.dims;
  let v = 0;
  for (let k = 0; k < d; k++) {
    const cap = s.cap[c * d + k] ?? 0;
    v += cap > 0 ? (cap - (s.load[c * d + k] ?? 0) - (s.p.demand[i * d + k] ?? 0)) / cap : 0;
  }
  return v;
}

export function* rebalanceSteps(site: Site, opts: RebalanceOptions = {}): Steps<Plan> {
  const objective = opts.objective ?? 'balance';
  const limit = opts.budgetMiB ?? Number.POSITIVE_INFINITY;
  if (!(limit >= 0))
    throw new PlanRequestError(`migration budget ${opts.budgetMiB} MiB is not a non-negative number`);
  const budget = new Budget(opts);
  const sp = buildSiteProblem(site, { movable: () => true, placedOnly: true });
  const p = sp.problem;
  const target = yield* rebalanceTarget(p, objective, limit, MEMORY, budget);
  const { moves, blocked, reached: s } = orderTarget(sp, target.assign);
  const bound = objective === 'balance' ? balanceBound(p) : consolidationBound(p);
  const value = objective === 'balance' ? s.peak() : s.openCost;
  const notes: string[] = [];
  const moved = moves.reduce((x, m) => x + (p.demand[m.item * p.dims + MEMORY] ?? 0), 0);
  if (Number.isFinite(limit)) {
    notes.push(`migration budget ${limit} MiB; the plan moves ${moved} MiB`);
    if (moved > limit) notes.push('steps through temporary hosts take the plan over the budget');
  }
  if (moves.length === 0) notes.push('no move within the budget improves the placement');
  budget.progress('done', value, bound.value, true);
  return assemblePlan({
    kind: 'rebalance',
    objective,
    site,
    sp,
    moves,
    blocked,
    unplaced: [],
    value,
    bound: bound.value,
    boundMethod: bound.method,
    gap: relativeGap(value, bound.value),
    stop: target.stop,
    elapsedMs: budget.elapsedMs(),
    notes,
    check: {},
  });
}
