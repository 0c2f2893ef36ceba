// Which topology node a diagnostic is about, from its JSON path ("vms[3].nics[0].ip" -> the
// fourth VM of the file), so the list can jump to it and the topology can badge it.
import type { Diagnostic, Site } from '../../../core/model/types';
import { nodeKey, type NodeKind } from './keys';

const COLLECTIONS: Partial<Record<keyof Site, NodeKind>> = {
  vms: 'vm',
  containers: 'container',
  domains: 'domain',
  clusters: 'cluster',
};

/** The node key a diagnostic path points into, or null (a pool, a network, the file itself...). */
export function diagnosticTarget(site: Site | null, path: string): string | null {
  if (!site) return null;
  const m = /^([A-Za-z]+)\[(\d+)\]/.exec(path);
  if (!m || !m[1] || !m[2]) return null;
  const field = m[1] as keyof Site;
  const kind = COLLECTIONS[field];
  if (!kind) return null;
  const list = site[field];
  if (!Array.isArray(list)) return null;
  const entity: unknown = list[Number(m[2])];
  if (typeof entity !== 'object' || entity === null || !('name' in entity)) return null;
  const name = (entity as { name: unknown }).name;
  return typeof name === 'string' ? nodeKey(kind, name) : null;
}

/** Diagnostics grouped by the node they point into. */
export function diagnosticsByNode(
  site: Site | null,
  diagnostics: readonly Diagnostic[],
): ReadonlyMap<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = diagnosticTarget(site, d.path);
    if (key === null) continue;
    const list = out.get(key);
    if (list) list.push(d);
    else out.set(key, [d]);
  }
  return out;
}

/** "file:line:column", the form editors and terminals turn into links. */
export function diagnosticLocation(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}`;
}
