// A container's access in its details: what monitoring last saw (last successful login, the
// reason of the last failure) and "Test connection", which runs as a job whose progress shows
// here (and in the jobs panel) with a Cancel button.
import { useState } from 'react';
import type { Container } from '../../../../core/model/types';
import { errorMessage, getApi } from '../../api';
import { useViewStore } from '../../store/view-store';
import { formatInstant } from '../../view-model/format';
import { Fields } from '../details/Fields';
import { Section } from '../details/Section';
import { cancelJob } from '../jobs/JobsPanel';
import { JOB_STATE } from '../jobs/job-labels';
import { isActive, useJobsStore } from '../jobs/jobs-store';
import { ProgressBar } from '../jobs/ProgressBar';
import { Badge } from '../common/Badge';
import { accessKey, useAccessStore } from './access-store';
import { accessBadge } from './access-text';
import { useVaultStore } from '../../views/vault/vault-store';

const when = (iso: string | null | undefined) => (iso ? formatInstant(iso) : undefined);

export function ConnectionSection({ container }: { container: Container }) {
  const status = useAccessStore((s) => s.byKey[accessKey(container.domain, container.name)]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const job = useJobsStore((s) => (jobId ? s.jobs.find((j) => j.id === jobId) : undefined));
  const badge = status ? accessBadge(status) : null;

  const test = async () => {
    setError(null);
    try {
      setJobId((await getApi().ssh.testConnection({ container: container.name })).jobId);
    } catch (e) {
      setError({ code: (e as { code?: string }).code ?? 'error', message: errorMessage(e) });
    }
  };
  const openVault = () => {
    useVaultStore.getState().select(container.domain);
    useViewStore.getState().setView('vault');
  };

  return (
    <Section title="Access">
      <Fields
        rows={[
          ['Monitoring', badge ? <Badge tone={badge.tone}>{badge.text}</Badge> : 'not checked yet'],
          ['Last login', when(status?.lastSuccessAt) ?? (status ? 'never' : undefined)],
          [
            'Last failure',
            status?.lastFailure ? (
              <span className="access-failure">
                {when(status.lastFailure.at)}: {status.lastFailure.reason}
              </span>
            ) : undefined,
          ],
        ]}
      />
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={job ? isActive(job) : false}
          onClick={() => void test()}
        >
          Test connection
        </button>
        {job && isActive(job) && (
          <button type="button" className="btn btn-small" onClick={() => void cancelJob(job.id)}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error.message}{' '}
          {(error.code === 'vault-locked' || error.code === 'no-credential') && (
            <button type="button" className="link" onClick={openVault}>
              Open the vault of {container.domain}
            </button>
          )}
        </p>
      )}
      {job && (
        <div className="connection-job" data-testid="connection-job" data-state={job.state}>
          <div className="job-head">
            <Badge tone={JOB_STATE[job.state].tone}>{JOB_STATE[job.state].label}</Badge>
            <span className="job-message">{job.error ? '' : (job.message ?? '')}</span>
          </div>
          {job.state !== 'failed' && <ProgressBar job={job} label={`Connection test of ${container.name}`} />}
          {job.error && (
            <p className="form-error" role="alert">
              {job.error}
            </p>
          )}
        </div>
      )}
    </Section>
  );
}
