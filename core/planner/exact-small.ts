// Exact consolidation for small problems (a handful of bins): try the sets of powered-on bins
// in increasing cost, and for each decide by depth-first search whether every item fits. The
// first set that packs is optimal, provided every cheaper set was proven impossible (no search
// ran out of nodes). That proof is what lets small answers report a gap of exactly zero.
import type { PackingProblem } from './problem';
import { packExactly } from './small-pack';
import { pinnedState } from './state';

export const EXACT_MAX_BINS = 16;
export const EXACT_MAX_ITEMS = 60;

export interface ExactResult {
  assign: Int32Array;
  cost: number;
  /** True when every cheaper set of bins was shown not to pack. */
  proven: boolean;
}

export function exactSmall(
  p: PackingProblem,
  nodeLimit: number,
  deadline: number,
  now: () => number,
): ExactResult | null {
  const m = p.binCount;
  if (m > EXACT_MAX_BINS || p.itemCount > EXACT_MAX_ITEMS) return null;
  const d = p.dims;
  const s = pinnedState(p);
  const forced = new Set<number>();
  for (let i = 0; i < p.itemCount; i++) if ((s.assign[i] ?? -1) >= 0) forced.add(s.assign[i] ?? 0);
  const items: number[] = [];
  for (let i = 0; i < p.itemCount; i++) if ((s.assign[i] ?? -1) < 0) items.push(i);
  const weight = new Float64Array(p.itemCount);
  for (let i = 0; i < p.itemCount; i++)
    for (let k = 0; k < d; k++) weight[i] = (weight[i] ?? 0) + (p.demand[i * d + k] ?? 0);
  const total = new Float64Array(d);
  for (let i = 0; i < p.itemCount; i++)
    for (let k = 0; k < d; k++) total[k] = (total[k] ?? 0) + (p.demand[i * d + k] ?? 0);
  const masks: { mask: number; cost: number }[] = [];
  for (let mask = 0; mask < 1 << m; mask++) {
    let ok = true;
    for (const b of forced) if (!(mask & (1 << b))) ok = false;
    if (!ok) continue;
    let cost = 0;
    for (let b = 0; b < m; b++) if (mask & (1 << b)) cost += p.cost[b] ?? 0;
    masks.push({ mask, cost });
  }
  masks.sort((a, b) => a.cost - b.cost || a.mask - b.mask);
  let proven = true;
  for (const { mask, cost } of masks) {
    if (now() >= deadline) return null;
    // Volume test per dimension.
    let fitsVolume = true;
    for (let k = 0; k < d && fitsVolume; k++) {
      let cap = 0;
      for (let b = 0; b < m; b++) if (mask & (1 << b)) cap += p.capacity[b * d + k] ?? 0;
      fitsVolume = cap >= (total[k] ?? 0);
    }
    if (!fitsVolume) continue;
    const bins: number[] = [];
    for (let b = 0; b < m; b++) if (mask & (1 << b)) bins.push(b);
    const r = packExactly(s, items, bins, nodeLimit, weight);
    if (r === 'yes') {
      return { assign: s.snapshot(), cost: Math.min(cost, s.openCost), proven };
    }
    if (r === 'unknown') proven = false;
  }
  return null;
}
