// Order the moves from one assignment to another so that every intermediate state is valid:
// a move runs only when its destination has room for it (and group limits allow it) with
// everything else where it is at that moment. When no pending move can run (a cycle: A waits
// for B's room and B for A's), one VM steps aside to a temporary bin that has room now, and
// moves on to its destination later. Moves that still cannot run are reported as blocked.
import type { PackingProblem } from './problem';
import { PackingState } from './state';

export interface SequencedMove {
  item: number;
  /** -1 when the item was not placed before (a new VM). */
  from: number;
  to: number;
  /** A step aside to break a cycle; the item moves on later. */
  temporary: boolean;
}

export interface MoveSequence {
  moves: SequencedMove[];
  /** Items whose move to their destination could not be ordered validly. */
  blocked: number[];
}

/** Step-asides allowed per item before its move counts as blocked. */
const MAX_STEP_ASIDES = 2;

export function sequenceMoves(
  p: PackingProblem,
  initial: ArrayLike<number>,
  target: ArrayLike<number>,
): MoveSequence {
  const s = new PackingState(p);
  for (let i = 0; i < p.itemCount; i++) {
    const b = initial[i] ?? -1;
    if (b >= 0) s.put(i, b);
  }
  const d = p.dims;
  const size = (i: number): number => {
    let v = 0;
    for (let k = 0; k < d; k++) v += p.demand[i * d + k] ?? 0;
    return v;
  };
  let pending: number[] = [];
  for (let i = 0; i < p.itemCount; i++) {
    const to = target[i] ?? -1;
    if (to >= 0 && to !== (initial[i] ?? -1)) pending.push(i);
  }
  // Large before small: they are the hardest to fit once space gets scattered.
  pending.sort((a, b) => size(b) - size(a) || a - b);
  const moves: SequencedMove[] = [];
  const asides = new Uint8Array(p.itemCount);
  while (pending.length > 0) {
    const still: number[] = [];
    for (const i of pending) {
      const to = target[i] ?? -1;
      if (s.fits(i, to)) {
        moves.push({ item: i, from: s.assign[i] ?? -1, to, temporary: false });
        s.move(i, to);
      } else still.push(i);
    }
    if (still.length < pending.length) {
      pending = still;
      continue;
    }
    // Deadlock: step one item aside to the bin with the most room left after it. Prefer an
    // item sitting on another pending move's destination: its leaving is what that move waits for.
    const awaited = new Set<number>();
    for (const j of pending) awaited.add(target[j] ?? -1);
    const order = [
      ...pending.filter((i) => awaited.has(s.assign[i] ?? -1)),
      ...pending.filter((i) => !awaited.has(s.assign[i] ?? -1)),
    ];
    let chosen = -1;
    let via = -1;
    for (const i of order) {
      if ((asides[i] ?? 0) >= MAX_STEP_ASIDES || (s.assign[i] ?? -1) < 0) continue;
      let bestRoom = Number.NEGATIVE_INFINITY;
      for (const t of s.elig.binsOf(i)) {
        if (t === s.assign[i] || t === target[i] || !s.fits(i, t)) continue;
        const room = roomAfter(s, i, t);
        if (room > bestRoom) {
          bestRoom = room;
          via = t;
        }
      }
      if (via >= 0) {
        chosen = i;
        break;
      }
    }
    if (chosen < 0) return { moves, blocked: pending };
    moves.push({ item: chosen, from: s.assign[chosen] ?? -1, to: via, temporary: true });
    s.move(chosen, via);
    asides[chosen] = (asides[chosen] ?? 0) + 1;
  }
  return { moves, blocked: [] };
}

/** Smallest free share over the dimensions of bin t after adding item i. */
function roomAfter(s: PackingState, i: number, t: number): number {
  const d = s.dims;
  let room = Number.POSITIVE_INFINITY;
  for (let k = 0; k < d; k++) {
    const c = s.cap[t * d + k] ?? 0;
    const free = c - (s.load[t * d + k] ?? 0) - (s.p.demand[i * d + k] ?? 0);
    room = Math.min(room, c > 0 ? free / c : 0);
  }
  return room;
}
