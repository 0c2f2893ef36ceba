// The independent assignment checker catches every kind of bad assignment, and accepts good ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAssignment } from '../../../core/planner/check-assignment';
import { eligibilityFromLists, type PackingProblem } from '../../../core/planner/problem';
import { problemArb } from './arbitrary-problem';

const base = (): PackingProblem => ({
  dims: 2,
  dimNames: ['cpu', 'mem'],
  itemCount: 4,
  binCount: 3,
  demand: Float64Array.from([2, 4, 2, 4, 1, 1, 3, 3]),
  capacity: Float64Array.from([4, 8, 4, 8, 4, 8]),
  cost: Float64Array.from([1, 2, 3]),
  eligibility: eligibilityFromLists([
    [0, 1, 2],
    [0, 1, 2],
    [0, 1],
    [1, 2],
  ]),
  groups: [{ name: 'pair', items: Int32Array.of(0, 1), maxPerBin: 1 }],
  initial: Int32Array.of(0, 1, 0, 2),
  movable: Uint8Array.of(1, 1, 1, 0),
  closed: Uint8Array.of(0, 0, 1),
  itemNames: ['a', 'b', 'c', 'd'],
  binNames: ['x', 'y', 'z'],
});

describe('checkAssignment', () => {
  it('accepts a valid assignment and reports its cost, bins and peak', () => {
    const r = checkAssignment(base(), Int32Array.of(0, 1, 0, 2));
    expect(r.violations).toEqual([]);
    expect(r.feasible).toBe(true);
    expect(r.cost).toBe(6);
    expect(r.binsUsed).toBe(3);
    expect(r.peak).toBeCloseTo(0.75);
  });

  it.each([
    ['unplaced', [0, 1, -1, 2], 'c is not placed'],
    ['unknown-bin', [0, 1, 7, 2], 'bin 7, which does not exist'],
    ['ineligible', [0, 1, 0, 0], 'd may not run on x'],
    ['closed', [2, 1, 0, 2], 'z takes no new items'],
    ['pinned-moved', [0, 1, 0, 1], 'd must stay on z'],
    ['capacity', [0, 0, 0, 2], 'exceeds capacity'],
    ['group', [1, 1, 0, 2], 'holds 2 members of "pair"'],
  ])('catches %s', (kind, assign, words) => {
    const r = checkAssignment(base(), Int32Array.from(assign));
    expect(r.feasible).toBe(false);
    const v = r.violations.find((x) => x.kind === kind);
    expect(v?.message).toContain(words);
  });

  it('flags an assignment of the wrong length', () => {
    expect(checkAssignment(base(), Int32Array.of(0, 1)).feasible).toBe(false);
  });

  it('property: moving one item of a feasible assignment onto a full bin is always caught', () => {
    fc.assert(
      fc.property(problemArb({ maxItems: 8 }), fc.nat(), (p, pick) => {
        // Everything on its own bin when possible: build a feasible start greedily.
        const assign = new Int32Array(p.itemCount).fill(-1);
        const load = new Float64Array(p.binCount * p.dims);
        for (let i = 0; i < p.itemCount; i++) {
          for (let b = 0; b < p.binCount && assign[i] === -1; b++) {
            let fits = true;
            for (let k = 0; k < p.dims; k++)
              fits &&=
                (load[b * p.dims + k] ?? 0) + (p.demand[i * p.dims + k] ?? 0) <=
                (p.capacity[b * p.dims + k] ?? 0);
            if (!fits) continue;
            assign[i] = b;
            for (let k = 0; k < p.dims; k++)
              load[b * p.dims + k] = (load[b * p.dims + k] ?? 0) + (p.demand[i * p.dims + k] ?? 0);
          }
        }
        const placed = [...assign.keys()].filter((i) => assign[i] !== -1);
        const before = checkAssignment(p, assign);
        expect(before.violations.filter((v) => v.kind !== 'unplaced')).toEqual([]);
        if (placed.length === 0) return;
        const i = placed[pick % placed.length] ?? 0;
        // Find a bin where i would overflow some dimension.
        for (let b = 0; b < p.binCount; b++) {
          if (b === assign[i]) continue;
          let over = false;
          for (let k = 0; k < p.dims; k++)
            over ||=
              (load[b * p.dims + k] ?? 0) + (p.demand[i * p.dims + k] ?? 0) >
              (p.capacity[b * p.dims + k] ?? 0);
          if (!over) continue;
          const bad = Int32Array.from(assign);
          bad[i] = b;
          const r = checkAssignment(p, bad);
          expect(r.violations.some((v) => v.kind === 'capacity' && v.bin === b)).toBe(true);
          return;
        }
      }),
      { numRuns: 200 },
    );
  }, 600_000);
});
