// Every finding of the site loader, with its exact file:line:column, path and message.
// Collapsible when the site loaded; always open when nothing could be loaded.
import { useState } from 'react';
import { useDiagnostics, useSite } from '../../store/derived';
import { plural } from '../../view-model/format';
import { DiagnosticItem } from './DiagnosticItem';

export function DiagnosticsPanel() {
  const diagnostics = useDiagnostics();
  const site = useSite();
  const [open, setOpen] = useState(true);
  if (diagnostics.length === 0) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const shown = open || !site;
  return (
    <section
      className={`diagnostics${errors > 0 ? ' has-errors' : ''}`}
      aria-label="Problems in the site file"
    >
      <button
        type="button"
        className="diagnostics-head"
        aria-expanded={shown}
        onClick={() => setOpen(!open)}
        disabled={!site}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path
            d="M8 1.5 15 14H1zM8 6v4M8 11.5v1.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinejoin="round"
          />
        </svg>
        <span>
          {plural(errors, 'error')}, {plural(warnings, 'warning')} in the site file
          {site ? '' : ': nothing could be loaded'}
        </span>
      </button>
      {shown && (
        <ol className="diagnostics-list">
          {diagnostics.map((d, i) => (
            <DiagnosticItem key={`${i}-${d.path}-${d.code}`} diagnostic={d} />
          ))}
        </ol>
      )}
    </section>
  );
}
