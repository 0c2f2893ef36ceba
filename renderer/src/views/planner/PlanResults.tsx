// Everything about the last plan: the answer with bound and gap, the ordered steps, the
// utilisation charts, what could not be placed, applying and exporting it.
import { useSiteStore } from '../../store/site-store';
import { ApplyPanel } from './ApplyPanel';
import { ExportButtons } from './ExportButtons';
import { MigrationTable } from './MigrationTable';
import { usePlannerStore } from './planner-store';
import { ResultSummary } from './ResultSummary';
import { UnplacedList } from './UnplacedList';
import { UtilisationCharts } from './UtilisationCharts';

export function PlanResults() {
  const result = usePlannerStore((s) => s.result);
  const openPath = useSiteStore((s) => s.snapshot?.path);
  const status = usePlannerStore((s) => s.status);
  if (!result) {
    if (status === 'running' || status === 'cancelling') return null;
    return (
      <div className="planner-empty">
        <p>Pick a question on the left and run it.</p>
        <p className="muted small">
          Plans are computed here, offline, on the open site: nothing is sent to a host. Every plan is checked
          step by step against the placement policy, and comes with a lower bound saying how far it can be
          from the best possible.
        </p>
      </div>
    );
  }
  return (
    <div className="planner-results" data-testid="planner-results">
      {openPath !== result.sitePath && (
        <p className="planner-banner is-warn" role="note">
          This plan was made on {result.siteFile}, which is no longer the open site.
        </p>
      )}
      <div className="planner-results-head">
        <ResultSummary result={result} />
        <ExportButtons result={result} />
      </div>
      <MigrationTable result={result} />
      <UnplacedList unplaced={result.plan.unplaced} />
      <UtilisationCharts plan={result.plan} base={result.site.containers} />
      <ApplyPanel />
    </div>
  );
}
