import { describe, expect, it } from 'vitest';
import { JobCancelledError, JobManager, type JobInfo } from '../../../core/jobs/job-manager';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('JobManager', () => {
  it('reports progress and success with the result', async () => {
    const jobs = new JobManager();
    const seen: JobInfo[] = [];
    jobs.onUpdate((j) => seen.push(j));
    const h = jobs.start({ kind: 'test', title: 'count' }, async (ctx) => {
      ctx.progress(0.5, 'half');
      ctx.log('line one');
      return 42;
    });
    await expect(h.done).resolves.toBe(42);
    const final = jobs.get(h.id);
    expect(final?.state).toBe('succeeded');
    expect(final?.fraction).toBe(1);
    expect(final?.log).toEqual(['line one']);
    expect(seen.map((j) => j.state)).toEqual(['queued', 'running', 'running', 'running', 'succeeded']);
    expect(seen.find((j) => j.message === 'half')?.fraction).toBe(0.5);
  });

  it('records a failure with its message and rejects done', async () => {
    const jobs = new JobManager();
    const h = jobs.start({ kind: 'test', title: 'boom' }, async () => {
      throw new Error('host unreachable');
    });
    await expect(h.done).rejects.toThrow('host unreachable');
    expect(jobs.get(h.id)).toMatchObject({ state: 'failed', error: 'host unreachable' });
  });

  it('cancels a running job through its signal', async () => {
    const jobs = new JobManager();
    const h = jobs.start({ kind: 'test', title: 'wait' }, (ctx) => {
      return new Promise<void>((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
      });
    });
    await Promise.resolve();
    expect(jobs.cancel(h.id)).toBe(true);
    await expect(h.done).rejects.toBeInstanceOf(JobCancelledError);
    expect(jobs.get(h.id)?.state).toBe('cancelled');
    expect(jobs.cancel(h.id)).toBe(false);
  });

  it('serialises jobs sharing a lock key and never overlaps them', async () => {
    const jobs = new JobManager();
    const first = deferred<undefined>();
    let running = 0;
    let maxRunning = 0;
    const order: string[] = [];
    const run = (name: string, gate?: Promise<void>) =>
      jobs.start({ kind: 'vm', title: name, lockKey: 'vm:a' }, async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        order.push(`start ${name}`);
        if (gate) await gate;
        order.push(`end ${name}`);
        running--;
      });
    const a = run('a', first.promise);
    const b = run('b');
    await new Promise((r) => setTimeout(r, 10));
    expect(jobs.get(b.id)?.state).toBe('queued');
    first.resolve(undefined);
    await Promise.all([a.done, b.done]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(maxRunning).toBe(1);
  });

  it('a queued job cancelled before it starts never runs', async () => {
    const jobs = new JobManager();
    const gate = deferred<undefined>();
    let ran = false;
    const a = jobs.start({ kind: 'vm', title: 'a', lockKey: 'k' }, () => gate.promise);
    const b = jobs.start({ kind: 'vm', title: 'b', lockKey: 'k' }, async () => {
      ran = true;
    });
    jobs.cancel(b.id);
    gate.resolve(undefined);
    await a.done;
    await expect(b.done).rejects.toBeInstanceOf(JobCancelledError);
    expect(ran).toBe(false);
    expect(jobs.get(b.id)?.state).toBe('cancelled');
  });
});
