// Exact packing of a few items into a few bins by depth-first search with a node limit:
// "do these pool items fit into these two empty bins?", "does everything fit on these three
// computers?". Empty bins with the same capacity that the item may use are interchangeable,
// so an item never tries a second one of the same kind (symmetry breaking).
import type { PackingState } from './state';

/** "unknown" when the node limit cut the search before it could decide. */
export type PackAnswer = 'yes' | 'no' | 'unknown';

/**
 * Place all `items` (unplaced) on `bins` if possible within `nodeLimit` search nodes,
 * heaviest first; on "yes" they stay placed, otherwise the state is unchanged.
 */
export function packExactly(
  s: PackingState,
  items: readonly number[],
  bins: readonly number[],
  nodeLimit: number,
  weight: ArrayLike<number>,
): PackAnswer {
  if (items.length === 0) return 'yes';
  if (bins.length === 0) return 'no';
  const order = items.slice().sort((a, b) => (weight[b] ?? 0) - (weight[a] ?? 0) || a - b);
  // Quick volume test per dimension before searching.
  const d = s.dims;
  for (let k = 0; k < d; k++) {
    let need = 0;
    let room = 0;
    for (const i of order) need += s.p.demand[i * d + k] ?? 0;
    for (const b of bins) room += (s.cap[b * d + k] ?? 0) - (s.load[b * d + k] ?? 0);
    if (need > room) return 'no';
  }
  const interchangeable = (a: number, b: number, i: number): boolean => {
    if ((s.count[a] ?? 0) !== 0 || (s.count[b] ?? 0) !== 0 || !s.allowedBin(i, a)) return false;
    for (let k = 0; k < d; k++) if (s.cap[a * d + k] !== s.cap[b * d + k]) return false;
    return true;
  };
  let nodes = 0;
  let cut = false;
  const placed: number[] = [];
  const dfs = (at: number): boolean => {
    if (at === order.length) return true;
    if (++nodes > nodeLimit) {
      cut = true;
      return false;
    }
    const i = order[at] ?? 0;
    for (let x = 0; x < bins.length; x++) {
      const b = bins[x] ?? 0;
      let dup = false;
      for (let y = 0; y < x && !dup; y++) dup = interchangeable(bins[y] ?? 0, b, i);
      if (dup || !s.fits(i, b)) continue;
      s.put(i, b);
      placed.push(i);
      if (dfs(at + 1)) return true;
      placed.pop();
      s.take(i);
      if (cut) return false;
    }
    return false;
  };
  if (dfs(0)) return 'yes';
  for (const i of placed) s.take(i);
  return cut ? 'unknown' : 'no';
}
