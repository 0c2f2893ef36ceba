// Long operations (lifecycle actions, discovery refreshes, migrations, plans) run as jobs:
// each has an id, a title, progress, a cancel switch and a final state, and every change is
// published so the UI can show a jobs panel with progress bars. Jobs touching the same
// resource (e.g. one VM) are serialised through an optional lock key.

import type { JobInfo, JobState } from '../records/job-info';

// A job's published state is pure (the contract sends it to the renderer as is).
export type { JobInfo, JobState } from '../records/job-info';

export interface JobContext {
  readonly signal: AbortSignal;
  progress(fraction: number | undefined, message?: string): void;
  log(line: string): void;
}

export interface StartOptions {
  kind: string;
  title: string;
  /** Jobs with the same lock key run one after another, in start order. */
  lockKey?: string;
}

export interface JobHandle<T> {
  readonly id: string;
  readonly done: Promise<T>;
}

export class JobCancelledError extends Error {
  constructor(title: string) {
    super(`${title}: cancelled`);
    this.name = 'JobCancelledError';
  }
}

const MAX_LOG_LINES = 200;
const MAX_FINISHED_JOBS = 500;

interface Entry {
  info: JobInfo;
  controller: AbortController;
}

export class JobManager {
  private readonly jobs = new Map<string, Entry>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(job: JobInfo) => void>();
  private seq = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Subscribe to every job change; returns an unsubscribe. */
  onUpdate(listener: (job: JobInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((e) => snapshot(e.info));
  }

  get(id: string): JobInfo | undefined {
    const e = this.jobs.get(id);
    return e && snapshot(e.info);
  }

  /** Request cancellation; the job's signal aborts and it ends as 'cancelled'. */
  cancel(id: string): boolean {
    const e = this.jobs.get(id);
    if (!e || isFinished(e.info.state)) return false;
    e.controller.abort(new JobCancelledError(e.info.title));
    return true;
  }

  start<T>(options: StartOptions, work: (ctx: JobContext) => Promise<T>): JobHandle<T> {
    const id = `job-${++this.seq}`;
    const controller = new AbortController();
    const info: JobInfo = {
      id,
      kind: options.kind,
      title: options.title,
      state: 'queued',
      createdAt: this.now().toISOString(),
      log: [],
    };
    const entry: Entry = { info, controller };
    this.jobs.set(id, entry);
    this.prune();
    this.emit(info);

    const previous = options.lockKey ? this.locks.get(options.lockKey) : undefined;
    const done = (async () => {
      if (previous) await previous.catch(() => undefined);
      if (controller.signal.aborted) throw new JobCancelledError(info.title);
      info.state = 'running';
      info.startedAt = this.now().toISOString();
      this.emit(info);
      const ctx: JobContext = {
        signal: controller.signal,
        progress: (fraction, message) => {
          if (isFinished(info.state)) return;
          if (fraction !== undefined) info.fraction = Math.min(1, Math.max(0, fraction));
          if (message !== undefined) info.message = message;
          this.emit(info);
        },
        log: (line) => {
          info.log.push(line);
          if (info.log.length > MAX_LOG_LINES) info.log.splice(0, info.log.length - MAX_LOG_LINES);
          this.emit(info);
        },
      };
      return work(ctx);
    })().then(
      (value) => {
        this.finish(info, controller.signal.aborted ? 'cancelled' : 'succeeded');
        return value;
      },
      (err: unknown) => {
        const cancelled = controller.signal.aborted || err instanceof JobCancelledError;
        this.finish(info, cancelled ? 'cancelled' : 'failed', err);
        throw err;
      },
    );
    if (options.lockKey) {
      const key = options.lockKey;
      const tail = done.catch(() => undefined);
      this.locks.set(key, tail);
      void tail.then(() => {
        if (this.locks.get(key) === tail) this.locks.delete(key);
      });
    }
    // The caller may never await `done`; a failure is already recorded in the job.
    done.catch(() => undefined);
    return { id, done };
  }

  private finish(info: JobInfo, state: JobState, err?: unknown): void {
    info.state = state;
    info.endedAt = this.now().toISOString();
    if (state === 'succeeded') info.fraction = 1;
    if (err !== undefined && state === 'failed')
      info.error = err instanceof Error ? err.message : String(err);
    this.emit(info);
  }

  private emit(info: JobInfo): void {
    const snap = snapshot(info);
    for (const l of this.listeners) l(snap);
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => isFinished(e.info.state));
    for (const e of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_JOBS)))
      this.jobs.delete(e.info.id);
  }
}

function isFinished(s: JobState): boolean {
  return s === 'succeeded' || s === 'failed' || s === 'cancelled';
}

function snapshot(info: JobInfo): JobInfo {
  return { ...info, log: [...info.log] };
}
