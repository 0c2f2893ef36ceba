// Migration ordering: every intermediate state is valid; cycles go through a temporary bin or
// are reported as blocked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAssignment } from '../../../core/planner/check-assignment';
import { runSync } from '../../../core/planner/budget';
import { consolidateSteps } from '../../../core/planner/consolidate';
import type { PackingProblem } from '../../../core/planner/problem';
import { sequenceMoves, type SequencedMove } from '../../../core/planner/sequence';
import { problemArb } from './arbitrary-problem';

/** Replay moves from `initial`, checking the whole assignment after every move. */
function replay(
  p: PackingProblem,
  initial: Int32Array,
  moves: readonly SequencedMove[],
): { final: Int32Array; broken: string[] } {
  const a = Int32Array.from(initial);
  const broken: string[] = [];
  moves.forEach((m, k) => {
    if (a[m.item] !== m.from) broken.push(`move ${k}: item ${m.item} is on ${a[m.item]}, not ${m.from}`);
    a[m.item] = m.to;
    for (const v of checkAssignment(p, a).violations)
      if (v.kind !== 'unplaced') broken.push(`after move ${k}: ${v.message}`);
  });
  return { final: a, broken };
}

const oneDim = (caps: number[], sizes: number[]): PackingProblem => ({
  dims: 1,
  dimNames: ['mem'],
  itemCount: sizes.length,
  binCount: caps.length,
  demand: Float64Array.from(sizes),
  capacity: Float64Array.from(caps),
  cost: new Float64Array(caps.length).fill(1),
  eligibility: null,
  groups: [],
});

describe('sequenceMoves', () => {
  it('orders a chain so each move finds room: c moves out before b moves in, before a', () => {
    // Bins of 10: a (6) on 0 goes to 1, where b (6) sits and goes to 2, where c (6) sits and goes to 3.
    const p = oneDim([10, 10, 10, 10], [6, 6, 6]);
    const initial = Int32Array.of(0, 1, 2);
    const target = Int32Array.of(1, 2, 3);
    const s = sequenceMoves(p, initial, target);
    expect(s.blocked).toEqual([]);
    expect(s.moves.map((m) => m.item)).toEqual([2, 1, 0]);
    const r = replay(p, initial, s.moves);
    expect(r.broken).toEqual([]);
    expect(Array.from(r.final)).toEqual([1, 2, 3]);
  });

  it('breaks a swap cycle through a temporary bin', () => {
    // a and b swap full bins; bin 2 has room for one of them for a while.
    const p = oneDim([10, 10, 10], [8, 8]);
    const initial = Int32Array.of(0, 1);
    const target = Int32Array.of(1, 0);
    const s = sequenceMoves(p, initial, target);
    expect(s.blocked).toEqual([]);
    expect(s.moves.filter((m) => m.temporary)).toHaveLength(1);
    expect(s.moves).toHaveLength(3);
    const r = replay(p, initial, s.moves);
    expect(r.broken).toEqual([]);
    expect(Array.from(r.final)).toEqual([1, 0]);
  });

  it('reports a cycle it cannot break', () => {
    const p = oneDim([10, 10], [8, 8]);
    const s = sequenceMoves(p, Int32Array.of(0, 1), Int32Array.of(1, 0));
    expect(s.moves).toEqual([]);
    expect(s.blocked.sort()).toEqual([0, 1]);
  });

  it('property: from any valid placement to any other, every intermediate state is valid and blocked moves are the only ones not made', () => {
    fc.assert(
      fc.property(
        problemArb({ maxItems: 9, maxBins: 5, restrictions: true }),
        fc.integer({ min: 1, max: 1000 }),
        (p, seed) => {
          const a = runSync(consolidateSteps(p, { timeLimitMs: 1000, maxIterations: 20, seed }));
          const b = runSync(consolidateSteps(p, { timeLimitMs: 1000, maxIterations: 20, seed: seed + 1 }));
          if (!checkAssignment(p, a.assign).feasible || !checkAssignment(p, b.assign).feasible) return;
          // From one valid placement to another (different seeds: many items move).
          const target = Int32Array.from(b.assign);
          const s = sequenceMoves(p, a.assign, target);
          const r = replay(p, a.assign, s.moves);
          expect(r.broken).toEqual([]);
          for (let i = 0; i < p.itemCount; i++) {
            if (s.blocked.includes(i)) continue;
            expect(r.final[i]).toBe(target[i]);
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  }, 600_000);
});
