// Time budget, cancellation and progress for the anytime solvers. Pure: the clock is
// injectable and defaults to Date.now, and cancellation takes anything shaped like an
// AbortSignal (the pure core is compiled without DOM or Node types).

/** Structural subset of AbortSignal. */
export interface AbortLike {
  readonly aborted: boolean;
}

export interface Progress {
  /** What the solver is doing, e.g. "construct", "consolidate", "balance". */
  phase: string;
  /** Share of the time budget used, 0..1. */
  fraction: number;
  /** Objective of the best plan so far (null before the first one). */
  best: number | null;
  /** Lower bound on the objective. */
  bound: number;
  elapsedMs: number;
}

export interface AnytimeOptions {
  /** Stop searching after this long and return the best plan so far (default 10 s). */
  timeLimitMs?: number;
  signal?: AbortLike;
  onProgress?: (p: Progress) => void;
  /** Seed of the random choices: equal seeds give equal plans when no time limit cuts the search. */
  seed?: number;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
  /** Stop after this many search iterations; with it, results do not depend on machine speed. */
  maxIterations?: number;
}

export type StopReason = 'optimal' | 'time' | 'cancelled' | 'iterations' | 'exhausted';

const PROGRESS_EVERY_MS = 100;
const YIELD_EVERY_MS = 25;

export class Budget {
  readonly start: number;
  readonly deadline: number;
  private readonly now: () => number;
  private readonly signal: AbortLike | undefined;
  private readonly onProgress: ((p: Progress) => void) | undefined;
  private lastProgress = Number.NEGATIVE_INFINITY;
  readonly maxIterations: number;
  iterations = 0;

  constructor(opts: AnytimeOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.start = this.now();
    const limit = opts.timeLimitMs ?? 10_000;
    if (!(limit >= 0)) throw new RangeError(`timeLimitMs: ${limit} is not a non-negative number`);
    this.deadline = this.start + limit;
    this.signal = opts.signal;
    this.onProgress = opts.onProgress;
    this.maxIterations = opts.maxIterations ?? Number.POSITIVE_INFINITY;
  }

  elapsedMs(): number {
    return this.now() - this.start;
  }

  /** Why the search must stop now, or null to go on. */
  stopReason(): StopReason | null {
    if (this.signal?.aborted) return 'cancelled';
    if (this.iterations >= this.maxIterations) return 'iterations';
    if (this.now() >= this.deadline) return 'time';
    return null;
  }

  get cancelled(): boolean {
    return this.signal?.aborted === true;
  }

  /** A sub-deadline: at most `share` of what is left of the budget. */
  sliceEnd(share: number): number {
    const t = this.now();
    return t + Math.max(0, this.deadline - t) * share;
  }

  timeLeftMs(): number {
    return Math.max(0, this.deadline - this.now());
  }

  nowMs(): number {
    return this.now();
  }

  private lastYield = Number.NEGATIVE_INFINITY;

  /** True about every YIELD_EVERY_MS: the solver generators yield then so a worker can take messages. */
  shouldYield(): boolean {
    const t = this.now();
    if (t - this.lastYield < YIELD_EVERY_MS) return false;
    this.lastYield = t;
    return true;
  }

  progress(phase: string, best: number | null, bound: number, force = false): void {
    if (!this.onProgress) return;
    const t = this.now();
    if (!force && t - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = t;
    const span = this.deadline - this.start;
    const fraction = span > 0 ? Math.min(1, (t - this.start) / span) : 1;
    this.onProgress({ phase, fraction, best, bound, elapsedMs: t - this.start });
  }
}

/** A solver as a generator: it yields now and then (see Budget.shouldYield) and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Run a solver to its end without yielding to the event loop (CLI, benchmark, tests). */
export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

type SetTimeoutLike = (cb: () => void, ms: number) => unknown;

/** Run a solver, letting the event loop run between slices so progress and cancellation get through. */
export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  // setTimeout exists in workers and Node but is not part of the ES library types.
  const st = (globalThis as { setTimeout?: SetTimeoutLike }).setTimeout;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => (st ? st(resolve, 0) : resolve()));
  }
}
