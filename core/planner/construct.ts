// Greedy constructions: items in decreasing size under several size measures, each put on a
// bin chosen by a rule (first fit in preference order, best fit, or least loaded). They seed
// the local searches; several orderings are tried because none wins on every instance.
import { FirstFitTree } from './first-fit-tree';
import type { PackingProblem } from './problem';
import type { PackingState } from './state';

export type SizeMeasure = 'sum' | 'max' | 'squares' | 'first';
export type BinRule = 'first' | 'best' | 'least-loaded';

/** Mean positive capacity per dimension: the yardstick that makes dimensions comparable. */
export function dimensionScale(p: PackingProblem): Float64Array {
  const d = p.dims;
  const scale = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let sum = 0;
    let n = 0;
    for (let b = 0; b < p.binCount; b++) {
      const c = p.capacity[b * d + k] ?? 0;
      if (c > 0) {
        sum += c;
        n++;
      }
    }
    scale[k] = n > 0 && sum > 0 ? sum / n : 1;
  }
  return scale;
}

/** Size of item i as one number (demands divided by the dimension scale). */
export function itemSize(p: PackingProblem, scale: Float64Array, i: number, m: SizeMeasure): number {
  const d = p.dims;
  let v = 0;
  for (let k = 0; k < d; k++) {
    const x = (p.demand[i * d + k] ?? 0) / (scale[k] ?? 1);
    if (m === 'sum') v += x;
    else if (m === 'max') v = Math.max(v, x);
    else if (m === 'squares') v += x * x;
    else if (k === 0) v = x;
  }
  return v;
}

/** Items by decreasing size; ties by index so the order is deterministic. */
export function decreasingOrder(p: PackingProblem, m: SizeMeasure, items?: ArrayLike<number>): Int32Array {
  const scale = dimensionScale(p);
  const list = items ? Int32Array.from(items) : Int32Array.from({ length: p.itemCount }, (_, i) => i);
  const key = new Float64Array(p.itemCount);
  for (const i of list) key[i] = itemSize(p, scale, i, m);
  return list.sort((a, b) => (key[b] ?? 0) - (key[a] ?? 0) || a - b);
}

/** Bins by cost per unit of (scaled) capacity, cheapest first; bigger first among equals. */
export function binPreference(p: PackingProblem): Int32Array {
  const scale = dimensionScale(p);
  const d = p.dims;
  const capSum = new Float64Array(p.binCount);
  for (let b = 0; b < p.binCount; b++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += (p.capacity[b * d + k] ?? 0) / (scale[k] ?? 1);
    capSum[b] = s;
  }
  const ratio = (b: number): number => {
    const c = capSum[b] ?? 0;
    return c > 0 ? (p.cost[b] ?? 0) / c : Number.POSITIVE_INFINITY;
  };
  return Int32Array.from({ length: p.binCount }, (_, b) => b).sort(
    (a, b) => ratio(a) - ratio(b) || (capSum[b] ?? 0) - (capSum[a] ?? 0) || a - b,
  );
}

/** Free scaled capacity left on bin b after adding item i (smaller = tighter fit). */
function slackAfter(s: PackingState, scale: Float64Array, i: number, b: number): number {
  const d = s.dims;
  let v = 0;
  for (let k = 0; k < d; k++) {
    v +=
      ((s.cap[b * d + k] ?? 0) - (s.load[b * d + k] ?? 0) - (s.p.demand[i * d + k] ?? 0)) / (scale[k] ?? 1);
  }
  return v;
}

/** Highest utilisation of bin b over the dimensions if item i were added. */
function utilAfter(s: PackingState, i: number, b: number): number {
  const d = s.dims;
  let u = 0;
  for (let k = 0; k < d; k++) {
    const c = s.p.capacity[b * d + k] ?? 0;
    const l = (s.load[b * d + k] ?? 0) + (s.p.demand[i * d + k] ?? 0);
    if (l > 0) u = Math.max(u, c > 0 ? l / c : Number.POSITIVE_INFINITY);
  }
  return u;
}

const TREE_THRESHOLD = 4_000_000;

/**
 * Put every unplaced movable item of `order` on a bin by `rule`; `usable` (when given) limits
 * the bins. Returns the items that fit nowhere.
 */
export function greedyPlace(
  s: PackingState,
  order: Int32Array,
  rule: BinRule,
  prefer: Int32Array = binPreference(s.p),
  usable?: Uint8Array,
): number[] {
  const failed: number[] = [];
  const scale = dimensionScale(s.p);
  const bins = usable ? prefer.filter((b) => usable[b] === 1) : prefer;
  if (rule === 'first' && order.length * bins.length > TREE_THRESHOLD) {
    const tree = new FirstFitTree(s, bins);
    for (const i of order) {
      if ((s.assign[i] ?? -1) >= 0) continue;
      const b = tree.find(i);
      if (b < 0) failed.push(i);
      else {
        s.put(i, b);
        tree.update(b);
      }
    }
    return failed;
  }
  for (const i of order) {
    if ((s.assign[i] ?? -1) >= 0) continue;
    let chosen = -1;
    if (rule === 'first') {
      for (const b of bins) {
        if (s.fits(i, b)) {
          chosen = b;
          break;
        }
      }
    } else if (rule === 'best') {
      // Tightest open bin; else the first closed bin in preference order.
      let best = Number.POSITIVE_INFINITY;
      let firstClosed = -1;
      for (const b of bins) {
        if (!s.fits(i, b)) continue;
        if ((s.count[b] ?? 0) === 0) {
          if (firstClosed < 0) firstClosed = b;
          continue;
        }
        const v = slackAfter(s, scale, i, b);
        if (v < best) {
          best = v;
          chosen = b;
        }
      }
      if (chosen < 0) chosen = firstClosed;
    } else {
      let best = Number.POSITIVE_INFINITY;
      for (const b of bins) {
        if (!s.fits(i, b)) continue;
        const u = utilAfter(s, i, b);
        if (u < best) {
          best = u;
          chosen = b;
        }
      }
    }
    if (chosen < 0) failed.push(i);
    else s.put(i, chosen);
  }
  return failed;
}
