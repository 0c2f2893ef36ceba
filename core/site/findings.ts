// Findings before they are placed in the file: what is wrong (code, message, severity) and
// where, either as a byte offset (YAML-level faults) or as a path into the document (shape
// and cross-reference faults), resolved to line:column once at the end by ./yaml-positions.ts.

export type PathSeg = string | number;
export type Path = readonly PathSeg[];

export interface Finding {
  code: string;
  message: string;
  severity: 'error' | 'warning';
  path: Path;
  /** Point at the key of the last path segment rather than its value (unknown keys, duplicates). */
  at?: 'key' | 'value';
  /** Character offset in the text; wins over the path when set. */
  offset?: number;
  /** Another place the message mentions: "{related}" in the message becomes "line L". */
  related?: Path;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** "vms[3].nics[0].ip"; odd keys are quoted: vms[0]["bad key"]. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg.length > 64 ? `${seg.slice(0, 64)}…` : seg)}]`;
  }
  return out;
}

/** A value as a short quoted snippet for messages: never dumps a huge string back at the user. */
export function snippet(value: unknown, max = 40): string {
  if (typeof value === 'string') {
    const s = value.length > max ? `${value.slice(0, max)}…` : value;
    return JSON.stringify(s);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** "a string", "a number", "a list", ... for type errors. */
export function describeType(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${snippet(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** target.push(...items) without the argument-count limit of a spread (300,000 findings happen). */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
