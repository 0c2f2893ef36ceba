// The jobs panel: a small dock at the bottom right listing long operations with their
// progress, message, error and a Cancel button. It opens by itself when a job starts and folds
// away again a little after the last one ended (unless the user opened it).
import { useEffect } from 'react';
import { getApi } from '../../api';
import { Badge } from '../common/Badge';
import { useNoticeStore } from '../../store/notice-store';
import { errorMessage } from '../../api';
import { isActive, useJobsStore } from './jobs-store';
import { JOB_STATE } from './job-labels';
import { ProgressBar } from './ProgressBar';
import type { JobView } from '../../../../core/ipc/contract';

/** How long finished jobs stay in view before an auto-opened panel folds. */
const FOLD_AFTER_MS = 8_000;

export async function cancelJob(id: string): Promise<void> {
  try {
    await getApi().jobs.cancel({ id });
  } catch (e) {
    useNoticeStore.getState().push('Could not cancel the job', errorMessage(e));
  }
}

function JobRow({ job }: { job: JobView }) {
  const st = JOB_STATE[job.state];
  return (
    <li className="job" data-job-id={job.id} data-state={job.state}>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <Badge tone={st.tone}>{st.label}</Badge>
        {isActive(job) && (
          <button type="button" className="btn btn-small" onClick={() => void cancelJob(job.id)}>
            Cancel
          </button>
        )}
      </div>
      {job.state !== 'failed' && <ProgressBar job={job} label={`Progress of ${job.title}`} />}
      {/* A failed job's last progress line ("Waiting for your answer…") is stale: its error says what happened. */}
      {job.message && !job.error && <p className="job-message">{job.message}</p>}
      {job.error && <p className="job-error">{job.error}</p>}
      {job.log.length > 0 && (
        <details className="job-log">
          <summary>Log ({job.log.length})</summary>
          <pre>{job.log.join('\n')}</pre>
        </details>
      )}
    </li>
  );
}

export function JobsPanel() {
  const jobs = useJobsStore((s) => s.jobs);
  const open = useJobsStore((s) => s.open);
  const setOpen = useJobsStore((s) => s.setOpen);
  const active = jobs.filter(isActive).length;
  const autoOpened = useJobsStore((s) => s.autoOpened);
  useEffect(() => {
    if (!autoOpened || active > 0) return;
    const t = setTimeout(() => useJobsStore.getState().fold(), FOLD_AFTER_MS);
    return () => clearTimeout(t);
  }, [autoOpened, active]);
  if (jobs.length === 0) return null;
  return (
    <aside className={`jobs-panel${open ? ' is-open' : ''}`} aria-label="Jobs">
      <button
        type="button"
        className="jobs-toggle"
        aria-expanded={open}
        aria-controls="jobs-list"
        onClick={() => setOpen(!open)}
      >
        Jobs{active > 0 ? ` · ${active} running` : ''}
        <span aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      {open && (
        <ul className="jobs-list" id="jobs-list">
          {jobs.map((j) => (
            <JobRow key={j.id} job={j} />
          ))}
        </ul>
      )}
    </aside>
  );
}
