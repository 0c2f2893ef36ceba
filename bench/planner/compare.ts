// Solve one instance three ways (the planner, first-fit decreasing, HiGHS) with the same time
// budget, judge every answer with the independent checker, and build the benchmark's JSON line.
import { runSync } from '../../core/planner/budget';
import { checkAssignment } from '../../core/planner/check-assignment';
import { consolidateSteps } from '../../core/planner/consolidate';
import type { PackResult } from '../../core/planner/pack-result';
import { firstFitDecreasing } from './ffd';
import { solveMilp } from './highs-milp';
import type { BenchInstance } from './instance';

export interface SolverResult {
  /** Family objective (bins, or cloud-balancing score); null when the solver has no complete answer. */
  objective: number | null;
  feasible: boolean;
  seconds: number;
}

export interface BenchLine {
  instance: string;
  family: string;
  paddock: SolverResult;
  ffd: SolverResult;
  highs: SolverResult;
  bestKnown: number | null;
}

export interface Comparison {
  line: BenchLine;
  /** The planner's own lower bound in the family's objective, and why it stopped. */
  paddockBound: number;
  paddockStop: PackResult['stop'];
  /** Why HiGHS has no answer (or its status). */
  highsNote: string;
}

/** Above this many assignment variables the MILP is not even built (it would not fit in memory). */
const MILP_MAX_VARIABLES = 2_000_000;

const round = (s: number): number => Math.round(s * 1000) / 1000;

function judged(inst: BenchInstance, assign: ArrayLike<number> | null, seconds: number): SolverResult {
  if (!assign) return { objective: null, feasible: false, seconds: round(seconds) };
  const c = checkAssignment(inst.problem, assign);
  return {
    objective: c.feasible ? inst.objectiveOf(c.cost) : null,
    feasible: c.feasible,
    seconds: round(seconds),
  };
}

export async function compare(
  inst: BenchInstance,
  timeSeconds: number,
  bestKnown: number | null,
  seed = 1,
): Promise<Comparison> {
  const p = inst.problem;
  let t = performance.now();
  const r = runSync(consolidateSteps(p, { timeLimitMs: timeSeconds * 1000, seed }));
  const paddock = judged(inst, r.assign, (performance.now() - t) / 1000);

  t = performance.now();
  const ffdAssign = firstFitDecreasing(p);
  const ffd = judged(inst, ffdAssign, (performance.now() - t) / 1000);

  let highs: SolverResult;
  let highsNote: string;
  if (p.itemCount * Math.min(p.binCount, Math.max(1, p.itemCount)) > MILP_MAX_VARIABLES) {
    highs = { objective: null, feasible: false, seconds: 0 };
    highsNote = `not run: more than ${MILP_MAX_VARIABLES} assignment variables`;
  } else {
    const binsUsed = checkAssignment(p, ffdAssign).binsUsed;
    const m = await solveMilp(p, timeSeconds, binsUsed || p.binCount);
    highs = judged(inst, m.assign, m.seconds);
    highsNote = m.status;
  }
  return {
    line: { instance: inst.name, family: inst.family, paddock, ffd, highs, bestKnown },
    paddockBound: inst.objectiveOf(r.bound.value),
    paddockStop: r.stop,
    highsNote,
  };
}
