// First-fit decreasing, the textbook baseline, written on its own (it shares no code with the
// planner so a planner bug cannot flatter both). Items by decreasing sum of their demands
// relative to the mean bin capacity; bins tried cheapest per unit of capacity first (bins
// of equal cost and size: in file order); each item goes to the first bin where it fits.
import type { PackingProblem } from '../../core/planner/problem';

export function firstFitDecreasing(p: PackingProblem): Int32Array {
  const d = p.dims;
  const mean = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let b = 0; b < p.binCount; b++) s += p.capacity[b * d + k] ?? 0;
    mean[k] = p.binCount > 0 && s > 0 ? s / p.binCount : 1;
  }
  const size = (i: number): number => {
    let v = 0;
    for (let k = 0; k < d; k++) v += (p.demand[i * d + k] ?? 0) / (mean[k] ?? 1);
    return v;
  };
  const capSum = (b: number): number => {
    let v = 0;
    for (let k = 0; k < d; k++) v += (p.capacity[b * d + k] ?? 0) / (mean[k] ?? 1);
    return v;
  };
  const items = Array.from({ length: p.itemCount }, (_, i) => i).sort((a, b) => size(b) - size(a) || a - b);
  const bins = Array.from({ length: p.binCount }, (_, b) => b).sort(
    (a, b) =>
      (p.cost[a] ?? 0) / Math.max(1e-12, capSum(a)) - (p.cost[b] ?? 0) / Math.max(1e-12, capSum(b)) || a - b,
  );
  const load = new Float64Array(p.binCount * d);
  const assign = new Int32Array(p.itemCount).fill(-1);
  for (const i of items) {
    for (const b of bins) {
      let fits = true;
      for (let k = 0; k < d && fits; k++) {
        fits = (load[b * d + k] ?? 0) + (p.demand[i * d + k] ?? 0) <= (p.capacity[b * d + k] ?? 0);
      }
      if (!fits) continue;
      for (let k = 0; k < d; k++) load[b * d + k] = (load[b * d + k] ?? 0) + (p.demand[i * d + k] ?? 0);
      assign[i] = b;
      break;
    }
  }
  return assign;
}
