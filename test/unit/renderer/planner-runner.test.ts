// The plan runner against core/planner's REAL worker protocol, hosted in-process (messages
// structured-cloned as a Worker would): plans come back as the planner computes them, progress
// arrives while a long search runs, Cancel returns the best plan so far, a worker that does not
// answer is terminated after the grace period, and replies of abandoned runs are ignored.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import {
  planSync,
  plannerWorkerHandler,
  type Plan,
  type PlannerReplyMessage,
  type PlannerRequestMessage,
  type Progress,
} from '../../../core/planner';
import { loadSite } from '../../../core/site';
import { EXAMPLE_SITE } from '../../../electron/shared/paths';
import {
  PlanRunner,
  type PlanWorker,
  type RunCallbacks,
  type Timers,
} from '../../../renderer/src/views/planner/plan-runner';

const SITE = loadSite(readFileSync(EXAMPLE_SITE, 'utf8'), 'example-site.yaml').site as Site;

/** core/planner's worker side, as a Worker would host it (asynchronous, cloned messages). */
class InProcessWorker implements PlanWorker {
  onmessage: ((e: { data: PlannerReplyMessage }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  terminated = false;
  readonly posted: PlannerRequestMessage[] = [];
  private readonly handle = plannerWorkerHandler((m) => {
    if (!this.terminated) setTimeout(() => this.onmessage?.({ data: structuredClone(m) }), 0);
  });
  postMessage(m: PlannerRequestMessage): void {
    this.posted.push(m);
    setTimeout(() => {
      if (!this.terminated) this.handle(structuredClone(m));
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** A worker that takes messages and never answers (a stuck search). */
class SilentWorker implements PlanWorker {
  onmessage: ((e: { data: PlannerReplyMessage }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  terminated = false;
  readonly posted: PlannerRequestMessage[] = [];
  postMessage(m: PlannerRequestMessage): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Timers the test fires by hand. */
function manualTimers(): Timers & { fire(): void; pending(): number } {
  const waiting = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (f) => {
      waiting.set(next, f);
      return next++;
    },
    clearTimeout: (t) => {
      waiting.delete(t as number);
    },
    fire: () => {
      const fs = [...waiting.values()];
      waiting.clear();
      fs.forEach((f) => f());
    },
    pending: () => waiting.size,
  };
}

interface Outcome {
  progress: Progress[];
  result: Promise<{ plan?: Plan; error?: string }>;
  cb: RunCallbacks;
}

function outcome(): Outcome {
  const progress: Progress[] = [];
  let settle: (v: { plan?: Plan; error?: string }) => void = () => undefined;
  const result = new Promise<{ plan?: Plan; error?: string }>((r) => (settle = r));
  return {
    progress,
    result,
    cb: {
      progress: (p) => progress.push(p),
      done: (plan) => settle({ plan }),
      failed: (error) => settle({ error }),
    },
  };
}

describe('PlanRunner', () => {
  it('runs a plan in the worker and answers what the planner answers', async () => {
    const runner = new PlanRunner(() => new InProcessWorker());
    const o = outcome();
    runner.start(SITE, { kind: 'evacuate', container: 'mgmt-x1' }, { timeLimitMs: 10_000, seed: 1 }, o.cb);
    expect(runner.running).toBe(true);
    const { plan } = await o.result;
    const direct = planSync(
      SITE,
      { kind: 'evacuate', container: 'mgmt-x1' },
      { timeLimitMs: 10_000, seed: 1 },
    );
    expect(plan?.steps).toEqual(direct.steps);
    expect(plan?.check.ok).toBe(true);
    expect(runner.running).toBe(false);
    runner.dispose();
  });

  it('reports progress during a long search; Cancel returns the best plan so far, checked', async () => {
    const runner = new PlanRunner(() => new InProcessWorker());
    const o = outcome();
    runner.start(
      SITE,
      { kind: 'whatif', ops: [{ kind: 'add-vms', count: 3000, domain: 'edu', vcpus: 1, memoryMiB: 512 }] },
      { timeLimitMs: 60_000, seed: 1 },
      o.cb,
    );
    await expect.poll(() => o.progress.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(o.progress[0]?.phase).toMatch(/^what-if/);
    const t = Date.now();
    runner.cancel();
    const { plan, error } = await o.result;
    expect(error).toBeUndefined();
    expect(Date.now() - t).toBeLessThan(5000);
    expect(plan?.stop).toBe('cancelled');
    expect(plan?.check.ok).toBe(true);
    expect(plan?.whatIf?.fits).toBe(false);
    runner.dispose();
  }, 30_000);

  it('terminates a worker that does not answer a cancel, says so, and starts a fresh one next time', async () => {
    const timers = manualTimers();
    const made: SilentWorker[] = [];
    const runner = new PlanRunner(
      () => {
        const w = new SilentWorker();
        made.push(w);
        return w;
      },
      3000,
      timers,
    );
    const o = outcome();
    runner.start(SITE, { kind: 'place' }, { timeLimitMs: 1000, seed: 1 }, o.cb);
    runner.cancel();
    expect(made[0]?.posted.map((m) => m.type)).toEqual(['plan', 'cancel']);
    expect(timers.pending()).toBe(1);
    timers.fire();
    expect((await o.result).error).toBe(
      'The planner did not stop within 3 s of the cancel and was stopped; no plan to show',
    );
    expect(made[0]?.terminated).toBe(true);
    expect(runner.running).toBe(false);
    runner.start(SITE, { kind: 'place' }, { timeLimitMs: 1000, seed: 1 }, outcome().cb);
    expect(made).toHaveLength(2);
    runner.dispose();
  });

  it('ignores the replies of a run it abandoned for a newer one', async () => {
    const runner = new PlanRunner(() => new InProcessWorker());
    let firstHeard = false;
    runner.start(
      SITE,
      { kind: 'evacuate', container: 'grid-k1' },
      { timeLimitMs: 10_000, seed: 1 },
      {
        progress: () => (firstHeard = true),
        done: () => (firstHeard = true),
        failed: () => (firstHeard = true),
      },
    );
    const second = outcome();
    runner.start(
      SITE,
      { kind: 'evacuate', container: 'mgmt-x1' },
      { timeLimitMs: 10_000, seed: 1 },
      second.cb,
    );
    const { plan } = await second.result;
    expect(plan?.steps.every((s) => s.from === 'mgmt-x1')).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(firstHeard).toBe(false);
    runner.dispose();
  });

  it('a worker that fails reports the error; the next run gets a new worker', async () => {
    const made: SilentWorker[] = [];
    const runner = new PlanRunner(() => {
      const w = new SilentWorker();
      made.push(w);
      return w;
    });
    const o = outcome();
    runner.start(SITE, { kind: 'place' }, { timeLimitMs: 1000, seed: 1 }, o.cb);
    made[0]?.onerror?.({ message: 'SyntaxError in planner.worker.js' });
    expect((await o.result).error).toBe(
      'The planner stopped with an error: SyntaxError in planner.worker.js',
    );
    expect(made[0]?.terminated).toBe(true);
    runner.start(SITE, { kind: 'place' }, { timeLimitMs: 1000, seed: 1 }, outcome().cb);
    expect(made).toHaveLength(2);
    runner.dispose();
  });

  it('a request the planner refuses comes back as its sentence', async () => {
    const runner = new PlanRunner(() => new InProcessWorker());
    const o = outcome();
    runner.start(SITE, { kind: 'evacuate', container: 'nowhere' }, { timeLimitMs: 1000, seed: 1 }, o.cb);
    expect((await o.result).error).toMatch(/nowhere/);
    runner.dispose();
  });
});
