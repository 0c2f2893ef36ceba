// The answer first (does it fit / is everything done; how many more containers), then the
// objective beside its lower bound and the gap, the moves, why the search stopped, and the
// independent replay check of the plan through the placement policy.
import { useEffect, useRef } from 'react';
import type { Plan } from '../../../../core/planner';
import { formatMiB, plural } from '../../view-model/format';
import type { PlanResult } from './planner-store';
import {
  describeRequest,
  formatElapsed,
  formatGap,
  gapNote,
  formatObjective,
  OBJECTIVE_LABEL,
  STOP_TEXT,
  verdict,
} from './plan-text';

function Metric({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId?: string;
}) {
  return (
    <div className="planner-metric" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="planner-metric-value">{value}</span>
        {note && <span className="planner-metric-note">{note}</span>}
      </dd>
    </div>
  );
}

function CheckLine({ plan }: { plan: Plan }) {
  const c = plan.check;
  return (
    <div className={`planner-check ${c.ok ? 'is-ok' : 'is-error'}`} data-testid="planner-check">
      <strong>Independent check:</strong>{' '}
      {c.ok
        ? `passed: every step replayed through the placement policy, in order (${plural(plan.steps.length, 'step')})`
        : `failed (${plural(c.problems.length, 'problem')})`}
      {!c.ok && (
        <ul>
          {c.problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ResultSummary({ result }: { result: PlanResult }) {
  const { plan, request } = result;
  const v = verdict(plan);
  const extra = plan.whatIf?.extraContainers;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Cancel (or Run) had the focus and is gone or disabled: keyboard users land on the answer.
    if (document.activeElement === document.body) ref.current?.focus();
  }, [plan]);
  return (
    <section className="planner-summary" aria-label="Answer">
      <div
        className={`planner-verdict tone-${v.tone}`}
        role="status"
        data-testid="planner-verdict"
        ref={ref}
        tabIndex={-1}
      >
        <span className="planner-verdict-text">{v.text}</span>
        <span className="planner-verdict-what">
          {describeRequest(request)} · on {result.siteFile}
        </span>
      </div>
      <dl className="planner-metrics">
        <Metric
          label={OBJECTIVE_LABEL[plan.objective]}
          value={formatObjective(plan.objective, plan.value)}
          note={plan.objective === 'consolidate' ? `${plan.containersInUse.before} before` : undefined}
          testId="planner-objective"
        />
        <Metric
          label="Lower bound"
          value={formatObjective(plan.objective, plan.bound)}
          note={plan.boundMethod}
          testId="planner-bound"
        />
        <Metric
          label="Gap to the bound"
          value={formatGap(plan.gap)}
          note={gapNote(plan.gap)}
          testId="planner-gap"
        />
        <Metric
          label="Moves"
          value={String(plan.steps.length)}
          note={
            plan.memoryMovedMiB > 0
              ? `${formatMiB(plan.memoryMovedMiB)} of memory moved`
              : plan.steps.length > 0
                ? 'placements only: nothing migrates'
                : undefined
          }
          testId="planner-moves"
        />
        {extra && (
          <Metric
            label={`More containers like ${extra.type}`}
            value={extra.count === null ? 'not enough' : String(extra.count)}
            note={`tried ${extra.tried.join(', ')}`}
            testId="planner-extra"
          />
        )}
        <Metric
          label="Search"
          value={formatElapsed(result.wallMs)}
          note={STOP_TEXT[plan.stop]}
          testId="planner-stop"
        />
      </dl>
      <CheckLine plan={plan} />
      {plan.whatIf && plan.whatIf.scenario.length > 0 && (
        <details className="planner-notes" open>
          <summary>Scenario ({plural(plan.whatIf.scenario.length, 'change')})</summary>
          <ul>
            {plan.whatIf.scenario.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </details>
      )}
      {plan.notes.length > 0 && (
        <ul className="planner-notes-list" aria-label="Notes">
          {plan.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
