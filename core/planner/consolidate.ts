// Consolidation: place every movable item so that the bins in use cost as little as possible
// (fewest containers when all cost the same). Greedy constructions seed a bin-elimination
// search: empty one or two bins (or swap an expensive bin for a cheaper one), then let the
// pool search re-home their items among the remaining bins; keep the result when it
// succeeded and costs no more. Stops early when the cost meets the lower bound.
import { consolidationBound } from './bounds';
import { Budget, type AnytimeOptions, type StopReason, type Steps } from './budget';
import {
  binPreference,
  decreasingOrder,
  dimensionScale,
  greedyPlace,
  itemSize,
  type BinRule,
  type SizeMeasure,
} from './construct';
import { packResult, type PackResult } from './pack-result';
import { exactSmall } from './exact-small';
import { mbsPlace } from './mbs';
import { poolSearch } from './pool-search';
import { binCompletion } from './bin-completion';
import { isUnrestricted, validateProblem, type PackingProblem } from './problem';
import { Rng } from './rng';
import { pinnedState, type PackingState } from './state';

const SMALL_WORK = 4_000_000;
const MBS_NODES = 20_000;
/** Share of the remaining time bin completion may take (restarts included). */
const COMPLETION_SHARE = 0.3;

/** Item weights for the pool objective: summed scaled demand. */
export function poolWeights(p: PackingProblem): Float64Array {
  const scale = dimensionScale(p);
  return Float64Array.from({ length: p.itemCount }, (_, i) => itemSize(p, scale, i, 'sum'));
}

interface Candidate {
  assign: Int32Array;
  failed: number;
  cost: number;
}

/** Best of several greedy constructions (fewest unplaced, then cheapest). */
export function construct(p: PackingProblem, s: PackingState, weight: Float64Array): Candidate {
  const prefer = binPreference(p);
  const large = p.itemCount * p.binCount > SMALL_WORK;
  const measures: SizeMeasure[] = large ? ['sum'] : ['sum', 'max', 'squares', 'first'];
  const rules: BinRule[] = large ? ['first'] : ['first', 'best'];
  const movable = Int32Array.from({ length: p.itemCount }, (_, i) => i).filter((i) => s.movable(i));
  let best: Candidate | null = null;
  const start = s.snapshot();
  for (const m of measures) {
    const order = decreasingOrder(p, m, movable);
    for (const r of rules) {
      s.restore(start);
      const failed = greedyPlace(s, order, r, prefer).length;
      if (!best || failed < best.failed || (failed === best.failed && s.openCost < best.cost)) {
        best = { assign: s.snapshot(), failed, cost: s.openCost };
      }
    }
  }
  if (!large) {
    s.restore(start);
    const failed = mbsPlace(s, decreasingOrder(p, 'sum', movable), prefer, weight, MBS_NODES).length;
    if (!best || failed < best.failed || (failed === best.failed && s.openCost < best.cost)) {
      best = { assign: s.snapshot(), failed, cost: s.openCost };
    }
  }
  // A feasible start given with the problem (current placement) competes too.
  if (p.initial && p.initial.every((b, i) => b >= 0 || !s.movable(i))) {
    s.restore(p.initial);
    if (isWithinCapacity(s) && best && (best.failed > 0 || s.openCost < best.cost)) {
      best = { assign: s.snapshot(), failed: 0, cost: s.openCost };
    }
  }
  const chosen = best ?? { assign: start, failed: movable.length, cost: s.openCost };
  s.restore(chosen.assign);
  return chosen;
}

/** Every bin within its (possibly scaled) capacity and every item on an allowed bin. */
export function isWithinCapacity(s: PackingState): boolean {
  const d = s.dims;
  for (let b = 0; b < s.p.binCount; b++) {
    for (let k = 0; k < d; k++) if ((s.load[b * d + k] ?? 0) > (s.cap[b * d + k] ?? 0)) return false;
  }
  for (let i = 0; i < s.p.itemCount; i++) {
    const b = s.assign[i] ?? -1;
    if (b >= 0 && !s.allowedBin(i, b)) return false;
  }
  return true;
}

function unplacedMovable(s: PackingState): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.p.itemCount; i++) if ((s.assign[i] ?? -1) < 0) out.push(i);
  return out;
}

export function* consolidateSteps(p: PackingProblem, opts: AnytimeOptions = {}): Steps<PackResult> {
  validateProblem(p);
  const budget = new Budget(opts);
  const rng = new Rng(opts.seed ?? 1);
  let bound = consolidationBound(p);
  const s = pinnedState(p);
  const weight = poolWeights(p);
  const all = new Uint8Array(p.binCount).fill(1);
  // Small enough to solve exactly (and prove it)?
  const exact = exactSmall(p, 200_000, budget.sliceEnd(0.5), () => budget.nowMs());
  if (exact?.proven) {
    bound = { value: exact.cost, method: 'exact search' };
    return finish(exact.assign, exact.cost, 'optimal');
  }
  construct(p, s, weight);
  if (exact && exact.cost < s.openCost) s.restore(exact.assign);
  budget.progress('construct', s.openCost, bound.value, true);
  yield;

  let stop: StopReason | null = null;
  // Place what the constructions could not, using every bin.
  let pool = unplacedMovable(s);
  if (pool.length > 0) {
    const ok = yield* poolSearch(s, pool, { usable: all, weight, maxNoImprove: 2000, budget, rng });
    if (!ok) {
      // Keep the partial placement; nothing to consolidate when items do not even fit.
      return finish(s.snapshot(), s.openCost, budget.stopReason() ?? 'exhausted');
    }
  }
  let best = s.snapshot();
  let bestCost = s.openCost;
  budget.progress('consolidate', bestCost, bound.value, true);

  // Identical bins and no restrictions: try to meet the lower bound exactly by bin completion.
  if (
    p.binCount > 0 &&
    bestCost > bound.value + 1e-9 &&
    isUnrestricted(p) &&
    identicalBins(p) &&
    !p.movable
  ) {
    const m = Math.round(bound.value / (p.cost[0] || 1));
    const sc = pinnedState(p, s);
    const items = Array.from({ length: p.itemCount }, (_, i) => i);
    const bins = Array.from({ length: Math.min(m, p.binCount) }, (_, b) => b);
    const deadline = budget.sliceEnd(COMPLETION_SHARE);
    let ok = false;
    for (let r = 0; !ok && budget.nowMs() < deadline && !budget.stopReason(); r++) {
      ok = yield* binCompletion(sc, items, bins, {
        nodeLimit: r === 0 ? 20_000 : 2000 * (1 + (r % 16)),
        maxFills: 64,
        enumLimit: 20_000,
        budget,
        deadline,
        ...(r === 0 ? {} : { random: () => rng.next() }),
      });
    }
    if (ok) {
      best = sc.snapshot();
      bestCost = sc.openCost;
      s.restore(best);
    }
  }

  const usable = new Uint8Array(p.binCount);
  const prefRank = new Int32Array(p.binCount);
  binPreference(p).forEach((b, r) => (prefRank[b] = r));
  let failures = 0;
  const buf: number[] = [];
  for (;;) {
    if (bestCost <= bound.value + 1e-9) {
      stop = 'optimal';
      break;
    }
    stop = budget.stopReason();
    if (stop) break;
    if (budget.shouldYield()) yield;
    budget.progress('consolidate', bestCost, bound.value);

    const move = pickMove(s, rng, prefRank);
    if (!move) {
      stop = 'exhausted';
      break;
    }
    usable.fill(0);
    for (let b = 0; b < p.binCount; b++) if ((s.count[b] ?? 0) > 0) usable[b] = 1;
    pool = [];
    for (const b of move.close) {
      usable[b] = 0;
      for (const i of s.itemsOf(b, buf)) {
        s.take(i);
        pool.push(i);
      }
    }
    const maxNoImprove = 20 + Math.min(4000, 10 * failures) + 4 * pool.length;
    const ok = yield* poolSearch(s, pool, { usable, weight, maxNoImprove, budget, rng, target: move.target });
    if (ok && s.openCost <= bestCost + 1e-9) {
      if (s.openCost < bestCost - 1e-9) failures = 0;
      best = s.snapshot();
      bestCost = s.openCost;
    } else {
      failures++;
      s.restore(best);
    }
    budget.iterations++;
  }
  return finish(best, bestCost, stop);

  function finish(assign: Int32Array, value: number, why: StopReason): PackResult {
    return packResult('consolidate', assign, value, bound, why, budget);
  }
}

interface Move {
  /** Bins emptied into the pool. */
  close: number[];
  /** Empty bins the whole pool may finally go to (cheaper, together, than `close`). */
  target: number[];
}

/** Choose bins to empty and the cheaper bins their items may end in, for one attempt. */
function pickMove(s: PackingState, rng: Rng, prefRank: Int32Array): Move | null {
  const p = s.p;
  const d = p.dims;
  const open: number[] = [];
  const empty: number[] = [];
  for (let b = 0; b < p.binCount; b++) {
    if ((s.count[b] ?? 0) > 0) {
      if (closable(s, b)) open.push(b);
    } else if (p.closed?.[b] !== 1) empty.push(b);
  }
  if (open.length === 0) return null;
  const fill = (b: number): number => {
    let f = 0;
    for (let k = 0; k < d; k++) {
      const c = p.capacity[b * d + k] ?? 0;
      f += c > 0 ? (s.load[b * d + k] ?? 0) / c : 0;
    }
    return f / d;
  };
  // Emptier bins, and bins that cost more per unit of capacity, are closed more often.
  const score = (b: number): number => fill(b) / (1 + (prefRank[b] ?? 0) / Math.max(1, p.binCount));
  open.sort((a, b) => score(a) - score(b) || a - b);
  const r = rng.next();
  const k = Math.min(open.length, r < 0.2 ? 1 : r < 0.5 ? 2 : 3);
  const close: number[] = [];
  for (let tries = 0; close.length < k && tries < 20; tries++) {
    const b = open[Math.min(open.length - 1, Math.floor(open.length * rng.next() ** 2))] ?? 0;
    if (!close.includes(b)) close.push(b);
  }
  let closeCost = 0;
  for (const b of close) closeCost += p.cost[b] ?? 0;
  // Candidate destinations: the emptied bins and every empty bin, most cost-efficient first.
  const candidates = [...close, ...empty].sort((a, b) => (prefRank[a] ?? 0) - (prefRank[b] ?? 0));
  const uniform = p.cost.every((c) => c === p.cost[0]);
  for (let attempt = 0; attempt < 8; attempt++) {
    // Equal costs: one bin fewer is the goal (k bins out, k - 1 back); with costs, any cheaper mix.
    const t = uniform ? close.length - 1 : rng.int(close.length);
    const target: number[] = [];
    let cost = 0;
    for (let tries = 0; target.length < t && tries < 4 * t + 4; tries++) {
      const b = candidates[Math.floor(candidates.length * rng.next() ** 2)] ?? 0;
      if (!target.includes(b)) {
        target.push(b);
        cost += p.cost[b] ?? 0;
      }
    }
    if (target.length === t && cost < closeCost - 1e-9) return { close, target };
  }
  return { close: close.slice(0, 1), target: [] };
}

function closable(s: PackingState, b: number): boolean {
  for (const i of s.itemsOf(b)) if (!s.movable(i)) return false;
  return true;
}

/** Every bin has the same capacity and cost. */
export function identicalBins(p: PackingProblem): boolean {
  const d = p.dims;
  for (let b = 1; b < p.binCount; b++) {
    if (p.cost[b] !== p.cost[0]) return false;
    for (let k = 0; k < d; k++) if (p.capacity[b * d + k] !== p.capacity[k]) return false;
  }
  return true;
}
