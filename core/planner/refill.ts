// "Refill" a bin from the pool: choose, among the bin's own movable items and the pool's
// items, the subset that fills the bin with the most weight (a small knapsack solved by
// branch and bound with a node limit). What the bin gives up goes to the pool. When the
// result is heavier than the bin's current content, the pool gets lighter: the descent step
// of the pool search. Not used with conflict groups (the swap moves handle those).
import type { PackingState } from './state';

export interface Refill {
  enter: number[];
  leave: number[];
  gain: number;
}

export function bestRefill(
  s: PackingState,
  b: number,
  pool: readonly number[],
  w: Float64Array,
  frozen: (item: number) => boolean,
  nodeLimit: number,
): Refill | null {
  const d = s.dims;
  const dem = s.p.demand;
  const inBin = s.itemsOf(b);
  const cand: number[] = [];
  const room = new Float64Array(d);
  for (let k = 0; k < d; k++) room[k] = (s.cap[b * d + k] ?? 0) - (s.load[b * d + k] ?? 0);
  let current = 0;
  for (const i of inBin) {
    if (frozen(i) || !s.movable(i)) continue;
    cand.push(i);
    current += w[i] ?? 0;
    for (let k = 0; k < d; k++) room[k] = (room[k] ?? 0) + (dem[i * d + k] ?? 0);
  }
  let anyPool = false;
  for (const i of pool) {
    if (s.allowedBin(i, b)) {
      cand.push(i);
      anyPool = true;
    }
  }
  if (!anyPool) return null;
  cand.sort((x, y) => (w[y] ?? 0) - (w[x] ?? 0) || x - y);
  const n = cand.length;
  const suffix = new Float64Array(n + 1);
  for (let x = n - 1; x >= 0; x--) suffix[x] = (suffix[x + 1] ?? 0) + (w[cand[x] ?? 0] ?? 0);
  const chosen = new Uint8Array(n);
  let best = current + 1e-9;
  let bestSet: Uint8Array | null = null;
  let nodes = 0;
  const dfs = (x: number, sum: number): void => {
    if (sum > best) {
      best = sum;
      bestSet = chosen.slice();
    }
    if (x === n || nodes++ > nodeLimit || sum + (suffix[x] ?? 0) <= best) return;
    const i = cand[x] ?? 0;
    let fits = true;
    for (let k = 0; k < d && fits; k++) if ((dem[i * d + k] ?? 0) > (room[k] ?? 0)) fits = false;
    if (fits) {
      for (let k = 0; k < d; k++) room[k] = (room[k] ?? 0) - (dem[i * d + k] ?? 0);
      chosen[x] = 1;
      dfs(x + 1, sum + (w[i] ?? 0));
      chosen[x] = 0;
      for (let k = 0; k < d; k++) room[k] = (room[k] ?? 0) + (dem[i * d + k] ?? 0);
    }
    dfs(x + 1, sum);
  };
  dfs(0, 0);
  const set: Uint8Array | null = bestSet;
  if (!set) return null;
  const enter: number[] = [];
  const leave: number[] = [];
  cand.forEach((i, x) => {
    const inside = (s.assign[i] ?? -1) === b;
    if (set[x] === 1 && !inside) enter.push(i);
    if (set[x] !== 1 && inside) leave.push(i);
  });
  return { enter, leave, gain: best - current };
}
