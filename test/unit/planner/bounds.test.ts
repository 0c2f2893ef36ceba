// Lower bounds never exceed what a feasible assignment achieves (checked exhaustively on tiny
// problems), and the classic bounds give their textbook values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceBound, consolidationBound, coverBound, l2Bound } from '../../../core/planner/bounds';
import { checkAssignment } from '../../../core/planner/check-assignment';
import type { PackingProblem } from '../../../core/planner/problem';
import { allAssignments, problemArb } from './arbitrary-problem';

/** Best cost and best peak over every feasible assignment (null when none is feasible). */
function exhaustive(p: PackingProblem): { cost: number; peak: number } | null {
  let cost = Number.POSITIVE_INFINITY;
  let peak = Number.POSITIVE_INFINITY;
  for (const a of allAssignments(p.itemCount, p.binCount)) {
    const r = checkAssignment(p, a);
    if (!r.feasible) continue;
    cost = Math.min(cost, r.cost);
    peak = Math.min(peak, r.peak);
  }
  return Number.isFinite(cost) ? { cost, peak } : null;
}

describe('l2Bound', () => {
  it('gives the Martello-Toth values', () => {
    // Six items of 60 in bins of 100: no two share a bin.
    expect(l2Bound([60, 60, 60, 60, 60, 60], 100)).toBe(6);
    // Volume alone says 2; the two items above half need their own bins.
    expect(l2Bound([51, 51, 49, 49], 100)).toBe(2);
    expect(l2Bound([70, 70, 30, 30, 30], 100)).toBe(3);
    expect(l2Bound([], 100)).toBe(0);
    expect(l2Bound([1], 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('coverBound', () => {
  it('is the cheapest fractional cover of the demand', () => {
    const p: PackingProblem = {
      dims: 1,
      dimNames: ['x'],
      itemCount: 0,
      binCount: 3,
      demand: new Float64Array(0),
      capacity: Float64Array.of(10, 10, 10),
      cost: Float64Array.of(1, 2, 5),
      eligibility: null,
      groups: [],
    };
    expect(coverBound(p, [0, 1, 2], Float64Array.of(15))).toBeCloseTo(2);
    expect(coverBound(p, [0, 1, 2], Float64Array.of(31))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('bounds never exceed a feasible objective', () => {
  it('property: consolidation and balance bounds <= exhaustive optimum', () => {
    fc.assert(
      fc.property(problemArb({ maxItems: 6, maxBins: 3, restrictions: true, pinned: true }), (p) => {
        const best = exhaustive(p);
        if (!best) return;
        expect(consolidationBound(p).value).toBeLessThanOrEqual(best.cost + 1e-9);
        expect(balanceBound(p).value).toBeLessThanOrEqual(best.peak + 1e-9);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  }, 600_000);

  it('property: without restrictions too (identical bins use L2)', () => {
    fc.assert(
      fc.property(problemArb({ maxItems: 7, maxBins: 4 }), (p) => {
        const best = exhaustive(p);
        if (!best) return;
        expect(consolidationBound(p).value).toBeLessThanOrEqual(best.cost + 1e-9);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  }, 600_000);
});

describe('bounds with pinned items', () => {
  it('counts a bin forced on by two parts once', () => {
    // Two items of different parts (eligibility) both pinned, invalidly, on bin 1.
    const p: PackingProblem = {
      dims: 1,
      dimNames: ['x'],
      itemCount: 2,
      binCount: 2,
      demand: Float64Array.of(1, 1),
      capacity: Float64Array.of(4, 4),
      cost: Float64Array.of(1, 1),
      eligibility: { classOf: Int32Array.of(0, 1), classBins: [Int32Array.of(0), Int32Array.of(1)] },
      groups: [],
      initial: Int32Array.of(1, 1),
      movable: Uint8Array.of(0, 0),
    };
    expect(consolidationBound(p).value).toBeLessThanOrEqual(checkAssignment(p, Int32Array.of(1, 1)).cost);
  });
});
