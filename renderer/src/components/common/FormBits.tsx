// Small pieces the forms share (vault, audit filters, prompt dialogs, access monitoring): a
// labelled field, a secret (password) field, an error line, an inline confirmation.
import { useId, type ReactNode } from 'react';

export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
}

export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: ReactNode;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <span className="form-hint">{hint}</span>}
    </div>
  );
}

export function SecretField({
  label,
  value,
  onChange,
  autoFocus,
  isNew = false,
  required = true,
  hint,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
  /** A new secret (browsers must not offer saved ones). */
  isNew?: boolean;
  required?: boolean;
  hint?: ReactNode;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          type="password"
          className="input"
          value={value}
          autoFocus={autoFocus}
          required={required}
          spellCheck={false}
          autoComplete={isNew ? 'new-password' : 'off'}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** "Are you sure?" in place of a destructive button; "Keep" is focused, so Enter keeps. */
export function InlineConfirm({
  label,
  question,
  confirmText,
  busy = false,
  onConfirm,
  onKeep,
}: {
  label: string;
  question?: string;
  confirmText: string;
  busy?: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  return (
    <span className="confirm" role="group" aria-label={label}>
      {question && <span>{question}</span>}
      <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={onConfirm}>
        {confirmText}
      </button>
      <button type="button" className="btn btn-small" autoFocus onClick={onKeep}>
        Keep
      </button>
    </span>
  );
}
