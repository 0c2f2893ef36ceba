// Hooks for data derived from the stores. Each derivation is memoised on its inputs'
// identity, so every component asking for the topology or the matches shares one result and
// nothing is recomputed on selection or focus changes.
import type { Diagnostic, Site } from '../../../core/model/types';
import { PlacementContext } from '../../../core/policy';
import { diagnosticsByNode } from '../view-model/diagnostic-target';
import { INACTIVE_MATCH, matchTopology, type MatchResult } from '../view-model/filter';
import { layoutTopology, type TopologyLayout } from '../view-model/layout';
import { memoRecent } from '../view-model/memo-recent';
import { parseQuery, type ParsedQuery } from '../view-model/query';
import { buildTopology, type Topology } from '../view-model/topology';
import { useSiteStore } from './site-store';
import { useTreeStore } from './tree-store';

const topologyOf = memoRecent((site: Site) => buildTopology(site), 2);
const queryOf = memoRecent((text: string) => parseQuery(text));
const matchOf = memoRecent((t: Topology, q: ParsedQuery) => matchTopology(t, q));
const layoutOf = memoRecent((t: Topology, m: MatchResult, collapsed: ReadonlySet<string>, columns: number) =>
  layoutTopology(t, m, collapsed, columns),
);
const diagnosticsOf = memoRecent((site: Site | null, list: Diagnostic[]) => diagnosticsByNode(site, list), 2);
const policyOf = memoRecent((site: Site) => PlacementContext.fromSite(site), 2);
const NO_DIAGNOSTICS: Diagnostic[] = [];

export function useSite(): Site | null {
  return useSiteStore((s) => s.snapshot?.site ?? null);
}

export function useTopology(): Topology | null {
  const site = useSite();
  return site ? topologyOf(site) : null;
}

export function useDiagnostics(): Diagnostic[] {
  return useSiteStore((s) => s.snapshot?.diagnostics ?? NO_DIAGNOSTICS);
}

export function useDiagnosticsByNode(): ReadonlyMap<string, Diagnostic[]> {
  return diagnosticsOf(useSite(), useDiagnostics());
}

/** The parsed query for a given search text (pass a deferred text to keep typing smooth). */
export function parsedQuery(text: string): ParsedQuery {
  return queryOf(text);
}

export function matchFor(t: Topology | null, text: string): MatchResult {
  return t ? matchOf(t, queryOf(text)) : INACTIVE_MATCH;
}

export function useLayout(t: Topology | null, match: MatchResult): TopologyLayout | null {
  const collapsed = useTreeStore((s) => s.collapsed);
  const columns = useTreeStore((s) => s.columns);
  return t ? layoutOf(t, match, collapsed, columns) : null;
}

/** The placement policy's view of the loaded site (built once per site, never mutated here). */
export function usePolicyContext(): PlacementContext | null {
  const site = useSite();
  return site ? policyOf(site) : null;
}
