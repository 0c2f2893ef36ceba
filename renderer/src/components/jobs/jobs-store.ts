// Jobs as main reports them (job.updated), newest first, and whether the panel is open.
import { create } from 'zustand';
import type { JobView } from '../../../../core/ipc/contract';

/** The panel lists this many jobs at most (main keeps more). */
const MAX_SHOWN_JOBS = 50;

export interface JobsState {
  jobs: JobView[];
  open: boolean;
  /** Opened by a new job (not by the user): it folds away again once every job has ended. */
  autoOpened: boolean;
  upsert(job: JobView): void;
  setAll(jobs: JobView[]): void;
  /** The user's choice: the panel then stays as they left it. */
  setOpen(open: boolean): void;
  /** Fold an auto-opened panel. */
  fold(): void;
}

const newestFirst = (a: JobView, b: JobView) =>
  b.createdAt.localeCompare(a.createdAt) || Number(b.id.replace(/\D/g, '')) - Number(a.id.replace(/\D/g, ''));

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: [],
  open: false,
  autoOpened: false,
  upsert: (job) =>
    set((s) => {
      const rest = s.jobs.filter((j) => j.id !== job.id);
      // A new job opens the panel, so its progress is seen.
      const isNew = rest.length === s.jobs.length;
      const jobs = [job, ...rest].sort(newestFirst).slice(0, MAX_SHOWN_JOBS);
      return isNew && !s.open ? { jobs, open: true, autoOpened: true } : { jobs };
    }),
  setAll: (jobs) => set({ jobs: [...jobs].sort(newestFirst).slice(0, MAX_SHOWN_JOBS) }),
  setOpen: (open) => set({ open, autoOpened: false }),
  fold: () => set((s) => (s.autoOpened ? { open: false, autoOpened: false } : s)),
}));

export const isActive = (j: JobView): boolean => j.state === 'queued' || j.state === 'running';
