// Independent parts of a problem: items and bins linked by eligibility. No item of one part
// can use a bin of another (e.g. security domains), so bounds add up over the parts.
import type { PackingProblem } from './problem';

export interface Component {
  items: number[];
  bins: number[];
}

export function components(p: PackingProblem): Component[] {
  const e = p.eligibility;
  if (!e) {
    return [
      {
        items: Array.from({ length: p.itemCount }, (_, i) => i),
        bins: Array.from({ length: p.binCount }, (_, b) => b),
      },
    ];
  }
  // Union-find over bins, joining all bins of each class.
  const parent = Int32Array.from({ length: p.binCount }, (_, b) => b);
  const find = (x: number): number => {
    let r = x;
    while ((parent[r] ?? r) !== r) r = parent[r] ?? r;
    while ((parent[x] ?? x) !== r) {
      const n = parent[x] ?? x;
      parent[x] = r;
      x = n;
    }
    return r;
  };
  for (const bins of e.classBins) {
    const first = bins[0];
    if (first === undefined) continue;
    for (const b of bins) parent[find(b)] = find(first);
  }
  const byRoot = new Map<number, Component>();
  const get = (root: number): Component => {
    let c = byRoot.get(root);
    if (!c) {
      c = { items: [], bins: [] };
      byRoot.set(root, c);
    }
    return c;
  };
  for (let i = 0; i < p.itemCount; i++) {
    const bins = e.classBins[e.classOf[i] ?? 0];
    const first = bins?.[0];
    // An item with no bin at all forms a part of its own (it makes the problem infeasible).
    get(first === undefined ? -1 - i : find(first)).items.push(i);
  }
  for (let b = 0; b < p.binCount; b++) {
    const r = find(b);
    if (byRoot.has(r)) get(r).bins.push(b);
  }
  return [...byRoot.values()];
}
