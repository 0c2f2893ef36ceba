// VMs the plan could not place, each with its one-sentence summary and, on demand, what every
// container of its domain objects to (the policy's sentences).
import { useState } from 'react';
import type { Unplaceable } from '../../../../core/planner';
import { plural } from '../../view-model/format';

const PAGE = 50;

function UnplacedItem({ u }: { u: Unplaceable }) {
  return (
    <li className="planner-unplaced-item">
      <p>{u.summary}</p>
      {u.reasons.length > 0 && (
        <details>
          <summary>Why, container by container ({u.reasons.length})</summary>
          <ul>
            {u.reasons.map((r) => (
              <li key={r.container}>
                <strong>{r.container}</strong>: {r.violations.map((v) => v.message).join('; ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function UnplacedList({ unplaced }: { unplaced: readonly Unplaceable[] }) {
  const [shown, setShown] = useState(PAGE);
  if (unplaced.length === 0) return null;
  return (
    <section
      className="planner-section"
      aria-labelledby="planner-unplaced-title"
      data-testid="planner-unplaced"
    >
      <h3 id="planner-unplaced-title">Could not be placed ({unplaced.length})</h3>
      <ul className="planner-unplaced">
        {unplaced.slice(0, shown).map((u) => (
          <UnplacedItem key={u.vm} u={u} />
        ))}
      </ul>
      {unplaced.length > shown && (
        <button type="button" className="btn btn-small" onClick={() => setShown((n) => n + PAGE * 4)}>
          Show more ({plural(unplaced.length - shown, 'VM')} not shown)
        </button>
      )}
    </section>
  );
}
