// Where a JSON path lies in the YAML text. Instead of indexing every value up front (costly
// for a 10,000-VM file), walk the document along the path on demand: only paths with a
// diagnostic are ever looked up. A path that goes past what exists (a missing key) resolves
// to the deepest node that does exist, i.e. the mapping that lacks the key.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import type { SourcePos } from '../model/types';
import type { Path } from './findings';

function keyText(key: unknown): string | null {
  if (isScalar(key)) return String(key.value);
  return key === null ? '' : null;
}

/** First pair of each key per mapping, built on first use: lookups stay O(1) in huge maps. */
const keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = keyText(p.key);
      if (k !== null && !index.has(k)) index.set(k, p as Pair);
    }
    keyIndex.set(map, index);
  }
  return index.get(key);
}

/** Character offset of a path's value (or of its last key, with at = 'key'). */
export function offsetOf(doc: Document.Parsed, path: Path, at: 'key' | 'value' = 'value'): number {
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, seg] of path.entries()) {
    // Stop at aliases: the user wrote the fault where the alias stands.
    if (!node || isAlias(node)) return offset;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairOf(node, String(seg));
      if (!pair) return offset;
      const keyNode = pair.key as Node | null;
      const keyOffset = keyNode?.range?.[0] ?? offset;
      const value = pair.value as Node | null;
      if (last && at === 'key') return keyOffset;
      node = value;
      offset = value?.range?.[0] ?? keyOffset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | null | undefined;
      if (!item) return offset;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else return offset;
  }
  return offset;
}

export function positionOf(lineCounter: LineCounter, offset: number): SourcePos {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
