// Stable keys for everything the topology shows. Selection, focus, search matches and
// diagnostics all speak in these keys, so each can be compared as a plain string and a
// component re-renders only when its own key's status changes.

export type NodeKind = 'domain' | 'container' | 'vm' | 'cluster' | 'unplaced';

export interface NodeRef {
  kind: NodeKind;
  /** Entity name; for 'unplaced' the name of the domain the group belongs to. */
  name: string;
}

const PREFIX: Record<NodeKind, string> = {
  domain: 'd',
  container: 'c',
  vm: 'v',
  cluster: 'k',
  unplaced: 'u',
};
const KIND_OF_PREFIX = new Map(Object.entries(PREFIX).map(([k, p]) => [p, k as NodeKind]));

export function nodeKey(kind: NodeKind, name: string): string {
  return `${PREFIX[kind]}:${name}`;
}

/** Inverse of nodeKey; null for strings that are not node keys. */
export function parseNodeKey(key: string): NodeRef | null {
  const i = key.indexOf(':');
  if (i < 1) return null;
  const kind = KIND_OF_PREFIX.get(key.slice(0, i));
  return kind ? { kind, name: key.slice(i + 1) } : null;
}
