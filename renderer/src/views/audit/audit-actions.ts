// Reading the audit log with the view's filters.
import type { PaddockApi } from '../../../../core/ipc/contract';
import { errorMessage } from '../../api';
import { auditQuery } from './audit-query';
import { useAuditStore } from './audit-store';

export async function loadAudit(api: PaddockApi): Promise<void> {
  const store = useAuditStore.getState();
  const { query, problems } = auditQuery(store.filters);
  if (problems.length) {
    store.failed(problems.join('; '));
    return;
  }
  store.started();
  try {
    useAuditStore.getState().received(await api.audit.query(query));
  } catch (e) {
    useAuditStore.getState().failed(errorMessage(e));
  }
}
