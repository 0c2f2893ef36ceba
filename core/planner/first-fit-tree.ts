// First fit in O(log bins) per item at scale: a segment tree over an ordered list of bins
// whose nodes keep, per dimension, the largest free capacity below them. A subtree is
// skipped when some dimension cannot fit anywhere inside it. One tree per eligibility class
// (so a search never wanders through another domain's bins) unless that gets too big.
import type { PackingState } from './state';

const MAX_TREE_CELLS = 1 << 24;

class Tree {
  readonly size: number;
  /** free[node * dims + k]: max free capacity in dimension k among the node's leaves. */
  readonly free: Float64Array;

  constructor(
    readonly bins: Int32Array,
    readonly dims: number,
  ) {
    let size = 1;
    while (size < Math.max(1, bins.length)) size <<= 1;
    this.size = size;
    this.free = new Float64Array(2 * size * dims).fill(Number.NEGATIVE_INFINITY);
  }
}

export class FirstFitTree {
  private readonly trees: Tree[];
  private readonly byClass: boolean;
  /** For each bin: the (tree, leaf position) pairs it appears in. */
  private readonly where: { tree: number; pos: number }[][];
  private readonly d: number;

  constructor(
    private readonly s: PackingState,
    /** Bins in preference order (e.g. cheapest capacity first). */
    order: Int32Array,
  ) {
    this.d = s.dims;
    const rank = new Int32Array(s.p.binCount).fill(-1);
    order.forEach((b, r) => (rank[b] = r));
    const classes = s.elig.classCount;
    let cells = 0;
    for (let c = 0; c < classes; c++) cells += s.elig.binsOfClass(c).length;
    this.byClass = classes > 1 && cells * 2 * this.d <= MAX_TREE_CELLS;
    const lists: Int32Array[] = this.byClass
      ? Array.from({ length: classes }, (_, c) =>
          Int32Array.from(s.elig.binsOfClass(c))
            .filter((b) => (rank[b] ?? -1) >= 0)
            .sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0)),
        )
      : [order];
    this.trees = lists.map((l) => new Tree(l, this.d));
    this.where = Array.from({ length: s.p.binCount }, () => []);
    this.trees.forEach((t, ti) => t.bins.forEach((b, pos) => this.where[b]?.push({ tree: ti, pos })));
    for (const t of this.trees) {
      for (let pos = 0; pos < t.bins.length; pos++) this.writeLeaf(t, pos, t.bins[pos] ?? 0);
      for (let n = t.size - 1; n >= 1; n--) this.pull(t, n);
    }
  }

  private writeLeaf(t: Tree, pos: number, b: number): void {
    const d = this.d;
    const node = t.size + pos;
    for (let k = 0; k < d; k++) {
      t.free[node * d + k] = (this.s.cap[b * d + k] ?? 0) - (this.s.load[b * d + k] ?? 0);
    }
  }

  private pull(t: Tree, n: number): void {
    const d = this.d;
    for (let k = 0; k < d; k++) {
      t.free[n * d + k] = Math.max(t.free[2 * n * d + k] ?? 0, t.free[(2 * n + 1) * d + k] ?? 0);
    }
  }

  /** Call after the load of bin b changed. */
  update(b: number): void {
    for (const { tree, pos } of this.where[b] ?? []) {
      const t = this.trees[tree];
      if (!t) continue;
      this.writeLeaf(t, pos, b);
      for (let n = (t.size + pos) >> 1; n >= 1; n >>= 1) this.pull(t, n);
    }
  }

  /** First bin in preference order where item i fits (capacity, eligibility, groups), or -1. */
  find(i: number): number {
    const t = this.trees[this.byClass ? this.s.elig.classOfItem(i) : 0];
    if (!t || t.bins.length === 0) return -1;
    return this.descend(t, 1, i);
  }

  private descend(t: Tree, n: number, i: number): number {
    const d = this.d;
    const dem = this.s.p.demand;
    for (let k = 0; k < d; k++) if ((t.free[n * d + k] ?? 0) < (dem[i * d + k] ?? 0)) return -1;
    if (n >= t.size) {
      const b = t.bins[n - t.size];
      return b !== undefined && this.s.fits(i, b) ? b : -1;
    }
    const l = this.descend(t, 2 * n, i);
    return l >= 0 ? l : this.descend(t, 2 * n + 1, i);
  }
}
