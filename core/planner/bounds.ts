// Lower bounds, so every answer can say how far it is from the best possible:
// - consolidation: per independent part (e.g. security domain), the LP bound of covering the
//   total demand of every dimension with bin capacities (solved through its Lagrangian dual,
//   any multipliers give a valid bound), the Martello-Toth L2 bound per dimension when the
//   part's bins are identical, and the cheapest bin that can take the largest item;
// - balance: total demand over total capacity per dimension and part, and for every item the
//   best utilisation it could reach alone on its best bin.
import { components, type Component } from './components';
import type { PackingProblem } from './problem';

export interface Bound {
  value: number;
  /** How the bound was obtained, for reports. */
  method: string;
}

/** Martello & Toth's L2 lower bound on the number of bins of capacity `cap` for `sizes`. */
export function l2Bound(sizes: ArrayLike<number>, cap: number): number {
  const s = Float64Array.from(sizes).sort();
  const n = s.length;
  if (n === 0) return 0;
  if (!(cap > 0)) return (s[n - 1] ?? 0) > 0 ? Number.POSITIVE_INFINITY : 0;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (s[i] ?? 0);
  // Index of the first size > x (sizes ascending).
  const above = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // Index of the first size >= x.
  const atLeast = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] ?? 0) >= x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const total = prefix[n] ?? 0;
  let best = Math.ceil(total / cap - 1e-9);
  const half = cap / 2;
  const alphas = [0];
  for (let i = 0; i < n; i++) {
    const v = s[i] ?? 0;
    if (v > half) break;
    if (v !== alphas[alphas.length - 1]) alphas.push(v);
  }
  const iHalf = above(half);
  for (const a of alphas) {
    const iJ1 = above(cap - a); // J1: size > cap - a
    const iJ3 = atLeast(a); // J3: a <= size <= cap/2
    const j1 = n - iJ1;
    const j2Count = Math.max(0, iJ1 - iHalf);
    const j2Sum = j2Count > 0 ? (prefix[iJ1] ?? 0) - (prefix[iHalf] ?? 0) : 0;
    const j3Sum = iHalf > iJ3 ? (prefix[iHalf] ?? 0) - (prefix[iJ3] ?? 0) : 0;
    const rest = Math.max(0, Math.ceil((j3Sum - (j2Count * cap - j2Sum)) / cap - 1e-9));
    best = Math.max(best, j1 + j2Count + rest);
  }
  return best;
}

/**
 * Lower bound on the cost of bins whose capacities cover `need` per dimension: the LP
 * min sum c_b y_b, sum_b cap_bk y_b >= need_k, 0 <= y <= 1, through its dual
 * g(l) = sum_k l_k need_k - sum_b max(0, sum_k l_k cap_bk - c_b), l >= 0. g is concave and
 * piecewise linear, and any l gives a valid bound; it is maximised by exact line searches
 * along each axis and along every difference of two axes (those follow the ridges where
 * plain coordinate ascent stalls). Infinity when even every bin together is too small.
 */
export function coverBound(p: PackingProblem, bins: readonly number[], need: Float64Array): number {
  const d = p.dims;
  for (let k = 0; k < d; k++) {
    let total = 0;
    for (const b of bins) total += p.capacity[b * d + k] ?? 0;
    if (total < (need[k] ?? 0)) return Number.POSITIVE_INFINITY;
  }
  const lambda = new Float64Array(d);
  const value = (): number => {
    let v = 0;
    for (let k = 0; k < d; k++) v += (lambda[k] ?? 0) * (need[k] ?? 0);
    for (const b of bins) {
      let x = -(p.cost[b] ?? 0);
      for (let k = 0; k < d; k++) x += (lambda[k] ?? 0) * (p.capacity[b * d + k] ?? 0);
      if (x > 0) v -= x;
    }
    return v;
  };
  const directions: Float64Array[] = [];
  for (let i = 0; i < d; i++) {
    const e = new Float64Array(d);
    e[i] = 1;
    directions.push(e);
    for (let j = 0; j < d; j++) {
      if (j === i) continue;
      const x = new Float64Array(d);
      x[i] = 1;
      x[j] = -1;
      directions.push(x);
    }
  }
  const events: { t: number; drop: number }[] = [];
  /** Move lambda to the maximum of g along delta (exact: walk the breakpoints). */
  const lineSearch = (delta: Float64Array): void => {
    let slope = 0;
    let tMax = Number.POSITIVE_INFINITY;
    for (let k = 0; k < d; k++) {
      const dk = delta[k] ?? 0;
      slope += dk * (need[k] ?? 0);
      if (dk < 0) tMax = Math.min(tMax, (lambda[k] ?? 0) / -dk);
    }
    if (tMax <= 0) return;
    events.length = 0;
    for (const b of bins) {
      let r = -(p.cost[b] ?? 0);
      let sb = 0;
      for (let k = 0; k < d; k++) {
        r += (lambda[k] ?? 0) * (p.capacity[b * d + k] ?? 0);
        sb += (delta[k] ?? 0) * (p.capacity[b * d + k] ?? 0);
      }
      const active = r > 0 || (r === 0 && sb > 0);
      if (active) slope -= sb;
      // A term switching on (sb > 0) or off (sb < 0) lowers the slope by |sb| either way.
      if (sb > 0 && !active) events.push({ t: -r / sb, drop: sb });
      else if (sb < 0 && active) events.push({ t: r / -sb, drop: -sb });
    }
    if (slope <= 0) return;
    events.sort((a, b) => a.t - b.t);
    let t = tMax;
    for (const ev of events) {
      if (ev.t >= tMax) break;
      slope -= ev.drop;
      if (slope <= 0) {
        t = ev.t;
        break;
      }
    }
    if (!Number.isFinite(t)) return;
    for (let k = 0; k < d; k++) lambda[k] = Math.max(0, (lambda[k] ?? 0) + t * (delta[k] ?? 0));
  };
  let best = value();
  for (let round = 0; round < 200; round++) {
    for (const dir of directions) lineSearch(dir);
    const v = value();
    if (v <= best + 1e-9 * Math.max(1, Math.abs(best))) {
      best = Math.max(best, v);
      break;
    }
    best = v;
  }
  return Math.max(0, best);
}

const allIntegers = (a: ArrayLike<number>, idx: readonly number[]): boolean =>
  idx.every((b) => Number.isInteger(a[b] ?? 0.5));

function identicalBins(p: PackingProblem, bins: readonly number[]): boolean {
  const d = p.dims;
  const first = bins[0];
  if (first === undefined) return true;
  for (const b of bins) {
    if (p.cost[b] !== p.cost[first]) return false;
    for (let k = 0; k < d; k++) if (p.capacity[b * d + k] !== p.capacity[first * d + k]) return false;
  }
  return true;
}

function componentConsolidationBound(
  p: PackingProblem,
  c: Component,
  counted: Set<number>,
): { value: number; method: string } {
  const d = p.dims;
  const forced = new Set<number>();
  for (const i of c.items) {
    if (p.movable && p.movable[i] === 0) forced.add(p.initial?.[i] ?? -1);
  }
  forced.delete(-1);
  // A bin forced on by pinned items of several parts (an invalid placement) is paid once.
  let forcedCost = 0;
  for (const b of forced) {
    if (counted.has(b)) continue;
    counted.add(b);
    forcedCost += p.cost[b] ?? 0;
  }
  const need = new Float64Array(d);
  for (const i of c.items) for (let k = 0; k < d; k++) need[k] = (need[k] ?? 0) + (p.demand[i * d + k] ?? 0);
  for (const b of forced)
    for (let k = 0; k < d; k++) need[k] = Math.max(0, (need[k] ?? 0) - (p.capacity[b * d + k] ?? 0));
  // Closed bins stay in: items already on one may remain there (a valid relaxation either way).
  const free = c.bins.filter((b) => !forced.has(b));
  let value = forcedCost + coverBound(p, free, need);
  let method = 'LP cover';
  // Any movable item needs a bin; the cheapest bin able to take the biggest one alone.
  if (forced.size === 0 && c.items.length > 0) {
    let cheapest = Number.POSITIVE_INFINITY;
    const big = c.items.reduce(
      (m, i) => ((p.demand[i * d] ?? 0) > (p.demand[m * d] ?? 0) ? i : m),
      c.items[0] ?? 0,
    );
    for (const b of free) {
      let ok = true;
      for (let k = 0; k < d; k++) if ((p.demand[big * d + k] ?? 0) > (p.capacity[b * d + k] ?? 0)) ok = false;
      if (ok) cheapest = Math.min(cheapest, p.cost[b] ?? 0);
    }
    if (cheapest > value) {
      value = cheapest;
      method = 'cheapest bin for the largest item';
    }
  }
  if (forced.size === 0 && free.length > 0 && identicalBins(p, free)) {
    const b0 = free[0] ?? 0;
    let bins = 0;
    for (let k = 0; k < d; k++) {
      const sizes = c.items.map((i) => p.demand[i * d + k] ?? 0);
      bins = Math.max(bins, l2Bound(sizes, p.capacity[b0 * d + k] ?? 0));
    }
    const v = bins * (p.cost[b0] ?? 0);
    if (v > value) {
      value = v;
      method = 'L2 (Martello-Toth)';
    }
    const clique = conflictClique(p, c.items, b0) * (p.cost[b0] ?? 0);
    if (clique > value) {
      value = clique;
      method = 'items no two of which share a bin';
    }
  }
  if (allIntegers(p.cost, c.bins)) value = Math.ceil(value - 1e-7);
  return { value, method };
}

/** Above this many items the pairwise conflict bound is skipped (it is quadratic). */
const CLIQUE_MAX_ITEMS = 3000;

/**
 * Items of which no two fit together in a bin like b0 (in some dimension their sum exceeds
 * the capacity) each need their own bin. A greedy clique of that conflict graph, largest items
 * first under a few size orders, is a lower bound on the number of bins (vector packing: where
 * volume bounds are weak, e.g. many items just over half a bin in some dimension).
 */
export function conflictClique(p: PackingProblem, items: readonly number[], b0: number): number {
  if (items.length > CLIQUE_MAX_ITEMS) return 0;
  const d = p.dims;
  const cap = (k: number): number => p.capacity[b0 * d + k] ?? 0;
  const conflict = (i: number, j: number): boolean => {
    for (let k = 0; k < d; k++)
      if ((p.demand[i * d + k] ?? 0) + (p.demand[j * d + k] ?? 0) > cap(k)) return true;
    return false;
  };
  const share = (i: number, k: number): number => (cap(k) > 0 ? (p.demand[i * d + k] ?? 0) / cap(k) : 0);
  const keys: ((i: number) => number)[] = [
    (i) => Math.max(...Array.from({ length: d }, (_, k) => share(i, k))),
    (i) => Array.from({ length: d }, (_, k) => share(i, k)).reduce((a, b) => a + b, 0),
    ...Array.from({ length: Math.min(d, 4) }, (_, k) => (i: number) => share(i, k)),
  ];
  let best = 0;
  for (const key of keys) {
    const order = [...items].sort((a, b) => key(b) - key(a) || a - b);
    const clique: number[] = [];
    for (const i of order) if (clique.every((j) => conflict(i, j))) clique.push(i);
    best = Math.max(best, clique.length);
  }
  return best;
}

/** Lower bound on the total cost of powered-on bins. */
export function consolidationBound(p: PackingProblem): Bound {
  let value = 0;
  const counted = new Set<number>();
  const methods = new Set<string>();
  for (const c of components(p)) {
    if (c.items.length === 0) continue;
    const r = componentConsolidationBound(p, c, counted);
    value += r.value;
    methods.add(r.method);
  }
  return { value, method: [...methods].join(' + ') || 'empty' };
}

/** Lower bound on the peak utilisation (highest load / capacity over bins and dimensions). */
export function balanceBound(p: PackingProblem): Bound {
  const d = p.dims;
  let value = 0;
  let method = 'empty';
  const pinnedLoad = new Float64Array(p.binCount * d);
  for (let i = 0; i < p.itemCount; i++) {
    if (p.movable && p.movable[i] === 0) {
      const b = p.initial?.[i] ?? -1;
      if (b >= 0)
        for (let k = 0; k < d; k++)
          pinnedLoad[b * d + k] = (pinnedLoad[b * d + k] ?? 0) + (p.demand[i * d + k] ?? 0);
    }
  }
  // Pinned items stay: their bins are at least that full.
  for (let b = 0; b < p.binCount; b++) {
    for (let k = 0; k < d; k++) {
      const l = pinnedLoad[b * d + k] ?? 0;
      const c = p.capacity[b * d + k] ?? 0;
      if (l <= 0) continue;
      const u = c > 0 ? l / c : Number.POSITIVE_INFINITY;
      if (u > value) {
        value = u;
        method = 'items that stay where they are';
      }
    }
  }
  for (const c of components(p)) {
    for (let k = 0; k < d; k++) {
      let dem = 0;
      let cap = 0;
      for (const i of c.items) dem += p.demand[i * d + k] ?? 0;
      for (const b of c.bins) cap += p.capacity[b * d + k] ?? 0;
      const u = dem > 0 ? (cap > 0 ? dem / cap : Number.POSITIVE_INFINITY) : 0;
      if (u > value) {
        value = u;
        method = 'volume';
      }
    }
  }
  for (let i = 0; i < p.itemCount; i++) {
    if (p.movable && p.movable[i] === 0) continue;
    const bins = p.eligibility ? (p.eligibility.classBins[p.eligibility.classOf[i] ?? 0] ?? []) : null;
    let bestAlone = Number.POSITIVE_INFINITY;
    const n = bins ? bins.length : p.binCount;
    for (let x = 0; x < n; x++) {
      const b = bins ? (bins[x] ?? 0) : x;
      if (p.closed?.[b] === 1 && p.initial?.[i] !== b) continue;
      let u = 0;
      for (let k = 0; k < d; k++) {
        const l = (pinnedLoad[b * d + k] ?? 0) + (p.demand[i * d + k] ?? 0);
        const cap = p.capacity[b * d + k] ?? 0;
        if (l > 0) u = Math.max(u, cap > 0 ? l / cap : Number.POSITIVE_INFINITY);
      }
      bestAlone = Math.min(bestAlone, u);
    }
    if (bestAlone > value) {
      value = bestAlone;
      method = 'largest item on its best bin';
    }
  }
  return { value, method };
}

/** Relative gap between an objective and its lower bound (0 = proven optimal). */
export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(objective)) return Number.POSITIVE_INFINITY;
  if (objective <= bound) return 0;
  return bound > 0 ? (objective - bound) / bound : Number.POSITIVE_INFINITY;
}
