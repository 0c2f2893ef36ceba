// What the engine's solvers return for an abstract packing problem.
import type { Bound } from './bounds';
import type { StopReason } from './budget';

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
