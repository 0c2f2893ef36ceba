// "Key: value" reports, one per line, as printed by `virsh dominfo|nodeinfo|domjobinfo` and
// `xl info` ("key   : value"). Keys are short plain words; a line that starts with
// whitespace continues the previous value (xl wraps long command lines that way).
import { OutputError } from './errors';
import { boundedField, boundedLines } from './limits';

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9 ()_./-]{0,63}$/;

export interface KeyValues {
  /** Keys in order of appearance, each mapped to its (trimmed) value. */
  values: Map<string, string>;
  /** 1-based line of each key, for error messages. */
  lines: Map<string, number>;
}

export function parseKeyValues(source: string, text: string): KeyValues {
  const values = new Map<string, string>();
  const lines = new Map<string, number>();
  let last: string | undefined;
  boundedLines(source, text).forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) return;
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim() : '';
    if (/^\s/.test(line) && (colon < 0 || !KEY_RE.test(key)) && last !== undefined) {
      values.set(
        last,
        boundedField(source, `value of "${last}"`, `${values.get(last) ?? ''} ${line.trim()}`, i + 1),
      );
      return;
    }
    if (colon <= 0 || !KEY_RE.test(key)) {
      throw new OutputError(source, `expected "key: value", got ${JSON.stringify(line.slice(0, 80))}`, i + 1);
    }
    if (values.has(key)) throw new OutputError(source, `key "${key}" appears twice`, i + 1);
    values.set(key, boundedField(source, `value of "${key}"`, line.slice(colon + 1).trim(), i + 1));
    lines.set(key, i + 1);
    last = key;
  });
  return { values, lines };
}

/** Typed access to a parsed report with errors that name the key. */
export class Report {
  constructor(
    readonly source: string,
    readonly kv: KeyValues,
  ) {}

  static parse(source: string, text: string): Report {
    return new Report(source, parseKeyValues(source, text));
  }

  has(key: string): boolean {
    return this.kv.values.has(key);
  }

  optional(key: string): string | undefined {
    return this.kv.values.get(key);
  }

  required(key: string): string {
    const v = this.kv.values.get(key);
    if (v === undefined) throw new OutputError(this.source, `missing "${key}"`);
    return v;
  }

  /** A non-negative integer, optionally followed by a unit word that must be in `units`. */
  int(key: string, units: readonly string[] = []): number {
    const v = this.required(key);
    const m = /^(\d{1,15})(?:\s+(\S+))?$/.exec(v);
    if (!m?.[1] || (m[2] !== undefined && !units.includes(m[2]))) {
      throw new OutputError(
        this.source,
        `"${key}" is not a whole number${units.length ? ` (${units.join('/')})` : ''}: ${JSON.stringify(v.slice(0, 40))}`,
        this.kv.lines.get(key),
      );
    }
    return Number(m[1]);
  }

  optionalInt(key: string, units: readonly string[] = []): number | null {
    return this.has(key) ? this.int(key, units) : null;
  }

  /** A decimal number (e.g. "2266" or "1689.603"). */
  number(key: string): number {
    const v = this.required(key);
    if (!/^\d{1,15}(\.\d{1,9})?$/.test(v)) {
      throw new OutputError(
        this.source,
        `"${key}" is not a number: ${JSON.stringify(v.slice(0, 40))}`,
        this.kv.lines.get(key),
      );
    }
    return Number(v);
  }

  raw(): Record<string, string> {
    return Object.fromEntries(this.kv.values);
  }
}
