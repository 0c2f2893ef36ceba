// A definition list of an entity's fields; absent values are shown as "—", never hidden.
import type { ReactNode } from 'react';

export type FieldRow = [label: string, value: ReactNode];

export function Fields({ rows }: { rows: FieldRow[] }) {
  return (
    <dl className="fields">
      {rows.map(([label, value]) => (
        <div key={label} className="field">
          <dt>{label}</dt>
          <dd>
            {value === undefined || value === null || value === '' ? <span className="muted">—</span> : value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
