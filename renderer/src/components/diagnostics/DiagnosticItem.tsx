// One finding: location, path and message; expands to its code and a link to what it is about.
import { useState } from 'react';
import type { Diagnostic } from '../../../../core/model/types';
import { useSite, useTopology } from '../../store/derived';
import { useSelectionStore } from '../../store/selection-store';
import { diagnosticLocation, diagnosticTarget } from '../../view-model/diagnostic-target';
import { parseNodeKey } from '../../view-model/keys';
import { hasNode } from '../../view-model/topology';

export function DiagnosticItem({ diagnostic: d }: { diagnostic: Diagnostic }) {
  const [open, setOpen] = useState(false);
  const site = useSite();
  const topology = useTopology();
  const target = diagnosticTarget(site, d.path);
  const ref = target ? parseNodeKey(target) : null;
  const known = target !== null && topology !== null && hasNode(topology, target);
  return (
    <li className={`diagnostic diagnostic-${d.severity}`}>
      <button type="button" className="diagnostic-main" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="diagnostic-severity">{d.severity}</span>
        <code className="diagnostic-location">{diagnosticLocation(d)}</code>
        {d.path && <code className="diagnostic-path">{d.path}</code>}
        <span className="diagnostic-message">{d.message}</span>
      </button>
      {open && (
        <div className="diagnostic-more">
          <span>
            Code <code>{d.code}</code>
          </span>
          {known && ref && target && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => useSelectionStore.getState().select(target, true)}
            >
              Show {ref.kind} {ref.name}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
