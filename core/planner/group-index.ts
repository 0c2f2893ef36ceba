// Conflict-group bookkeeping for the solver: which groups each item belongs to (CSR arrays)
// and how many members of each group sit on each bin.
import type { PackingProblem } from './problem';

const MAX_DENSE_CELLS = 1 << 22;

export class GroupIndex {
  /** groupsOfItem(i) = groupIds[start[i] .. start[i + 1]). */
  private readonly start: Int32Array;
  private readonly groupIds: Int32Array;
  readonly maxPerBin: Int32Array;
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;
  private readonly binCount: number;
  readonly empty: boolean;

  constructor(p: PackingProblem) {
    this.binCount = p.binCount;
    const counts = new Int32Array(p.itemCount + 1);
    for (const g of p.groups) for (const i of g.items) counts[i + 1] = (counts[i + 1] ?? 0) + 1;
    for (let i = 0; i < p.itemCount; i++) counts[i + 1] = (counts[i + 1] ?? 0) + (counts[i] ?? 0);
    this.start = counts;
    this.groupIds = new Int32Array(counts[p.itemCount] ?? 0);
    const fill = counts.slice(0, p.itemCount);
    p.groups.forEach((g, gi) => {
      for (const i of g.items) {
        const at = fill[i] ?? 0;
        this.groupIds[at] = gi;
        fill[i] = at + 1;
      }
    });
    this.maxPerBin = Int32Array.from(p.groups, (g) => g.maxPerBin);
    this.empty = p.groups.length === 0;
    const cells = p.groups.length * p.binCount;
    this.dense = cells <= MAX_DENSE_CELLS ? new Int32Array(cells) : null;
    this.sparse = this.dense ? null : new Map();
  }

  count(group: number, bin: number): number {
    const key = group * this.binCount + bin;
    return this.dense ? (this.dense[key] ?? 0) : (this.sparse?.get(key) ?? 0);
  }

  private bump(group: number, bin: number, delta: number): void {
    const key = group * this.binCount + bin;
    if (this.dense) this.dense[key] = (this.dense[key] ?? 0) + delta;
    else if (this.sparse) {
      const v = (this.sparse.get(key) ?? 0) + delta;
      if (v === 0) this.sparse.delete(key);
      else this.sparse.set(key, v);
    }
  }

  /** Would adding item to bin break a group limit? `leaving` is an item of the same bin leaving at the same time (or -1). */
  allows(item: number, bin: number, leaving = -1, leaving2 = -1): boolean {
    const s = this.start[item] ?? 0;
    const e = this.start[item + 1] ?? 0;
    for (let k = s; k < e; k++) {
      const g = this.groupIds[k] ?? 0;
      let c = this.count(g, bin) + 1;
      if (leaving >= 0 && this.inGroup(leaving, g)) c--;
      if (leaving2 >= 0 && this.inGroup(leaving2, g)) c--;
      if (c > (this.maxPerBin[g] ?? 0)) return false;
    }
    return true;
  }

  inGroup(item: number, group: number): boolean {
    const s = this.start[item] ?? 0;
    const e = this.start[item + 1] ?? 0;
    for (let k = s; k < e; k++) if (this.groupIds[k] === group) return true;
    return false;
  }

  hasGroups(item: number): boolean {
    return (this.start[item + 1] ?? 0) > (this.start[item] ?? 0);
  }

  groupsOf(item: number): Int32Array {
    return this.groupIds.subarray(this.start[item] ?? 0, this.start[item + 1] ?? 0);
  }

  add(item: number, bin: number): void {
    const s = this.start[item] ?? 0;
    const e = this.start[item + 1] ?? 0;
    for (let k = s; k < e; k++) this.bump(this.groupIds[k] ?? 0, bin, 1);
  }

  remove(item: number, bin: number): void {
    const s = this.start[item] ?? 0;
    const e = this.start[item + 1] ?? 0;
    for (let k = s; k < e; k++) this.bump(this.groupIds[k] ?? 0, bin, -1);
  }
}
