// Balance: place every movable item so that the highest utilisation of any bin (load over
// capacity, in its fullest dimension) is as low as possible. A least-loaded construction,
// then a descent on the target: shrink every capacity to a target just under the current
// peak, take items off the bins that are now too full, and let the pool search re-home them
// under the shrunken capacities. Success lowers the peak; failure halves the step.
import { balanceBound } from './bounds';
import { Budget, type AnytimeOptions, type StopReason, type Steps } from './budget';
import { consolidateSteps, poolWeights } from './consolidate';
import { decreasingOrder, greedyPlace } from './construct';
import { packResult, type PackResult } from './pack-result';
import { poolSearch } from './pool-search';
import { validateProblem, type PackingProblem } from './problem';
import { Rng } from './rng';
import { pinnedState, type PackingState } from './state';

/** Peaks closer than this count as equal. */
const RESOLUTION = 1e-4;

export function* balanceSteps(p: PackingProblem, opts: AnytimeOptions = {}): Steps<PackResult> {
  validateProblem(p);
  const budget = new Budget(opts);
  const rng = new Rng(opts.seed ?? 1);
  const bound = balanceBound(p);
  const s = pinnedState(p);
  const weight = poolWeights(p);
  const all = new Uint8Array(p.binCount).fill(1);
  const movable = Int32Array.from({ length: p.itemCount }, (_, i) => i).filter((i) => s.movable(i));
  greedyPlace(s, decreasingOrder(p, 'max', movable), 'least-loaded');
  yield;
  const pool: number[] = [];
  for (const i of movable) if ((s.assign[i] ?? -1) < 0) pool.push(i);
  if (pool.length > 0) {
    const ok = yield* poolSearch(s, pool, { usable: all, weight, maxNoImprove: 2000, budget, rng });
    if (!ok) {
      // The least-loaded start can trap the search (tight eligibility); consolidation's
      // search, exact on small problems, may still find every item a place to start from.
      const left = Math.max(0, (opts.timeLimitMs ?? 10_000) - budget.elapsedMs());
      const start = yield* consolidateSteps(p, { ...opts, timeLimitMs: left });
      if (start.unplaced.length > 0)
        return finish(s.snapshot(), s.peak(), budget.stopReason() ?? 'exhausted');
      s.restore(start.assign);
    }
  }
  let best = s.snapshot();
  let bestPeak = s.peak();
  let step = Math.max(RESOLUTION, (bestPeak - bound.value) / 2);
  let stop: StopReason | null = null;
  const buf: number[] = [];
  for (;;) {
    if (bestPeak <= bound.value + RESOLUTION) {
      stop = 'optimal';
      break;
    }
    stop = budget.stopReason();
    if (stop) break;
    if (budget.shouldYield()) yield;
    budget.progress('balance', bestPeak, bound.value);
    const target = Math.max(bound.value, bestPeak - step);
    s.scaleCapacity(target);
    overloaded(s, buf, pool);
    const ok =
      pool.length === 0 ||
      (yield* poolSearch(s, pool, { usable: all, weight, maxNoImprove: 50 + 4 * pool.length, budget, rng }));
    s.scaleCapacity(1);
    const peak = s.peak();
    if (ok && peak < bestPeak - RESOLUTION / 2) {
      best = s.snapshot();
      bestPeak = peak;
      step = Math.max(step, RESOLUTION);
    } else {
      s.restore(best);
      step /= 2;
      if (step < RESOLUTION) {
        // Converged from this start: try a bigger jump with new random choices once in a while.
        if (rng.next() < 0.1) step = Math.max(RESOLUTION, (bestPeak - bound.value) / 4);
        else step = RESOLUTION;
      }
    }
    budget.iterations++;
  }
  return finish(best, bestPeak, stop);

  function finish(assign: Int32Array, value: number, why: StopReason): PackResult {
    return packResult('balance', assign, value, bound, why, budget);
  }
}

/** Take movable items off every bin above its (scaled) capacity, largest first, into pool. */
function overloaded(s: PackingState, buf: number[], pool: number[]): void {
  const d = s.dims;
  pool.length = 0;
  for (let b = 0; b < s.p.binCount; b++) {
    let bad = false;
    for (let k = 0; k < d && !bad; k++) bad = (s.load[b * d + k] ?? 0) > (s.cap[b * d + k] ?? 0);
    if (!bad) continue;
    const items = s.itemsOf(b, buf).filter((i) => s.movable(i));
    items.sort((x, y) => share(s, y, b) - share(s, x, b) || x - y);
    for (const i of items) {
      let still = false;
      for (let k = 0; k < d && !still; k++) still = (s.load[b * d + k] ?? 0) > (s.cap[b * d + k] ?? 0);
      if (!still) break;
      s.take(i);
      pool.push(i);
    }
  }
}

/** How much of bin b's capacity item i takes, in its largest dimension. */
function share(s: PackingState, i: number, b: number): number {
  const d = s.dims;
  let v = 0;
  for (let k = 0; k < d; k++) {
    const c = s.p.capacity[b * d + k] ?? 0;
    v = Math.max(v, c > 0 ? (s.p.demand[i * d + k] ?? 0) / c : 0);
  }
  return v;
}
