// What every row needs besides its own data: search state and per-node lookups. Built once
// per (topology, query, diagnostics) so memoised rows skip re-rendering on selection changes.
import type { Diagnostic, VirtualCluster } from '../../../../core/model/types';
import type { MatchResult } from '../../view-model/filter';

export interface RowContext {
  match: MatchResult;
  /** Name fragments to mark in names (free words and name: filters). */
  needles: readonly string[];
  clusterOfVm: ReadonlyMap<string, VirtualCluster>;
  diagnostics: ReadonlyMap<string, Diagnostic[]>;
}
