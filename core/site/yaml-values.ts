// Turn a yaml Document into plain JSON-like values, safely: aliases expand within a budget
// (a "billion laughs" file is refused, not expanded), nesting through aliases is bounded,
// duplicate keys are reported (first value kept), and keys such as "__proto__" are stored as
// ordinary data rather than reaching an object's prototype.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Finding } from './findings';
import { snippet } from './findings';
import { MAX_ALIAS_EXPANSION, MAX_DEPTH } from './limits';

export interface PlainResult {
  /** undefined when conversion was abandoned (see findings). */
  value: unknown;
  findings: Finding[];
}

class Abandon extends Error {}

interface Converted {
  value: unknown;
  /** Values in this subtree, counting aliased content at full size. */
  size: number;
  /** Nesting levels below and including this value (a scalar is 0), through aliases too. */
  height: number;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function scalarKey(key: unknown): string | null {
  if (isScalar(key)) {
    const v = key.value;
    return typeof v === 'string' ? v : String(v);
  }
  return key === null ? '' : null;
}

export function toPlain(doc: Document.Parsed): PlainResult {
  const findings: Finding[] = [];
  const anchors = new Map<string, Converted>();
  let expanded = 0;

  const fail = (f: Omit<Finding, 'severity' | 'path'>): never => {
    findings.push({ ...f, severity: 'error', path: [] });
    throw new Abandon();
  };

  const convert = (node: Node | null, depth: number): Converted => {
    if (depth > MAX_DEPTH) {
      fail({
        code: 'too-deep',
        offset: node?.range?.[0] ?? 0,
        message: `values are nested more than ${MAX_DEPTH} levels deep (through aliases); a site file needs far fewer`,
      });
    }
    if (node === null) return { value: null, size: 1, height: 0 };
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) {
        // yaml reports unknown anchors itself; this covers an alias inside its own anchor.
        return fail({
          code: 'yaml-alias',
          offset: node.range?.[0] ?? 0,
          message: `alias *${node.source} does not refer to a complete earlier anchor &${node.source}`,
        });
      }
      // Aliases can stack nesting (each anchor one level deeper than the last) without
      // any deep text: count the aliased value's own height where it is used.
      if (depth + target.height > MAX_DEPTH) {
        fail({
          code: 'too-deep',
          offset: node.range?.[0] ?? 0,
          message: `values are nested more than ${MAX_DEPTH} levels deep (through aliases); a site file needs far fewer`,
        });
      }
      expanded += target.size;
      if (expanded > MAX_ALIAS_EXPANSION) {
        fail({
          code: 'alias-limit',
          offset: node.range?.[0] ?? 0,
          message: `aliases expand to more than ${MAX_ALIAS_EXPANSION} values in total; such a file is refused (it is how "billion laughs" attacks exhaust memory)`,
        });
      }
      return target;
    }
    let result: Converted;
    if (isScalar(node)) result = { value: node.value, size: 1, height: 0 };
    else if (isSeq(node)) {
      const list: unknown[] = [];
      let size = 1;
      let height = 1;
      for (const item of node.items) {
        const c = convert(isPair(item) ? null : (item as Node | null), depth + 1);
        list.push(c.value);
        size += c.size;
        height = Math.max(height, c.height + 1);
      }
      result = { value: list, size, height };
    } else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const seen = new Map<string, number>();
      let size = 1;
      let height = 1;
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
        const key = scalarKey(keyNode);
        if (key === null) {
          fail({
            code: 'complex-key',
            offset,
            message: 'a mapping key here is itself a list or mapping; site file keys are plain names',
          });
          continue;
        }
        const c = convert(pair.value as Node | null, depth + 1);
        size += c.size;
        height = Math.max(height, c.height + 1);
        if (seen.has(key)) {
          findings.push({
            code: 'duplicate-key',
            severity: 'error',
            path: [],
            offset,
            message: `key ${snippet(key)} appears more than once in this mapping; YAML keys must be unique, and only the first one counts`,
          });
          continue;
        }
        seen.set(key, offset);
        setKey(obj, key, c.value);
      }
      result = { value: obj, size, height };
    } else {
      return fail({ code: 'yaml-syntax', offset: 0, message: 'unsupported YAML node' });
    }
    if (node.anchor) anchors.set(node.anchor, result);
    return result;
  };

  try {
    return { value: convert(doc.contents as Node | null, 0).value, findings };
  } catch (e) {
    if (e instanceof Abandon) return { value: undefined, findings };
    throw e;
  }
}
