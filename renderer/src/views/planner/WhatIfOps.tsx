// The what-if scenario: changes composed in order, and "add a change" of a chosen kind.
import { useState } from 'react';
import type { Site } from '../../../../core/model/types';
import { useFieldError } from './FormRow';
import { OpEditor } from './OpEditor';
import { fieldId, OP_LABEL, type OpKind } from './planner-form';
import { usePlannerStore } from './planner-store';

const KINDS = Object.keys(OP_LABEL) as OpKind[];

export function WhatIfOps({ site }: { site: Site }) {
  const ops = usePlannerStore((s) => s.form.ops);
  const addOp = usePlannerStore((s) => s.addOp);
  const [kind, setKind] = useState<OpKind>('add-clusters');
  const error = useFieldError(fieldId.ops);
  const add = () => {
    const id = addOp(kind);
    // Focus the new change's first field, so keyboard users carry on where it appears.
    requestAnimationFrame(() => {
      const first =
        document.getElementById(fieldId.op(id, 'count')) ??
        document.getElementById(fieldId.op(id, 'container'));
      first?.focus();
    });
  };
  return (
    <div className="planner-ops">
      <h4>Changes, applied in order</h4>
      {ops.length === 0 && <p className="muted small">No change yet: add one below.</p>}
      {ops.map((op, i) => (
        <OpEditor key={op.id} op={op} n={i + 1} site={site} />
      ))}
      <div className="planner-row planner-add-op">
        <label className="visually-hidden" htmlFor={fieldId.ops}>
          Kind of change to add
        </label>
        <select
          id={fieldId.ops}
          className="input"
          value={kind}
          onChange={(e) => setKind(e.target.value as OpKind)}
          aria-invalid={error !== null}
          aria-describedby={error ? `${fieldId.ops}-error` : undefined}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {OP_LABEL[k]}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={add}>
          Add change
        </button>
      </div>
      {error && (
        <span className="form-error planner-field-error" id={`${fieldId.ops}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
