// jobs.*: long operations (connection tests today; lifecycle actions and migrations later) with
// progress and cancel. Their changes reach the renderer as job.updated events (./fleet.ts).
import type { ServiceImpl } from '../app-handlers';
import { PaddockError } from '../../../core/ipc/contract';
import type { FleetContext } from './fleet-context';
import { jobView } from './views';

export function jobsHandlers(f: FleetContext): Pick<ServiceImpl, 'jobs.list' | 'jobs.cancel'> {
  return {
    'jobs.list': async () => f.jobs.list().map(jobView),
    'jobs.cancel': async ({ id }) => {
      if (!f.jobs.get(id)) throw new PaddockError('not-found', `No job "${id.slice(0, 100)}"`);
      return { cancelled: f.jobs.cancel(id) };
    },
  };
}
