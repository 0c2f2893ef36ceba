// Independent check of an assignment against an abstract problem: recomputes every load from
// scratch (nothing shared with the solver's incremental state) and lists every broken rule.
// The benchmark judges all three solvers with it; site plans are checked by replaying them
// through the placement policy instead (plan-check.ts).
import { binLabel, itemLabel, sortedIncludes, type PackingProblem } from './problem';

export type AssignmentViolationKind =
  'unplaced' | 'unknown-bin' | 'ineligible' | 'closed' | 'capacity' | 'group' | 'pinned-moved';

export interface AssignmentViolation {
  kind: AssignmentViolationKind;
  item?: number;
  bin?: number;
  message: string;
}

export interface AssignmentCheck {
  feasible: boolean;
  violations: AssignmentViolation[];
  /** Total cost of bins holding at least one item. */
  cost: number;
  binsUsed: number;
  /** Highest load / capacity over bins and dimensions. */
  peak: number;
}

const MAX_REPORTED = 200;

export function checkAssignment(p: PackingProblem, assign: ArrayLike<number>): AssignmentCheck {
  const d = p.dims;
  const violations: AssignmentViolation[] = [];
  const add = (v: AssignmentViolation): void => {
    if (violations.length < MAX_REPORTED) violations.push(v);
  };
  if (assign.length !== p.itemCount) {
    add({ kind: 'unplaced', message: `assignment has ${assign.length} entries for ${p.itemCount} items` });
  }
  const load = new Float64Array(p.binCount * d);
  const used = new Uint8Array(p.binCount);
  const allowed = (i: number, b: number): boolean => {
    const e = p.eligibility;
    if (!e) return true;
    const bins = e.classBins[e.classOf[i] ?? -1];
    if (!bins) return false;
    // Class bin lists are sorted (validateProblem checks it).
    return sortedIncludes(bins, b);
  };
  for (let i = 0; i < p.itemCount; i++) {
    const b = assign[i] ?? -1;
    if (b === -1) {
      add({ kind: 'unplaced', item: i, message: `${itemLabel(p, i)} is not placed` });
      continue;
    }
    if (!Number.isInteger(b) || b < 0 || b >= p.binCount) {
      add({
        kind: 'unknown-bin',
        item: i,
        message: `${itemLabel(p, i)} is on bin ${b}, which does not exist`,
      });
      continue;
    }
    if (!allowed(i, b))
      add({
        kind: 'ineligible',
        item: i,
        bin: b,
        message: `${itemLabel(p, i)} may not run on ${binLabel(p, b)}`,
      });
    const init = p.initial?.[i] ?? -1;
    if (p.closed?.[b] === 1 && init !== b) {
      add({
        kind: 'closed',
        item: i,
        bin: b,
        message: `${binLabel(p, b)} takes no new items, but ${itemLabel(p, i)} was put there`,
      });
    }
    if (p.movable?.[i] === 0 && init !== b) {
      add({
        kind: 'pinned-moved',
        item: i,
        bin: b,
        message: `${itemLabel(p, i)} must stay on ${binLabel(p, init)}`,
      });
    }
    used[b] = 1;
    for (let k = 0; k < d; k++) load[b * d + k] = (load[b * d + k] ?? 0) + (p.demand[i * d + k] ?? 0);
  }
  let cost = 0;
  let binsUsed = 0;
  let peak = 0;
  for (let b = 0; b < p.binCount; b++) {
    if (used[b] !== 1) continue;
    cost += p.cost[b] ?? 0;
    binsUsed++;
    for (let k = 0; k < d; k++) {
      const l = load[b * d + k] ?? 0;
      const c = p.capacity[b * d + k] ?? 0;
      if (l > 0) peak = Math.max(peak, c > 0 ? l / c : Number.POSITIVE_INFINITY);
      if (l > c) {
        add({
          kind: 'capacity',
          bin: b,
          message: `${binLabel(p, b)}: ${p.dimNames[k] ?? `dimension ${k}`} load ${l} exceeds capacity ${c}`,
        });
      }
    }
  }
  p.groups.forEach((g) => {
    const perBin = new Map<number, number>();
    for (const i of g.items) {
      const b = assign[i] ?? -1;
      if (b >= 0) perBin.set(b, (perBin.get(b) ?? 0) + 1);
    }
    for (const [b, n] of perBin) {
      if (n > g.maxPerBin) {
        add({
          kind: 'group',
          bin: b,
          message: `${binLabel(p, b)} holds ${n} members of "${g.name}" (at most ${g.maxPerBin})`,
        });
      }
    }
  });
  return { feasible: violations.length === 0, violations, cost, binsUsed, peak };
}
