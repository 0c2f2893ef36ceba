// Pool search: put a pool of unplaced items onto a fixed set of usable bins, or report that
// it could not. It is the engine behind bin elimination (empty a bin, then re-home its items
// among the others), evacuation, balance (re-home what sits above a target utilisation) and
// what-if placement. A tabu search in the manner of Buljubašić & Vasquez's consistent
// neighbourhood search: every move keeps each bin within capacity and policy; a move puts
// one or two pool items on a bin while taking one or two lighter items out of it into the
// pool, so the pool's total weight falls until its items fit directly.
import type { Budget, Steps } from './budget';
import type { Rng } from './rng';
import { bestRefill } from './refill';
import { packExactly } from './small-pack';

/** Search nodes per refill knapsack. */
const REFILL_NODES = 500;
import type { PackingState } from './state';

export interface PoolSearchOptions {
  /** 1 for the bins the pool may use (other bins are left alone). */
  usable: Uint8Array;
  /** Weight of each item in the pool objective (its scaled size). */
  weight: Float64Array;
  /** Give up after this many moves without a lighter pool. */
  maxNoImprove: number;
  budget: Budget;
  rng: Rng;
  /** Stop by this clock time (ms) even if the budget allows more. */
  deadline?: number;
  /**
   * Empty bins the pool may finally be packed into, all at once (tried exactly after every
   * move). Pool items never enter them one by one: that keeps them free for the whole pool,
   * which is what lets the search trade "n bins" for "n - 1 bins".
   */
  target?: readonly number[];
}

interface Move {
  bin: number;
  enter: number[];
  leave: number[];
}

/** Per-state scratch arrays, reused across calls (bin elimination calls this thousands of times). */
const scratch = new WeakMap<PackingState, { tabu: Int32Array; stamp: number }>();

function tabuOf(s: PackingState): { tabu: Int32Array; stamp: number } {
  let t = scratch.get(s);
  if (!t) {
    t = { tabu: new Int32Array(s.p.itemCount), stamp: 0 };
    scratch.set(s, t);
  }
  return t;
}

/** Tightest usable bin where item i fits now, or -1. */
export function bestFitBin(
  s: PackingState,
  i: number,
  usable: Uint8Array,
  weightScale: Float64Array,
): number {
  const d = s.dims;
  let best = -1;
  let bestSlack = Number.POSITIVE_INFINITY;
  for (const b of s.elig.binsOf(i)) {
    if (usable[b] !== 1 || !s.fits(i, b)) continue;
    let slack = 0;
    for (let k = 0; k < d; k++) {
      slack +=
        ((s.cap[b * d + k] ?? 0) - (s.load[b * d + k] ?? 0) - (s.p.demand[i * d + k] ?? 0)) /
        (weightScale[k] ?? 1);
    }
    if (slack < bestSlack) {
      bestSlack = slack;
      best = b;
    }
  }
  return best;
}

/** Does the swap keep bin b within capacity and group limits? Items in `enter` are unplaced. */
function swapFits(s: PackingState, b: number, enter: number[], leave: number[]): boolean {
  if (!s.fitsDelta(b, enter, leave)) return false;
  if (s.groups.empty) return true;
  const [e0 = -1, e1 = -1] = enter;
  const [l0 = -1, l1 = -1] = leave;
  if (e1 < 0) return s.groups.allows(e0, b, l0, l1);
  // Two entering items: check the first, then the second with the first provisionally there.
  if (!s.groups.allows(e0, b, l0, l1)) return false;
  s.groups.add(e0, b);
  const ok = s.groups.allows(e1, b, l0, l1);
  s.groups.remove(e0, b);
  return ok;
}

/**
 * Try to place every item of `pool` (unplaced, movable) on usable bins. On success the pool
 * is empty and returns true; on failure the state holds a valid partial assignment and
 * `pool` lists what is still unplaced.
 */
export function* poolSearch(s: PackingState, pool: number[], o: PoolSearchOptions): Steps<boolean> {
  const w = o.weight;
  const scaleW = dimensionWeights(s);
  const target = o.target ?? [];
  const t = tabuOf(s);
  // Stamps make old tabu marks expire without clearing the whole array on every call.
  if (t.stamp > 2_000_000_000) {
    t.tabu.fill(0);
    t.stamp = 0;
  }
  const base = t.stamp + 64;
  const tabu = t.tabu;
  const buf: number[] = [];
  let iter = base;
  let poolWeight = 0;
  for (const i of pool) poolWeight += w[i] ?? 0;
  let bestWeight = Number.POSITIVE_INFINITY;
  let noImprove = 0;
  const tenureBase = 3 + Math.min(12, Math.floor(pool.length / 2));
  const done = (ok: boolean): boolean => {
    t.stamp = iter + 64;
    return ok;
  };

  for (;;) {
    // Direct insertions into usable bins, heaviest first.
    pool.sort((a, b) => (w[b] ?? 0) - (w[a] ?? 0) || a - b);
    for (let k = 0; k < pool.length;) {
      const i = pool[k] ?? 0;
      const b = bestFitBin(s, i, o.usable, scaleW);
      if (b >= 0) {
        s.put(i, b);
        tabu[i] = iter + tenureBase;
        poolWeight -= w[i] ?? 0;
        pool.splice(k, 1);
      } else k++;
    }
    if (pool.length === 0) return done(true);
    if (s.groups.empty) {
      const frozen = (i: number): boolean => (tabu[i] ?? 0) > iter;
      for (let b = 0; b < s.p.binCount && pool.length > 0; b++) {
        if (o.usable[b] !== 1 || (s.count[b] ?? 0) === 0) continue;
        const r = bestRefill(s, b, pool, w, frozen, REFILL_NODES);
        if (!r || r.gain <= 1e-9) continue;
        for (const a of r.leave) {
          s.take(a);
          pool.push(a);
          poolWeight += w[a] ?? 0;
        }
        for (const e of r.enter) {
          s.put(e, b);
          pool.splice(pool.indexOf(e), 1);
          poolWeight -= w[e] ?? 0;
          tabu[e] = iter + tenureBase;
        }
      }
    }
    if (pool.length === 0) return done(true);
    if (target.length > 0 && packExactly(s, pool, target, 200 + 20 * pool.length, w) === 'yes') {
      pool.length = 0;
      return done(true);
    }
    if (poolWeight < bestWeight - 1e-12) {
      bestWeight = poolWeight;
      noImprove = 0;
    } else noImprove++;
    o.budget.iterations++;
    if (
      noImprove > o.maxNoImprove ||
      o.budget.stopReason() ||
      (o.deadline !== undefined && o.budget.nowMs() >= o.deadline)
    ) {
      return done(false);
    }
    if (o.budget.shouldYield()) yield;

    const move = bestSwap(s, pool, o, tabu, iter, buf);
    if (!move) return done(false);
    for (const a of move.leave) {
      s.take(a);
      pool.push(a);
      poolWeight += w[a] ?? 0;
    }
    for (const e of move.enter) {
      s.put(e, move.bin);
      pool.splice(pool.indexOf(e), 1);
      poolWeight -= w[e] ?? 0;
      tabu[e] = iter + tenureBase + o.rng.int(tenureBase);
    }
    iter++;
  }
}

/** Weights that make dimensions comparable for best fit: the mean capacity per dimension. */
function dimensionWeights(s: PackingState): Float64Array {
  const d = s.dims;
  const out = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let sum = 0;
    for (let b = 0; b < s.p.binCount; b++) sum += s.p.capacity[b * d + k] ?? 0;
    out[k] = sum > 0 ? sum / Math.max(1, s.p.binCount) : 1;
  }
  return out;
}

/** The non-tabu swap that lightens the pool most (ties broken at random). */
function bestSwap(
  s: PackingState,
  pool: number[],
  o: PoolSearchOptions,
  tabu: Int32Array,
  iter: number,
  buf: number[],
): Move | null {
  const w = o.weight;
  let best: Move | null = null;
  let bestDelta = Number.POSITIVE_INFINITY;
  let ties = 0;
  const consider = (bin: number, enter: number[], leave: number[], delta: number): void => {
    if (delta < bestDelta - 1e-12) {
      bestDelta = delta;
      best = { bin, enter: enter.slice(), leave: leave.slice() };
      ties = 1;
    } else if (delta <= bestDelta + 1e-12) {
      ties++;
      if (o.rng.int(ties) === 0) best = { bin, enter: enter.slice(), leave: leave.slice() };
    }
  };
  const pairs = pool.length <= 8;
  const enter1 = [0];
  const enter2 = [0, 0];
  const leave1 = [0];
  const leave2 = [0, 0];
  for (let pi = 0; pi < pool.length; pi++) {
    const p = pool[pi] ?? 0;
    const wp = w[p] ?? 0;
    for (const b of s.elig.binsOf(p)) {
      if (o.usable[b] !== 1 || (s.count[b] ?? 0) === 0 || !s.allowedBin(p, b)) continue;
      const items = s.itemsOf(b, buf);
      for (let x = 0; x < items.length; x++) {
        const a = items[x] ?? 0;
        if ((tabu[a] ?? 0) > iter || !s.movable(a)) continue;
        const wa = w[a] ?? 0;
        enter1[0] = p;
        leave1[0] = a;
        if (wa - wp <= bestDelta + 1e-12 && swapFits(s, b, enter1, leave1))
          consider(b, enter1, leave1, wa - wp);
        for (let y = x + 1; y < items.length; y++) {
          const a2 = items[y] ?? 0;
          if ((tabu[a2] ?? 0) > iter || !s.movable(a2)) continue;
          const d2 = wa + (w[a2] ?? 0) - wp;
          leave2[0] = a;
          leave2[1] = a2;
          if (d2 <= bestDelta + 1e-12 && swapFits(s, b, enter1, leave2)) consider(b, enter1, leave2, d2);
        }
        if (!pairs) continue;
        for (let qi = pi + 1; qi < pool.length; qi++) {
          const q = pool[qi] ?? 0;
          if (!s.allowedBin(q, b)) continue;
          const d3 = wa - wp - (w[q] ?? 0);
          enter2[0] = p;
          enter2[1] = q;
          if (d3 <= bestDelta + 1e-12 && swapFits(s, b, enter2, leave1)) consider(b, enter2, leave1, d3);
          // Two in, two out.
          for (let y = x + 1; y < items.length; y++) {
            const a2 = items[y] ?? 0;
            if ((tabu[a2] ?? 0) > iter || !s.movable(a2)) continue;
            const d4 = d3 + (w[a2] ?? 0);
            leave2[0] = a;
            leave2[1] = a2;
            if (d4 <= bestDelta + 1e-12 && swapFits(s, b, enter2, leave2)) consider(b, enter2, leave2, d4);
          }
        }
      }
    }
  }
  return best;
}
