// A job's progress: determinate when main knows the fraction, else an indeterminate stripe.
import type { JobView } from '../../../../core/ipc/contract';

export function ProgressBar({ job, label }: { job: JobView; label: string }) {
  const known = job.fraction !== undefined;
  const pct = Math.round((job.fraction ?? 0) * 100);
  return (
    <div
      className={`progress progress-${job.state}${known ? '' : ' is-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(known ? { 'aria-valuenow': pct } : {})}
      aria-valuetext={job.message ?? job.state}
    >
      <span className="progress-fill" style={known ? { width: `${pct}%` } : undefined} />
    </div>
  );
}
