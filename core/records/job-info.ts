// A job's state as the job manager publishes it (core/jobs) and the renderer shows it
// (core/ipc/contract): one definition, in pure core. Sent as is: nothing secret may be added.

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobInfo {
  id: string;
  kind: string;
  title: string;
  state: JobState;
  /** 0..1 when known. */
  fraction?: number;
  message?: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  error?: string;
  /** Last lines the job logged (bounded). */
  log: string[];
}
