// The Audit view: every remote command Paddock ran (or refused to run), one row each,
// filterable, newest first, following the log as commands start and end.
import { useEffect } from 'react';
import type { AuditRowView } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { plural } from '../../view-model/format';
import { FormError } from '../../components/common/FormBits';
import { loadAudit } from './audit-actions';
import { useAuditStore } from './audit-store';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';

/** How many shown commands have no recorded outcome, and why. */
function unfinished(rows: readonly AuditRowView[]): string {
  const running = rows.filter((r) => r.state === 'running').length;
  const lost = rows.filter((r) => r.state === 'no-outcome').length;
  return (
    (running ? ` · ${running} running` : '') +
    (lost ? ` · ${lost} without a recorded outcome (Paddock stopped while they ran)` : '')
  );
}

export function AuditView() {
  const page = useAuditStore((s) => s.page);
  const error = useAuditStore((s) => s.error);
  const newSince = useAuditStore((s) => s.newSince);

  useEffect(() => {
    void loadAudit(getApi());
  }, []);
  // Follow the log: re-read shortly after new records (one read for a burst of them).
  useEffect(() => {
    if (newSince === 0) return;
    const t = setTimeout(() => void loadAudit(getApi()), 300);
    return () => clearTimeout(t);
  }, [newSince]);

  return (
    <div className="audit-view">
      <header className="audit-top">
        <h2>Audit log</h2>
        {page && (
          <span className="muted" data-testid="audit-count">
            {plural(page.records.length, 'record')}
            {unfinished(page.records)}
            {page.truncated ? ' (older ones left out: narrow the filters or raise the limit)' : ''}
            {page.malformedLines > 0 ? ` · ${plural(page.malformedLines, 'unreadable line')} skipped` : ''}
          </span>
        )}
      </header>
      <AuditFiltersForm />
      <FormError error={error} />
      {page && page.records.length === 0 && <p className="empty">No records match.</p>}
      {page && page.records.length > 0 && <AuditTable records={page.records} />}
    </div>
  );
}
