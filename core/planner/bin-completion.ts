// Bin completion (Korf's exact method, with a node limit): to pack items into m identical
// bins, fill one bin at a time with the largest item left plus a maximal set of others,
// trying the tightest fills first. The space a bin leaves unused is "waste", and the total
// waste allowed is m * capacity - total size per dimension, so when the lower bound is
// nearly tight (Falkenauer's triplets have zero waste at the optimum) almost every fill is
// pruned at once. Used to close the last gap to the lower bound on identical bins.
import type { Budget, Steps } from './budget';
import type { PackingState } from './state';

export interface CompletionLimits {
  /** Search nodes (bins filled) before giving up. */
  nodeLimit: number;
  /** Fills tried per bin, tightest first. */
  maxFills: number;
  /** Subset-enumeration steps per bin. */
  enumLimit: number;
  budget: Budget;
  deadline: number;
  /** Random tie-breaking among equally tight fills (for restarts); absent = deterministic order. */
  random?: () => number;
}

/**
 * Try to place `items` (all unplaced) into the empty, identical `bins`. On success the
 * items are placed and true is returned; otherwise the state is unchanged.
 */
export function* binCompletion(
  s: PackingState,
  items: readonly number[],
  bins: readonly number[],
  lim: CompletionLimits,
): Steps<boolean> {
  const d = s.dims;
  const dem = s.p.demand;
  const m = bins.length;
  const b0 = bins[0];
  if (b0 === undefined) return items.length === 0;
  const cap = Float64Array.from({ length: d }, (_, k) => s.cap[b0 * d + k] ?? 0);
  const norm = (i: number): number => {
    let v = 0;
    for (let k = 0; k < d; k++) v += (dem[i * d + k] ?? 0) / ((cap[k] ?? 0) || 1);
    return v;
  };
  // Largest first; identical sizes adjacent so equal alternatives can be skipped.
  const order = items.slice().sort((a, b) => {
    const x = norm(b) - norm(a);
    if (x !== 0) return x;
    for (let k = 0; k < d; k++) {
      const y = (dem[b * d + k] ?? 0) - (dem[a * d + k] ?? 0);
      if (y !== 0) return y;
    }
    return a - b;
  });
  const n = order.length;
  const same = new Uint8Array(n);
  for (let x = 1; x < n; x++) {
    let eq = true;
    for (let k = 0; k < d && eq; k++) eq = dem[(order[x] ?? 0) * d + k] === dem[(order[x - 1] ?? 0) * d + k];
    same[x] = eq ? 1 : 0;
  }
  const wasteLeft = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let total = 0;
    for (const i of order) total += dem[i * d + k] ?? 0;
    wasteLeft[k] = m * (cap[k] ?? 0) - total;
    if ((wasteLeft[k] ?? 0) < 0) return false;
  }
  const used = new Uint8Array(n);
  let left = n;
  let nodes = 0;
  let aborted = false;

  interface Fill {
    members: number[];
    waste: Float64Array;
    score: number;
  }

  /** Maximal fills of a bin that holds order[first], within the waste still allowed. */
  const fills = (first: number): Fill[] => {
    const room = new Float64Array(d);
    for (let k = 0; k < d; k++) room[k] = (cap[k] ?? 0) - (dem[(order[first] ?? 0) * d + k] ?? 0);
    const out: Fill[] = [];
    const chosen: number[] = [first];
    let steps = 0;
    const fitsRoom = (x: number): boolean => {
      const i = order[x] ?? 0;
      for (let k = 0; k < d; k++) if ((dem[i * d + k] ?? 0) > (room[k] ?? 0)) return false;
      return true;
    };
    const rec = (x: number): void => {
      if (steps++ > lim.enumLimit) return;
      // Skip to the next unused item that fits.
      while (x < n && (used[x] === 1 || !fitsRoom(x))) x++;
      if (x >= n) {
        // Maximal: no unused, unchosen item fits any more.
        for (let y = first + 1; y < n; y++) if (used[y] === 0 && !chosen.includes(y) && fitsRoom(y)) return;
        let score = 0;
        for (let k = 0; k < d; k++) {
          if ((room[k] ?? 0) > (wasteLeft[k] ?? 0)) return;
          score += (room[k] ?? 0) / ((cap[k] ?? 0) || 1);
        }
        out.push({
          members: chosen.slice(),
          waste: Float64Array.from(room),
          score: Math.round(score * 1e6) / 1e6,
        });
        return;
      }
      const i = order[x] ?? 0;
      for (let k = 0; k < d; k++) room[k] = (room[k] ?? 0) - (dem[i * d + k] ?? 0);
      chosen.push(x);
      rec(x + 1);
      chosen.pop();
      for (let k = 0; k < d; k++) room[k] = (room[k] ?? 0) + (dem[i * d + k] ?? 0);
      // Excluding x: also exclude the identical items right after it (same fills otherwise).
      let y = x + 1;
      while (y < n && same[y] === 1) y++;
      rec(y);
    };
    rec(first + 1);
    if (lim.random) for (const f of out) f.score += lim.random() * 1e-9;
    out.sort((a, b) => a.score - b.score);
    return out.length > lim.maxFills ? out.slice(0, lim.maxFills) : out;
  };

  const placed: { item: number; bin: number }[] = [];
  function* solve(binIdx: number): Generator<void, boolean, void> {
    if (left === 0) return true;
    if (binIdx >= m) return false;
    if (++nodes > lim.nodeLimit || lim.budget.stopReason() || lim.budget.nowMs() >= lim.deadline) {
      aborted = true;
      return false;
    }
    if (lim.budget.shouldYield()) yield;
    let first = 0;
    while (first < n && used[first] === 1) first++;
    const bin = bins[binIdx] ?? 0;
    for (const f of fills(first)) {
      for (const x of f.members) {
        used[x] = 1;
        placed.push({ item: order[x] ?? 0, bin });
      }
      left -= f.members.length;
      for (let k = 0; k < d; k++) wasteLeft[k] = (wasteLeft[k] ?? 0) - (f.waste[k] ?? 0);
      if (yield* solve(binIdx + 1)) return true;
      for (let k = 0; k < d; k++) wasteLeft[k] = (wasteLeft[k] ?? 0) + (f.waste[k] ?? 0);
      left += f.members.length;
      for (const x of f.members) used[x] = 0;
      placed.length -= f.members.length;
      if (aborted) return false;
    }
    return false;
  }

  const ok = yield* solve(0);
  if (!ok) return false;
  for (const { item, bin } of placed) s.put(item, bin);
  return true;
}
