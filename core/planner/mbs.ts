// Minimum bin slack construction (Gupta & Ho, in the MBS' form of Fleszar & Hindi): fill one
// bin at a time, starting from the largest item left, with the subset of remaining items
// that leaves the least room (most weight), found by depth-first search with a node limit.
// Much better than item-by-item rules when bins must be filled almost exactly.
import type { PackingState } from './state';

export function mbsPlace(
  s: PackingState,
  order: Int32Array,
  prefer: Int32Array,
  w: Float64Array,
  nodeLimit: number,
): number[] {
  const d = s.dims;
  const dem = s.p.demand;
  const remaining: number[] = [];
  for (const i of order) if ((s.assign[i] ?? -1) < 0) remaining.push(i);
  remaining.sort((a, b) => (w[b] ?? 0) - (w[a] ?? 0) || a - b);
  const failed: number[] = [];
  const room = new Float64Array(d);
  while (remaining.length > 0) {
    const first = remaining.shift() ?? 0;
    let bin = -1;
    for (const b of prefer) {
      if ((s.count[b] ?? 0) === 0 && s.fits(first, b)) {
        bin = b;
        break;
      }
    }
    if (bin < 0) {
      failed.push(first);
      continue;
    }
    s.put(first, bin);
    for (let k = 0; k < d; k++) room[k] = (s.cap[bin * d + k] ?? 0) - (s.load[bin * d + k] ?? 0);
    const cand = remaining.filter((i) => s.allowedBin(i, bin));
    const n = cand.length;
    const suffix = new Float64Array(n + 1);
    for (let x = n - 1; x >= 0; x--) suffix[x] = (suffix[x + 1] ?? 0) + (w[cand[x] ?? 0] ?? 0);
    const chosen: number[] = [];
    let best: number[] = [];
    let bestSum = 0;
    let nodes = 0;
    let perfect = false;
    const dfs = (x: number, sum: number): void => {
      if (sum > bestSum) {
        bestSum = sum;
        best = chosen.slice();
        perfect = isFull(room, d);
      }
      if (perfect || x === n || nodes++ > nodeLimit || sum + (suffix[x] ?? 0) <= bestSum) return;
      const i = cand[x] ?? 0;
      let fits = true;
      for (let k = 0; k < d && fits; k++) if ((dem[i * d + k] ?? 0) > (room[k] ?? 0)) fits = false;
      if (fits && (s.groups.empty || s.groups.allows(i, bin))) {
        for (let k = 0; k < d; k++) room[k] = (room[k] ?? 0) - (dem[i * d + k] ?? 0);
        chosen.push(i);
        if (!s.groups.empty) s.groups.add(i, bin);
        dfs(x + 1, sum + (w[i] ?? 0));
        if (!s.groups.empty) s.groups.remove(i, bin);
        chosen.pop();
        for (let k = 0; k < d; k++) room[k] = (room[k] ?? 0) + (dem[i * d + k] ?? 0);
      }
      dfs(x + 1, sum);
    };
    dfs(0, 0);
    const taken = new Set(best);
    for (const i of best) s.put(i, bin);
    for (let x = remaining.length - 1; x >= 0; x--) if (taken.has(remaining[x] ?? -1)) remaining.splice(x, 1);
  }
  return failed;
}

/** No room left in some dimension: nothing more can go in. */
function isFull(room: Float64Array, d: number): boolean {
  for (let k = 0; k < d; k++) if ((room[k] ?? 0) <= 0) return true;
  return false;
}
