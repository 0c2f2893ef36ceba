// The Planner view: capacity questions answered offline on the open site (place, rebalance,
// evacuate, what-if), run in a Web Worker with progress and cancel, with the plan, its bound
// and gap, utilisation charts, and applying it to a new version of the site file.
import { useSiteStore } from '../../store/site-store';
import { PlanResults } from './PlanResults';
import { RunStatus } from './RunStatus';
import { ScenarioForm } from './ScenarioForm';
import './planner.css';

export function PlannerView() {
  const snapshot = useSiteStore((s) => s.snapshot);
  return (
    <div className="planner-view">
      <aside className="planner-side" aria-label="Question">
        <header className="planner-head">
          <h2>Planner</h2>
          <p className="muted small">
            Offline, on {snapshot ? snapshot.fileName : 'the open site'}: nothing here touches a host.
          </p>
        </header>
        {snapshot ? (
          <ScenarioForm snapshot={snapshot} />
        ) : (
          <p className="muted">Open a site file to plan on it.</p>
        )}
      </aside>
      <section className="planner-main" aria-label="Plan">
        <RunStatus />
        <PlanResults />
      </section>
    </div>
  );
}
