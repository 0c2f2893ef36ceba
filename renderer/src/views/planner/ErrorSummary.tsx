// The form's problems after a Run, each a button that moves focus to its field.
import type { FieldError } from './planner-form';

export function ErrorSummary({ errors }: { errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="planner-error-summary" role="alert" data-testid="planner-form-errors">
      <p>
        {errors.length === 1
          ? 'One thing to fix before the plan can run:'
          : `${errors.length} things to fix before the plan can run:`}
      </p>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            <button type="button" className="link" onClick={() => document.getElementById(e.field)?.focus()}>
              {e.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
