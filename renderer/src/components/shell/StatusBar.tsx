// The status bar: what the site holds, its findings, when and how fast it loaded, the transport.
import { useAppInfoStore } from '../../store/app-info-store';
import { useDiagnostics, useTopology } from '../../store/derived';
import { useSiteStore } from '../../store/site-store';
import { plural } from '../../view-model/format';

export function StatusBar() {
  const topology = useTopology();
  const diagnostics = useDiagnostics();
  const snapshot = useSiteStore((s) => s.snapshot);
  const requestMs = useSiteStore((s) => s.requestMs);
  const info = useAppInfoStore((s) => s.info);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const c = topology?.counts;
  const loadedAt = snapshot ? new Date(snapshot.loadedAt) : null;
  return (
    <footer className="statusbar">
      {c ? (
        <span className="status-counts">
          <span data-testid="count-domains">{plural(c.domains, 'domain')}</span>
          <span data-testid="count-containers">{plural(c.containers, 'container')}</span>
          <span data-testid="count-vms">
            {plural(c.vms, 'VM')} ({c.running} running{c.unplaced > 0 ? `, ${c.unplaced} unplaced` : ''})
          </span>
          <span data-testid="count-clusters">{plural(c.clusters, 'cluster')}</span>
        </span>
      ) : (
        <span>{snapshot ? 'Site not loaded' : 'No site open'}</span>
      )}
      {snapshot && (
        <span
          className={errors > 0 ? 'status-bad' : warnings > 0 ? 'status-warn' : 'status-ok'}
          data-testid="count-diagnostics"
        >
          {errors === 0 && warnings === 0
            ? 'valid'
            : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`}
        </span>
      )}
      <span className="status-spacer" />
      {loadedAt && !Number.isNaN(loadedAt.getTime()) && (
        <span title={snapshot?.path}>
          loaded {loadedAt.toLocaleTimeString()}
          {requestMs !== null ? ` in ${Math.round(requestMs)} ms` : ''}
        </span>
      )}
      {info && (
        <span>
          {info.transport} · v{info.version}
        </span>
      )}
    </footer>
  );
}
