// The Audit view's filters: domain, host, free text, state, time range and how many to read.
import type { FormEvent } from 'react';
import { getApi } from '../../api';
import { useSite } from '../../store/derived';
import { Field } from '../../components/common/FormBits';
import { loadAudit } from './audit-actions';
import { DEFAULT_AUDIT_FILTERS, useAuditStore } from './audit-store';

const LIMITS = [100, 1000, 5000, 10000];
const STATUSES = [
  ['', 'Every command'],
  ['done', 'Outcome recorded'],
  ['unfinished', 'Unfinished (running or no outcome)'],
] as const;

/** A select whose choice is applied at once: value and label of each option. */
function ApplyingSelect(p: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onPick: (value: string) => void;
}) {
  return (
    <Field label={p.label}>
      {(id) => (
        <select id={id} className="input" value={p.value} onChange={(e) => p.onPick(e.target.value)}>
          {p.options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function AuditFiltersForm() {
  const filters = useAuditStore((s) => s.filters);
  const setFilters = useAuditStore((s) => s.setFilters);
  const loading = useAuditStore((s) => s.loading);
  const domains = useSite()?.domains.map((d) => d.name) ?? [];
  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    void loadAudit(getApi());
  };
  return (
    <form className="audit-filters" onSubmit={apply} aria-label="Filter the audit log">
      <ApplyingSelect
        label="Domain"
        value={filters.domain}
        options={[['', 'All domains'], ...domains.map((d) => [d, d] as const)]}
        onPick={(domain) => {
          setFilters({ domain });
          apply();
        }}
      />
      <Field label="Host">
        {(id) => (
          <input
            id={id}
            className="input"
            value={filters.host}
            placeholder="container name"
            spellCheck={false}
            onChange={(e) => setFilters({ host: e.target.value })}
          />
        )}
      </Field>
      <Field label="Text">
        {(id) => (
          <input
            id={id}
            type="search"
            className="input"
            value={filters.text}
            placeholder="command, user, error…"
            spellCheck={false}
            onChange={(e) => setFilters({ text: e.target.value })}
          />
        )}
      </Field>
      <ApplyingSelect
        label="Status"
        value={filters.status}
        options={STATUSES}
        onPick={(v) => {
          setFilters({ status: STATUSES.find(([x]) => x === v)?.[0] ?? '' });
          apply();
        }}
      />
      <Field label="From">
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            className="input"
            value={filters.since}
            onChange={(e) => setFilters({ since: e.target.value })}
          />
        )}
      </Field>
      <Field label="Until">
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            className="input"
            value={filters.until}
            onChange={(e) => setFilters({ until: e.target.value })}
          />
        )}
      </Field>
      <Field label="Newest">
        {(id) => (
          <select
            id={id}
            className="input"
            value={filters.limit}
            onChange={(e) => setFilters({ limit: Number(e.target.value) })}
          >
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={loading}>
          {loading ? 'Reading…' : 'Apply'}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setFilters(DEFAULT_AUDIT_FILTERS);
            apply();
          }}
        >
          Reset
        </button>
      </div>
    </form>
  );
}
