// The planner form's two kinds of field: a picker of site names and a short text input, each a
// FormRow (label, hint, problem) around its control.
import type { ReactNode } from 'react';
import { FormRow } from './FormRow';
import { Picker, type OptionGroup } from './SitePickers';

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange(v: string): void;
}

export function PickerField({
  groups,
  empty,
  ...f
}: FieldProps & { groups: readonly OptionGroup[]; empty: string }) {
  return (
    <FormRow id={f.id} label={f.label} hint={f.hint}>
      {(p) => <Picker groups={groups} empty={empty} value={f.value} onChange={f.onChange} {...p} />}
    </FormRow>
  );
}

export function TextField({
  inputMode,
  short = true,
  ...f
}: FieldProps & { inputMode: 'numeric' | 'decimal'; short?: boolean }) {
  return (
    <FormRow id={f.id} label={f.label} hint={f.hint}>
      {(p) => (
        <input
          className={`input${short ? ' planner-count' : ''}`}
          inputMode={inputMode}
          value={f.value}
          onChange={(e) => f.onChange(e.target.value)}
          {...p}
        />
      )}
    </FormRow>
  );
}
