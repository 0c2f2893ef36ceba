// The solver's working assignment: item -> bin, per-bin loads, item lists, group counts and
// the cost of the powered-on bins, all updated incrementally. Capacities may be scaled by a
// factor (the balance objective searches for the smallest factor that still packs).
import { EligibilityIndex } from './eligibility-index';
import { GroupIndex } from './group-index';
import type { PackingProblem } from './problem';

export class PackingState {
  readonly p: PackingProblem;
  readonly dims: number;
  readonly elig: EligibilityIndex;
  readonly groups: GroupIndex;
  /** Bin of each item, -1 when unplaced. */
  readonly assign: Int32Array;
  readonly load: Float64Array;
  /** Capacity the search must respect (the problem's, possibly scaled). */
  readonly cap: Float64Array;
  readonly count: Int32Array;
  /** Per-bin doubly linked item lists. */
  readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  /** Sum of costs of bins holding at least one item. */
  openCost = 0;
  openBins = 0;
  unplaced: number;

  constructor(p: PackingProblem, shared?: { elig: EligibilityIndex }) {
    this.p = p;
    this.dims = p.dims;
    this.elig = shared?.elig ?? new EligibilityIndex(p);
    this.groups = new GroupIndex(p);
    this.assign = new Int32Array(p.itemCount).fill(-1);
    this.load = new Float64Array(p.binCount * p.dims);
    this.cap = Float64Array.from(p.capacity);
    this.count = new Int32Array(p.binCount);
    this.head = new Int32Array(p.binCount).fill(-1);
    this.next = new Int32Array(p.itemCount).fill(-1);
    this.prev = new Int32Array(p.itemCount).fill(-1);
    this.unplaced = p.itemCount;
  }

  /** Place every item at its initial bin (pinned or not), without checking capacity. */
  loadInitial(): void {
    const init = this.p.initial;
    if (!init) return;
    for (let i = 0; i < this.p.itemCount; i++) {
      const b = init[i] ?? -1;
      if (b >= 0) this.put(i, b);
    }
  }

  /** Scale every capacity by factor (balance search); loads are unchanged. */
  scaleCapacity(factor: number): void {
    const base = this.p.capacity;
    for (let k = 0; k < base.length; k++) this.cap[k] = (base[k] ?? 0) * factor;
  }

  movable(i: number): boolean {
    return !this.p.movable || this.p.movable[i] !== 0;
  }

  /** May item i be on bin b at all (eligibility, and closed bins keep only what was there)? */
  allowedBin(i: number, b: number): boolean {
    if (!this.elig.allows(i, b)) return false;
    if (this.p.closed && this.p.closed[b] === 1 && this.p.initial?.[i] !== b) return false;
    return true;
  }

  /** Does item i fit on bin b right now (capacity and groups), ignoring where i is today? */
  fits(i: number, b: number): boolean {
    if (!this.allowedBin(i, b)) return false;
    const d = this.dims;
    const dem = this.p.demand;
    const io = i * d;
    const bo = b * d;
    for (let k = 0; k < d; k++) {
      if ((this.load[bo + k] ?? 0) + (dem[io + k] ?? 0) > (this.cap[bo + k] ?? 0)) return false;
    }
    return this.groups.empty || this.groups.allows(i, b);
  }

  /** Capacity-only check of adding `add` items' demand and removing `rem` items' from bin b. */
  fitsDelta(b: number, add: readonly number[], rem: readonly number[]): boolean {
    const d = this.dims;
    const dem = this.p.demand;
    const bo = b * d;
    for (let k = 0; k < d; k++) {
      let v = this.load[bo + k] ?? 0;
      for (const i of add) v += dem[i * d + k] ?? 0;
      for (const i of rem) v -= dem[i * d + k] ?? 0;
      if (v > (this.cap[bo + k] ?? 0)) return false;
    }
    return true;
  }

  put(i: number, b: number): void {
    const d = this.dims;
    const dem = this.p.demand;
    for (let k = 0; k < d; k++) this.load[b * d + k] = (this.load[b * d + k] ?? 0) + (dem[i * d + k] ?? 0);
    if (this.count[b] === 0) {
      this.openCost += this.p.cost[b] ?? 0;
      this.openBins++;
    }
    this.count[b] = (this.count[b] ?? 0) + 1;
    const h = this.head[b] ?? -1;
    this.next[i] = h;
    this.prev[i] = -1;
    if (h >= 0) this.prev[h] = i;
    this.head[b] = i;
    this.assign[i] = b;
    this.unplaced--;
    if (!this.groups.empty) this.groups.add(i, b);
  }

  take(i: number): number {
    const b = this.assign[i] ?? -1;
    if (b < 0) return -1;
    const d = this.dims;
    const dem = this.p.demand;
    for (let k = 0; k < d; k++) this.load[b * d + k] = (this.load[b * d + k] ?? 0) - (dem[i * d + k] ?? 0);
    this.count[b] = (this.count[b] ?? 0) - 1;
    if (this.count[b] === 0) {
      this.openCost -= this.p.cost[b] ?? 0;
      this.openBins--;
      // Drift from float sums would otherwise linger on empty bins.
      for (let k = 0; k < d; k++) this.load[b * d + k] = 0;
    }
    const n = this.next[i] ?? -1;
    const pv = this.prev[i] ?? -1;
    if (pv >= 0) this.next[pv] = n;
    else this.head[b] = n;
    if (n >= 0) this.prev[n] = pv;
    this.assign[i] = -1;
    this.unplaced++;
    if (!this.groups.empty) this.groups.remove(i, b);
    return b;
  }

  move(i: number, b: number): void {
    this.take(i);
    this.put(i, b);
  }

  itemsOf(b: number, out: number[] = []): number[] {
    out.length = 0;
    for (let i = this.head[b] ?? -1; i >= 0; i = this.next[i] ?? -1) out.push(i);
    return out;
  }

  /** Highest load / capacity over the dimensions of bin b (0 for an empty bin). */
  utilisation(b: number): number {
    const d = this.dims;
    let u = 0;
    for (let k = 0; k < d; k++) {
      const c = this.p.capacity[b * d + k] ?? 0;
      const l = this.load[b * d + k] ?? 0;
      if (l > 0) u = Math.max(u, c > 0 ? l / c : Number.POSITIVE_INFINITY);
    }
    return u;
  }

  /** Highest utilisation over all bins (the balance objective). */
  peak(): number {
    let u = 0;
    for (let b = 0; b < this.p.binCount; b++)
      if ((this.count[b] ?? 0) > 0) u = Math.max(u, this.utilisation(b));
    return u;
  }

  snapshot(): Int32Array {
    return Int32Array.from(this.assign);
  }

  /** Replace the whole assignment (e.g. restore the best one found). */
  restore(assign: Int32Array): void {
    for (let i = 0; i < this.p.itemCount; i++) if ((this.assign[i] ?? -1) >= 0) this.take(i);
    for (let i = 0; i < this.p.itemCount; i++) {
      const b = assign[i] ?? -1;
      if (b >= 0) this.put(i, b);
    }
  }
}

/** A fresh state with pinned items where they are. */
export function pinnedState(p: PackingProblem, template?: PackingState): PackingState {
  const s = new PackingState(p, template ? { elig: template.elig } : undefined);
  const init = p.initial;
  if (init) {
    for (let i = 0; i < p.itemCount; i++) {
      const b = init[i] ?? -1;
      if (b >= 0 && !s.movable(i)) s.put(i, b);
    }
  }
  return s;
}
