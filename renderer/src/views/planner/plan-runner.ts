// Runs plans in a Web Worker (core/planner's worker protocol), one at a time, so the page stays
// responsive while the planner searches. Cancel asks the worker for the best plan so far; a
// worker that does not answer within a grace period is terminated (a fresh one serves the next
// run), so a stuck search can never hold the view. Replies of earlier runs are ignored.
import type { Site } from '../../../../core/model/types';
import type {
  Plan,
  PlannerReplyMessage,
  PlannerRequestMessage,
  PlanRequest,
  Progress,
} from '../../../../core/planner';

/** The part of a Worker the runner uses (a fake in tests). */
export interface PlanWorker {
  postMessage(m: PlannerRequestMessage): void;
  terminate(): void;
  onmessage: ((e: { data: PlannerReplyMessage }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}

export interface RunCallbacks {
  progress(p: Progress): void;
  done(plan: Plan): void;
  failed(message: string): void;
}

export interface RunOptions {
  timeLimitMs: number;
  seed: number;
}

export interface Timers {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
}

const defaultTimers: Timers = {
  setTimeout: (f, ms) => globalThis.setTimeout(f, ms),
  clearTimeout: (t) => globalThis.clearTimeout(t as number),
};

export class PlanRunner {
  private worker: PlanWorker | null = null;
  private current: { id: number; cb: RunCallbacks } | null = null;
  private killTimer: unknown = null;
  private nextId = 1;

  constructor(
    private readonly makeWorker: () => PlanWorker,
    /** How long a cancelled search may take to answer before the worker is terminated. */
    private readonly graceMs = 3000,
    private readonly timers: Timers = defaultTimers,
  ) {}

  get running(): boolean {
    return this.current !== null;
  }

  /** Start a plan; a run still going is abandoned (its replies are ignored). */
  start(site: Site, request: PlanRequest, opts: RunOptions, cb: RunCallbacks): number {
    if (this.current) this.abandon();
    const id = this.nextId++;
    this.current = { id, cb };
    let w: PlanWorker;
    try {
      w = this.ensureWorker();
    } catch (e) {
      this.finish(id, (c) =>
        c.failed(`The planner could not start: ${e instanceof Error ? e.message : String(e)}`),
      );
      return id;
    }
    w.postMessage({ type: 'plan', id, site, request, timeLimitMs: opts.timeLimitMs, seed: opts.seed });
    return id;
  }

  /** Ask for the best plan so far; terminate the worker if it does not answer in time. */
  cancel(): void {
    const cur = this.current;
    if (!cur || !this.worker) return;
    this.worker.postMessage({ type: 'cancel', id: cur.id });
    if (this.killTimer !== null) return;
    this.killTimer = this.timers.setTimeout(() => {
      this.killTimer = null;
      this.dropWorker();
      this.finish(cur.id, (c) =>
        c.failed(
          `The planner did not stop within ${this.graceMs / 1000} s of the cancel and was stopped; no plan to show`,
        ),
      );
    }, this.graceMs);
  }

  dispose(): void {
    this.abandon();
    this.dropWorker();
  }

  private ensureWorker(): PlanWorker {
    if (this.worker) return this.worker;
    const w = this.makeWorker();
    w.onmessage = (e) => this.onReply(e.data);
    w.onerror = (e) => {
      // The worker itself failed (its script did not load, or it crashed): start afresh next time.
      const cur = this.current;
      this.dropWorker();
      if (cur)
        this.finish(cur.id, (c) =>
          c.failed(`The planner stopped with an error: ${e.message ?? 'unknown error'}`),
        );
    };
    this.worker = w;
    return w;
  }

  private onReply(m: PlannerReplyMessage): void {
    const cur = this.current;
    if (!cur || m.id !== cur.id) return;
    switch (m.type) {
      case 'progress':
        cur.cb.progress(m.progress);
        break;
      case 'done':
        this.finish(m.id, (c) => c.done(m.plan));
        break;
      case 'error':
        this.finish(m.id, (c) => c.failed(m.message));
        break;
    }
  }

  private finish(id: number, report: (cb: RunCallbacks) => void): void {
    const cur = this.current;
    if (!cur || cur.id !== id) return;
    this.current = null;
    this.clearKill();
    report(cur.cb);
  }

  private abandon(): void {
    const cur = this.current;
    this.current = null;
    this.clearKill();
    if (cur && this.worker) this.worker.postMessage({ type: 'cancel', id: cur.id });
  }

  private clearKill(): void {
    if (this.killTimer !== null) this.timers.clearTimeout(this.killTimer);
    this.killTimer = null;
  }

  private dropWorker(): void {
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    w.onmessage = null;
    w.onerror = null;
    w.terminate();
  }
}
