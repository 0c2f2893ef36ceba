// The run in the worker: a progress bar (share of the time budget used), the phase, the best
// objective and the bound so far, the elapsed time, and Cancel (which returns the best plan
// found so far). The bar's value text carries the numbers for screen readers (no live region:
// ten updates a second would drown everything else).
import { formatPercent } from '../../view-model/format';
import { cancelPlan } from './planner-actions';
import { usePlannerStore } from './planner-store';
import { formatElapsed, formatObjective, KIND_TITLE, progressText } from './plan-text';
import { plannerRunner } from './runner-instance';
import { useTicker } from './use-ticker';

function Running() {
  const running = usePlannerStore((s) => s.running);
  const progress = usePlannerStore((s) => s.progress);
  const status = usePlannerStore((s) => s.status);
  const now = useTicker(running !== null);
  if (!running) return null;
  const objective =
    running.request.kind === 'evacuate' ? 'consolidate' : (running.request.objective ?? 'consolidate');
  const elapsed = Math.max(0, now - running.startedAt, progress?.elapsedMs ?? 0);
  // The share of the time budget used: the page's own clock keeps the bar moving between the
  // planner's progress reports (a long search phase may not report for seconds).
  const fraction = Math.min(1, Math.max(0, progress?.fraction ?? 0, elapsed / running.timeLimitMs));
  const pct = Math.round(fraction * 100);
  const text = progressText(objective, progress);
  const cancelling = status === 'cancelling';
  return (
    <div className="planner-running" data-testid="planner-progress">
      <div className="planner-running-head">
        <strong>
          {cancelling
            ? 'Cancelling: keeping the best plan so far…'
            : `Planning: ${KIND_TITLE[running.request.kind]}`}
        </strong>
        <button
          type="button"
          className="btn"
          onClick={() => cancelPlan(plannerRunner())}
          disabled={cancelling}
        >
          Cancel
        </button>
      </div>
      <div
        className={`progress planner-progress${cancelling ? ' progress-cancelled' : ''}`}
        role="progressbar"
        aria-label="Planner progress (share of the time budget used)"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${formatPercent(fraction)} of the time budget; ${text}`}
      >
        <span className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <dl className="planner-running-facts">
        <div>
          <dt>Phase</dt>
          <dd>{progress?.phase ?? 'starting'}</dd>
        </div>
        <div>
          <dt>Best so far</dt>
          <dd>{formatObjective(objective, progress?.best ?? null)}</dd>
        </div>
        <div>
          <dt>Lower bound</dt>
          <dd>{formatObjective(objective, progress?.bound ?? null)}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd data-testid="planner-elapsed">
            {formatElapsed(elapsed)} of {formatElapsed(running.timeLimitMs)}
          </dd>
        </div>
      </dl>
    </div>
  );
}

export function RunStatus() {
  const status = usePlannerStore((s) => s.status);
  const runError = usePlannerStore((s) => s.runError);
  return (
    <section className="planner-run" aria-label="Run">
      {(status === 'running' || status === 'cancelling') && <Running />}
      {status === 'failed' && runError && (
        <p className="planner-banner is-error" role="alert">
          The plan failed: {runError}
        </p>
      )}
    </section>
  );
}
