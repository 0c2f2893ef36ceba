// What the engine's solvers return for an abstract packing problem.
import { relativeGap, type Bound } from './bounds';
import type { Budget, StopReason } from './budget';

export type Objective = 'consolidate' | 'balance';

export interface PackResult {
  objective: Objective;
  /** Bin of each item in the best assignment found (-1 = could not be placed). */
  assign: Int32Array;
  /** Consolidation: total cost of bins in use; balance: peak utilisation (0..1). */
  value: number;
  bound: Bound;
  /** (value - bound) / bound; 0 = proven optimal. */
  gap: number;
  /** Items that fit nowhere in the best assignment (empty when feasible). */
  unplaced: number[];
  stop: StopReason;
  iterations: number;
  elapsedMs: number;
}

/** The result of a solver run: items left at -1 in `assign` are reported as unplaced. */
export function packResult(
  objective: Objective,
  assign: Int32Array,
  value: number,
  bound: Bound,
  stop: StopReason,
  budget: Budget,
): PackResult {
  const unplaced: number[] = [];
  for (let i = 0; i < assign.length; i++) if ((assign[i] ?? -1) < 0) unplaced.push(i);
  budget.progress('done', value, bound.value, true);
  return {
    objective,
    assign,
    value,
    bound,
    gap: unplaced.length ? Number.POSITIVE_INFINITY : relativeGap(value, bound.value),
    unplaced,
    stop,
    iterations: budget.iterations,
    elapsedMs: budget.elapsedMs(),
  };
}
