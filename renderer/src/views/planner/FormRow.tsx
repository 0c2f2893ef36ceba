// A labelled form control with a fixed id (so a problem found on Run can point at it), its hint
// and its problem, wired for screen readers (aria-invalid, aria-describedby).
import type { ReactNode } from 'react';
import { usePlannerStore } from './planner-store';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export function useFieldError(id: string): string | null {
  return usePlannerStore((s) => s.errors.find((e) => e.field === id)?.message ?? null);
}

export function FormRow({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  children: (props: ControlProps) => ReactNode;
}) {
  const error = useFieldError(id);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== null, 'aria-describedby': described || undefined })}
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error planner-field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
