// First-fit decreasing, the textbook baseline, written on its own (it shares no code with the
// planner so a planner bug cannot flatter both). Items by decreasing sum of their demands
// relative to the mean bin capacity; bins tried cheapest per unit of capacity first (bins
// of equal cost and size: in file order); each item goes to the first bin where it fits,
// that it may use (eligibility) and where its conflict groups allow it. Pinned items stay.
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
  // Each class's bins, in preference order.
  const classBins = p.eligibility
    ? p.eligibility.classBins.map((list) => {
        const set = new Set(list);
        return bins.filter((b) => set.has(b));
      })
    : null;
  const groupsOf: number[][] = Array.from({ length: p.itemCount }, () => []);
  p.groups.forEach((g, gi) => g.items.forEach((i) => groupsOf[i]?.push(gi)));
  const groupCount = new Map<string, number>();
  const place = (i: number, b: number): void => {
    for (let k = 0; k < d; k++) load[b * d + k] = (load[b * d + k] ?? 0) + (p.demand[i * d + k] ?? 0);
    for (const g of groupsOf[i] ?? []) groupCount.set(`${g}:${b}`, (groupCount.get(`${g}:${b}`) ?? 0) + 1);
    assign[i] = b;
  };
  for (let i = 0; i < p.itemCount; i++) {
    const b = p.initial?.[i] ?? -1;
    if (b >= 0 && p.movable?.[i] === 0) place(i, b);
  }
  for (const i of items) {
    if (assign[i] !== -1) continue;
    for (const b of classBins ? (classBins[p.eligibility?.classOf[i] ?? 0] ?? []) : bins) {
      if (p.closed?.[b] === 1 && p.initial?.[i] !== b) continue;
      if (
        (groupsOf[i] ?? []).some((g) => (groupCount.get(`${g}:${b}`) ?? 0) >= (p.groups[g]?.maxPerBin ?? 0))
      )
        continue;
      let fits = true;
      for (let k = 0; k < d && fits; k++) {
        fits = (load[b * d + k] ?? 0) + (p.demand[i * d + k] ?? 0) <= (p.capacity[b * d + k] ?? 0);
      }
      if (!fits) continue;
      place(i, b);
      break;
    }
  }
  return assign;
}
