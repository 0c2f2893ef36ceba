// Fleet access in the renderer: subscribes to main's fleet events (vault lock states, host-key
// questions, jobs, access monitoring, audit records) and fetches their initial state. Called
// from connect() in ./actions; returns the unsubscribe.
import type { PaddockApi } from '../../../core/ipc/contract';
import { errorMessage } from '../api';
import { useAccessStore } from '../components/access/access-store';
import { useAuthPromptStore } from '../components/auth/auth-prompt-store';
import { useHostKeyStore } from '../components/hostkey/hostkey-store';
import { useJobsStore } from '../components/jobs/jobs-store';
import { useAuditStore } from '../views/audit/audit-store';
import { refreshVaults } from '../views/vault/vault-actions';
import { useNoticeStore } from './notice-store';

function report(what: string) {
  return (e: unknown) => useNoticeStore.getState().push(what, errorMessage(e));
}

async function refreshMonitor(api: PaddockApi): Promise<void> {
  try {
    useAccessStore.getState().setView(await api.monitor.status({}));
  } catch (e) {
    report('Could not read access monitoring')(e);
  }
}

export function connectFleet(api: PaddockApi): () => void {
  const offs = [
    api.onVaultChanged(() => void refreshVaults(api)),
    api.onHostkeyPrompt((p) => useHostKeyStore.getState().add(p)),
    api.onHostkeyClosed((c) => useHostKeyStore.getState().remove(c.promptId)),
    api.onAuthPrompt((p) => useAuthPromptStore.getState().add(p)),
    api.onAuthClosed((c) => useAuthPromptStore.getState().remove(c.promptId)),
    api.onJobUpdated((j) => useJobsStore.getState().upsert(j)),
    api.onMonitorChanged((s) => useAccessStore.getState().upsert(s)),
    api.onAuditAppended((r) => useAuditStore.getState().appended(r)),
    // Another site: other domains and containers.
    api.onSiteChanged(() => {
      void refreshVaults(api);
      void refreshMonitor(api);
    }),
  ];
  void refreshVaults(api);
  void refreshMonitor(api);
  api.hostkey
    .pending({})
    .then((p) => useHostKeyStore.getState().setAll(p), report('Could not read host-key questions'));
  api.auth
    .pending({})
    .then((p) => useAuthPromptStore.getState().setAll(p), report('Could not read login questions'));
  api.jobs.list({}).then((j) => useJobsStore.getState().setAll(j), report('Could not read jobs'));
  return () => offs.forEach((off) => off());
}
