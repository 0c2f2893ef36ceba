// fast-check arbitraries for small abstract packing problems: 1-3 dimensions, a few bins with
// costs, items with demands, optional eligibility classes, conflict groups, pinned items and
// closed bins. Small enough that exhaustive answers can be computed in tests.
import fc from 'fast-check';
import { eligibilityFromLists, type ConflictGroup, type PackingProblem } from '../../../core/planner/problem';

export interface ProblemShape {
  maxItems?: number;
  maxBins?: number;
  restrictions?: boolean;
  pinned?: boolean;
}

export const problemArb = (shape: ProblemShape = {}): fc.Arbitrary<PackingProblem> =>
  fc
    .record({
      dims: fc.integer({ min: 1, max: 3 }),
      bins: fc.integer({ min: 1, max: shape.maxBins ?? 6 }),
      items: fc.integer({ min: 0, max: shape.maxItems ?? 10 }),
    })
    .chain(({ dims, bins, items }) =>
      fc.record({
        dims: fc.constant(dims),
        capacity: fc.array(fc.integer({ min: 4, max: 20 }), {
          minLength: bins * dims,
          maxLength: bins * dims,
        }),
        cost: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: bins, maxLength: bins }),
        demand: fc.array(fc.integer({ min: 0, max: 9 }), {
          minLength: items * dims,
          maxLength: items * dims,
        }),
        elig: shape.restrictions
          ? fc.array(fc.array(fc.integer({ min: 0, max: bins - 1 }), { minLength: 1, maxLength: bins }), {
              minLength: items,
              maxLength: items,
            })
          : fc.constant(null),
        groups: shape.restrictions
          ? fc.array(
              fc.record({
                members: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, items - 1) }), {
                  minLength: 2,
                  maxLength: 4,
                }),
                max: fc.integer({ min: 1, max: 2 }),
              }),
              { maxLength: items >= 2 ? 2 : 0 },
            )
          : fc.constant([] as { members: number[]; max: number }[]),
        initial: shape.pinned
          ? fc.array(fc.integer({ min: -1, max: bins - 1 }), { minLength: items, maxLength: items })
          : fc.constant(null),
        pinMask: shape.pinned
          ? fc.array(fc.boolean(), { minLength: items, maxLength: items })
          : fc.constant(null),
        closed: shape.restrictions
          ? fc.array(fc.integer({ min: 0, max: 6 }), { minLength: bins, maxLength: bins })
          : fc.constant(null),
      }),
    )
    .map((r) => {
      const binCount = r.cost.length;
      const itemCount = r.demand.length / r.dims;
      const groups: ConflictGroup[] = r.groups
        .filter((g) => g.members.length >= 2 && g.members.every((i) => i < itemCount))
        .map((g, k) => ({ name: `g${k}`, items: Int32Array.from(g.members), maxPerBin: g.max }));
      const initial = r.initial ? Int32Array.from(r.initial) : undefined;
      const movable =
        r.pinMask && initial
          ? Uint8Array.from(r.pinMask, (pin, i) => (pin && (initial[i] ?? -1) >= 0 ? 0 : 1))
          : undefined;
      const p: PackingProblem = {
        dims: r.dims,
        dimNames: Array.from({ length: r.dims }, (_, k) => `d${k}`),
        itemCount,
        binCount,
        demand: Float64Array.from(r.demand),
        capacity: Float64Array.from(r.capacity),
        cost: Float64Array.from(r.cost),
        eligibility: r.elig ? eligibilityFromLists(r.elig) : null,
        groups,
        ...(initial ? { initial } : {}),
        ...(movable ? { movable } : {}),
        ...(r.closed ? { closed: Uint8Array.from(r.closed, (x) => (x === 0 ? 1 : 0)) } : {}),
      };
      return p;
    });

/** Every assignment of items to bins (or nowhere), for exhaustive checks on tiny problems. */
export function* allAssignments(items: number, bins: number): Generator<Int32Array> {
  const a = new Int32Array(items).fill(0);
  if (items === 0) {
    yield a;
    return;
  }
  for (;;) {
    yield a;
    let k = 0;
    while (k < items) {
      a[k] = (a[k] ?? 0) + 1;
      if ((a[k] ?? 0) < bins) break;
      a[k] = 0;
      k++;
    }
    if (k === items) return;
  }
}
