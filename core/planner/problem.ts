// The planner's abstract packing model: items with d-dimensional demands, bins with
// capacities and costs, which bins each item may use, and conflict groups. Everything the
// solver engine does is on this model; core/planner/site-problem.ts builds it from a Site
// through the placement policy, and bench/planner builds it from public benchmark files.
// Numbers live in flat typed arrays so 50,000 items on 5,000 bins stay cheap.

/** Which bins an item may use: items of one class share one sorted list of bins. */
export interface Eligibility {
  /** Class of each item (length = items). */
  readonly classOf: Int32Array;
  /** Sorted bin indices allowed for each class. */
  readonly classBins: readonly Int32Array[];
}

/** At most maxPerBin of these items on any one bin (anti-affinity, cluster spreading). */
export interface ConflictGroup {
  readonly name: string;
  readonly items: Int32Array;
  readonly maxPerBin: number;
}

export interface PackingProblem {
  /** Number of capacity dimensions (e.g. vCPU and memory). */
  readonly dims: number;
  readonly dimNames: readonly string[];
  readonly itemCount: number;
  readonly binCount: number;
  /** demand[i * dims + k]: item i's need in dimension k (>= 0). */
  readonly demand: Float64Array;
  /** capacity[b * dims + k]: what bin b offers in dimension k (>= 0). */
  readonly capacity: Float64Array;
  /** Cost of having bin b powered on (holding at least one item). */
  readonly cost: Float64Array;
  /** null: every item may use every bin. */
  readonly eligibility: Eligibility | null;
  readonly groups: readonly ConflictGroup[];
  /** Current bin of each item, -1 when unplaced; absent = all unplaced. */
  readonly initial?: Int32Array;
  /** 0 = the item must stay where initial says (e.g. not managed by this plan). Absent = all movable. */
  readonly movable?: Uint8Array;
  /** Optional labels for messages (VM and container names). */
  readonly itemNames?: readonly string[];
  readonly binNames?: readonly string[];
  /** Bins that must hold nothing new (maintenance, failed): 1 = closed to new items. */
  readonly closed?: Uint8Array;
}

export class ProblemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemError';
  }
}

export const itemLabel = (p: PackingProblem, i: number): string => p.itemNames?.[i] ?? `item ${i}`;
export const binLabel = (p: PackingProblem, b: number): string => p.binNames?.[b] ?? `bin ${b}`;

function checkArray(what: string, a: ArrayLike<number>, length: number, min: number): void {
  if (a.length !== length) throw new ProblemError(`${what}: expected ${length} numbers, got ${a.length}`);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] ?? Number.NaN;
    if (!Number.isFinite(v) || v < min) {
      throw new ProblemError(`${what}[${i}]: ${v} is not a finite number >= ${min}`);
    }
  }
}

/** Reject malformed problems with a message naming the field and index. */
export function validateProblem(p: PackingProblem): void {
  if (!Number.isInteger(p.dims) || p.dims < 1)
    throw new ProblemError(`dims: ${p.dims} is not a positive integer`);
  if (p.dimNames.length !== p.dims) throw new ProblemError(`dimNames: expected ${p.dims} names`);
  if (!Number.isInteger(p.itemCount) || p.itemCount < 0) throw new ProblemError(`itemCount: ${p.itemCount}`);
  if (!Number.isInteger(p.binCount) || p.binCount < 0) throw new ProblemError(`binCount: ${p.binCount}`);
  checkArray('demand', p.demand, p.itemCount * p.dims, 0);
  checkArray('capacity', p.capacity, p.binCount * p.dims, 0);
  checkArray('cost', p.cost, p.binCount, 0);
  if (p.eligibility) {
    const { classOf, classBins } = p.eligibility;
    if (classOf.length !== p.itemCount)
      throw new ProblemError(`eligibility.classOf: expected ${p.itemCount} entries`);
    for (let i = 0; i < classOf.length; i++) {
      const c = classOf[i] ?? -1;
      if (c < 0 || c >= classBins.length) throw new ProblemError(`eligibility.classOf[${i}]: no class ${c}`);
    }
    classBins.forEach((bins, c) => {
      for (let k = 0; k < bins.length; k++) {
        const b = bins[k] ?? -1;
        if (b < 0 || b >= p.binCount)
          throw new ProblemError(`eligibility.classBins[${c}][${k}]: no bin ${b}`);
        if (k > 0 && b <= (bins[k - 1] ?? -1)) {
          throw new ProblemError(`eligibility.classBins[${c}]: bins must be sorted and distinct`);
        }
      }
    });
  }
  p.groups.forEach((g, gi) => {
    if (!Number.isInteger(g.maxPerBin) || g.maxPerBin < 1) {
      throw new ProblemError(`groups[${gi}] "${g.name}": maxPerBin ${g.maxPerBin} is not a positive integer`);
    }
    for (const i of g.items) {
      if (i < 0 || i >= p.itemCount) throw new ProblemError(`groups[${gi}] "${g.name}": no item ${i}`);
    }
  });
  if (p.initial) {
    if (p.initial.length !== p.itemCount) throw new ProblemError(`initial: expected ${p.itemCount} entries`);
    for (let i = 0; i < p.initial.length; i++) {
      const b = p.initial[i] ?? -1;
      if (b < -1 || b >= p.binCount) throw new ProblemError(`initial[${i}]: no bin ${b}`);
    }
  }
  if (p.movable) {
    if (p.movable.length !== p.itemCount) throw new ProblemError(`movable: expected ${p.itemCount} entries`);
    for (let i = 0; i < p.itemCount; i++) {
      if (p.movable[i] === 0 && (p.initial?.[i] ?? -1) < 0) {
        throw new ProblemError(`movable[${i}]: ${itemLabel(p, i)} is pinned but has no initial bin`);
      }
    }
  }
  if (p.closed && p.closed.length !== p.binCount)
    throw new ProblemError(`closed: expected ${p.binCount} entries`);
}

/** True when every item may use every bin and no bin is closed. */
export const isUnrestricted = (p: PackingProblem): boolean =>
  p.eligibility === null && p.groups.length === 0 && !p.closed?.some((c) => c !== 0);

/** Build an eligibility from per-item bin lists, sharing one class per distinct list. */
export function eligibilityFromLists(lists: readonly (readonly number[])[]): Eligibility {
  const byKey = new Map<string, number>();
  const classBins: Int32Array[] = [];
  const classOf = new Int32Array(lists.length);
  lists.forEach((list, i) => {
    const sorted = Int32Array.from(new Set(list)).sort();
    const key = sorted.join(',');
    let c = byKey.get(key);
    if (c === undefined) {
      c = classBins.length;
      byKey.set(key, c);
      classBins.push(sorted);
    }
    classOf[i] = c;
  });
  return { classOf, classBins };
}

/** Binary search in a sorted list of bin indices. */
export function sortedIncludes(list: ArrayLike<number>, x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid] ?? 0;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
