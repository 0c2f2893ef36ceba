// Consolidate or balance, as a radio group.
import type { Objective } from '../../../../core/planner';

const CHOICES: readonly { value: Objective; label: string; hint: string }[] = [
  { value: 'consolidate', label: 'Consolidate', hint: 'fewest containers in use' },
  { value: 'balance', label: 'Balance', hint: 'lowest peak utilisation' },
];

export function ObjectiveField({ value, onChange }: { value: Objective; onChange(v: Objective): void }) {
  return (
    <fieldset className="planner-radios">
      <legend>Objective</legend>
      {CHOICES.map((c) => (
        <label key={c.value} className="check">
          <input
            type="radio"
            name="planner-objective"
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />
          <span>
            {c.label} <span className="muted">({c.hint})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
