// The ordered migration plan: one row per step (VM, from, to, memory moved), temporary hops
// marked, long plans shown in pages; then the moves that could not be ordered, with the
// policy's reasons.
import { useMemo, useState } from 'react';
import { Badge } from '../../components/common/Badge';
import { formatMiB, plural } from '../../view-model/format';
import type { PlanResult } from './planner-store';
import { blockedRows, STEP_LABEL, stepRows, type StepKind } from './plan-rows';

const PAGE = 200;
const TONE: Readonly<Record<StepKind, 'neutral' | 'info' | 'warn' | 'accent'>> = {
  place: 'info',
  move: 'neutral',
  aside: 'warn',
  onward: 'accent',
};

function Blocked({ result }: { result: PlanResult }) {
  const rows = useMemo(() => blockedRows(result.site, result.request, result.plan), [result]);
  if (rows.length === 0) return null;
  return (
    <div className="planner-blocked" data-testid="planner-blocked">
      <h4>Blocked moves ({rows.length})</h4>
      <p className="muted small">
        No order was found in which these moves keep every intermediate state valid.
      </p>
      <ul>
        {rows.map((b) => (
          <li key={`${b.vm}:${b.to}`}>
            <strong>{b.vm}</strong>: {b.from ?? 'unplaced'} → {b.to}
            <ul>
              {b.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MigrationTable({ result }: { result: PlanResult }) {
  const rows = useMemo(() => stepRows(result.plan), [result.plan]);
  const [shown, setShown] = useState(PAGE);
  const temporary = rows.filter((r) => r.kind === 'aside').length;
  return (
    <section className="planner-section" aria-labelledby="planner-steps-title">
      <h3 id="planner-steps-title">Ordered migration plan</h3>
      <p className="muted small">
        {rows.length === 0
          ? 'No step: nothing has to move.'
          : `${plural(rows.length, 'step')} in this order; each one is valid with everything else where it is at that moment${temporary ? ` (${plural(temporary, 'temporary hop')} to break a cycle)` : ''}.`}
      </p>
      {rows.length > 0 && (
        <div className="planner-table-wrap">
          <table className="details-table planner-steps" data-testid="planner-steps">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">VM</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" className="num">
                  Memory moved
                </th>
                <th scope="col">Step</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((r) => (
                <tr key={r.step} className={r.kind === 'aside' ? 'is-temporary' : undefined}>
                  <td className="num">{r.step}</td>
                  <th scope="row" className="planner-vm">
                    {r.vm}
                  </th>
                  <td>{r.from ?? <span className="muted">unplaced</span>}</td>
                  <td>{r.to}</td>
                  <td className="num">{formatMiB(r.memoryMiB)}</td>
                  <td>
                    <Badge tone={TONE[r.kind]}>{STEP_LABEL[r.kind]}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > shown && (
        <button type="button" className="btn btn-small" onClick={() => setShown((n) => n + PAGE * 5)}>
          Show {Math.min(PAGE * 5, rows.length - shown)} more of {rows.length - shown}
        </button>
      )}
      <Blocked result={result} />
    </section>
  );
}
