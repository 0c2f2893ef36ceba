// How a job's state reads in the UI.
import type { JobView } from '../../../../core/ipc/contract';
import type { BadgeTone } from '../common/Badge';

export const JOB_STATE: Readonly<Record<JobView['state'], { label: string; tone: BadgeTone }>> = {
  queued: { label: 'queued', tone: 'neutral' },
  running: { label: 'running', tone: 'info' },
  succeeded: { label: 'done', tone: 'ok' },
  failed: { label: 'failed', tone: 'danger' },
  cancelled: { label: 'cancelled', tone: 'warn' },
};
