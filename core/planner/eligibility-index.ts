// O(1) "may item i use bin b?" answers for the solver's inner loops. A bitset per eligibility
// class when that stays small; a binary search in the class's sorted bin list otherwise.
import { sortedIncludes, type PackingProblem } from './problem';

const MAX_BITSET_CELLS = 1 << 24;

export class EligibilityIndex {
  private readonly classOf: Int32Array | null;
  private readonly classBins: readonly Int32Array[];
  private readonly bits: Uint8Array | null;
  private readonly binCount: number;
  private readonly allBins: Int32Array;

  constructor(p: PackingProblem) {
    this.binCount = p.binCount;
    this.allBins = Int32Array.from({ length: p.binCount }, (_, b) => b);
    const e = p.eligibility;
    this.classOf = e ? e.classOf : null;
    this.classBins = e ? e.classBins : [];
    if (e && e.classBins.length * p.binCount <= MAX_BITSET_CELLS) {
      const bits = new Uint8Array(e.classBins.length * p.binCount);
      e.classBins.forEach((bins, c) => {
        for (const b of bins) bits[c * p.binCount + b] = 1;
      });
      this.bits = bits;
    } else {
      this.bits = null;
    }
  }

  allows(item: number, bin: number): boolean {
    if (!this.classOf) return true;
    const c = this.classOf[item] ?? 0;
    if (this.bits) return this.bits[c * this.binCount + bin] === 1;
    const list = this.classBins[c];
    if (!list) return false;
    return sortedIncludes(list, bin);
  }

  /** The sorted bins an item may use. */
  binsOf(item: number): Int32Array {
    if (!this.classOf) return this.allBins;
    return this.classBins[this.classOf[item] ?? 0] ?? this.allBins;
  }

  /** Class of an item (0 when unrestricted), for sharing work between alike items. */
  classOfItem(item: number): number {
    return this.classOf ? (this.classOf[item] ?? 0) : 0;
  }

  get classCount(): number {
    return this.classOf ? this.classBins.length : 1;
  }

  binsOfClass(c: number): Int32Array {
    return this.classOf ? (this.classBins[c] ?? this.allBins) : this.allBins;
  }
}
