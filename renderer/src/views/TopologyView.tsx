// The topology view: the site's findings, the virtualised tree, and the details panel.
import { useDeferredValue, useMemo } from 'react';
import type { VirtualCluster } from '../../../core/model/types';
import { DetailsPanel } from '../components/details/DetailsPanel';
import { DiagnosticsPanel } from '../components/diagnostics/DiagnosticsPanel';
import type { RowContext } from '../components/topology/row-context';
import { TopologyTree } from '../components/topology/TopologyTree';
import { matchFor, parsedQuery, useDiagnosticsByNode, useLayout, useTopology } from '../store/derived';
import { useSearchStore } from '../store/search-store';
import { useSiteStore } from '../store/site-store';
import { nameNeedles } from '../view-model/highlight';

const NO_CLUSTERS: ReadonlyMap<string, VirtualCluster> = new Map();

export function TopologyView() {
  const topology = useTopology();
  const snapshot = useSiteStore((s) => s.snapshot);
  const initialised = useSiteStore((s) => s.initialised);
  // Typing stays responsive: the tree follows the query at a lower priority.
  const text = useDeferredValue(useSearchStore((s) => s.text));
  const match = matchFor(topology, text);
  const layout = useLayout(topology, match);
  const diagnostics = useDiagnosticsByNode();
  const query = parsedQuery(text);
  const ctx = useMemo<RowContext>(
    () => ({
      match,
      needles: nameNeedles(query),
      clusterOfVm: topology?.clusterOfVm ?? NO_CLUSTERS,
      diagnostics,
    }),
    [match, query, topology, diagnostics],
  );

  let body;
  if (topology && layout) {
    body =
      layout.rows.length > 0 ? (
        <TopologyTree topology={topology} layout={layout} ctx={ctx} />
      ) : (
        <p className="empty">
          {match.active ? 'Nothing matches the search.' : 'The site defines no security domains.'}
        </p>
      );
  } else if (!initialised) {
    body = <p className="empty">Loading…</p>;
  } else if (!snapshot) {
    body = <p className="empty">No site is open. Use Open… to choose a site file.</p>;
  } else {
    body = <p className="empty">The site could not be loaded: see the problems above.</p>;
  }

  return (
    <div className="topology-view">
      <section className="topology-pane" aria-label="Site topology">
        <DiagnosticsPanel />
        {body}
      </section>
      <DetailsPanel />
    </div>
  );
}
