// The Audit view's filters: domain, host, free text, time range and how many records to read.
import type { FormEvent } from 'react';
import { getApi } from '../../api';
import { useSite } from '../../store/derived';
import { Field } from '../vault/FormBits';
import { loadAudit } from './audit-actions';
import { DEFAULT_AUDIT_FILTERS, useAuditStore } from './audit-store';

const LIMITS = [100, 1000, 5000, 10000];

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
      <Field label="Domain">
        {(id) => (
          <select
            id={id}
            className="input"
            value={filters.domain}
            onChange={(e) => {
              setFilters({ domain: e.target.value });
              apply();
            }}
          >
            <option value="">All domains</option>
            {domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        )}
      </Field>
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
