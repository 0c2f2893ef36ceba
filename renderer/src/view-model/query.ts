// The search box's query language: free words plus `key:value` filters, e.g.
//   tag:gateway domain:edu state:running,paused -host:xen03 "mail list"
// Words and filters of different keys must all hold (AND); the comma-separated values of one
// filter, and repeated filters of the same key, are alternatives (OR); a leading '-' negates.
// Values match case-insensitively as substrings, except state and hv (exact) and ip (prefix).
import type { HypervisorKind, VmState } from '../../../core/model/types';

export const QUERY_KEYS = [
  'name',
  'tag',
  'domain',
  'state',
  'host',
  'cluster',
  'owner',
  'project',
  'hv',
  'ip',
] as const;
export type QueryKey = (typeof QUERY_KEYS)[number];

export const VM_STATES: readonly VmState[] = ['running', 'stopped', 'paused', 'crashed', 'unknown'];
export const HYPERVISORS: readonly HypervisorKind[] = ['libvirt', 'xen-xl'];

/** Other spellings operators type for a key. */
const KEY_ALIASES: Record<string, QueryKey> = {
  container: 'host',
  vm: 'name',
  tags: 'tag',
  hypervisor: 'hv',
};

export interface QueryTerm {
  /** 'text' for a free word: matched against names, tags, owner, project and addresses. */
  key: QueryKey | 'text';
  /** Lower-cased alternatives; at least one. */
  values: string[];
  negate: boolean;
  /** 1-based column of the term's first character in the query text. */
  column: number;
}

export interface QueryError {
  column: number;
  message: string;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  errors: QueryError[];
}

export const EMPTY_QUERY: ParsedQuery = { terms: [], errors: [] };

/** Upper bound on the query text we look at: the box is for people, not for pasted files. */
export const MAX_QUERY_LENGTH = 1000;

export function parseQuery(text: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  const errors: QueryError[] = [];
  if (text.length > MAX_QUERY_LENGTH) {
    errors.push({
      column: MAX_QUERY_LENGTH + 1,
      message: `Query longer than ${MAX_QUERY_LENGTH} characters: the rest is ignored`,
    });
    text = text.slice(0, MAX_QUERY_LENGTH);
  }
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text.charAt(i))) {
      i++;
      continue;
    }
    const column = i + 1;
    let negate = false;
    if (text.charAt(i) === '-' && i + 1 < text.length && !/\s/.test(text.charAt(i + 1))) {
      negate = true;
      i++;
    }
    const keyMatch = /^([A-Za-z]+):/.exec(text.slice(i));
    let rawKey: string | null = null;
    if (keyMatch && keyMatch[1]) {
      rawKey = keyMatch[1].toLowerCase();
      i += keyMatch[0].length;
    }
    const word = readValue(text, i);
    if (word.unclosed) errors.push({ column: i + 1, message: `Unclosed quote at column ${i + 1}` });
    i = word.end;

    if (rawKey === null) {
      if (word.value !== '') terms.push({ key: 'text', values: [word.value.toLowerCase()], negate, column });
      continue;
    }
    const key = toKey(rawKey);
    if (!key) {
      errors.push({
        column,
        message: `Unknown filter "${rawKey}:" at column ${column}: use ${QUERY_KEYS.join(', ')}`,
      });
      continue;
    }
    const values = (word.quoted ? [word.value] : word.value.split(','))
      .map((v) => v.trim().toLowerCase())
      .filter((v) => v !== '');
    if (values.length === 0) {
      errors.push({ column, message: `Filter "${key}:" at column ${column} has no value` });
      continue;
    }
    const allowed = key === 'state' ? VM_STATES : key === 'hv' ? HYPERVISORS : null;
    const bad = allowed ? values.filter((v) => !(allowed as readonly string[]).includes(v)) : [];
    if (allowed && bad.length > 0) {
      errors.push({
        column,
        message: `Unknown ${key} "${bad.join('", "')}" at column ${column}: use ${allowed.join(', ')}`,
      });
      const good = values.filter((v) => !bad.includes(v));
      if (good.length > 0) terms.push({ key, values: good, negate, column });
      continue;
    }
    terms.push({ key, values, negate, column });
  }
  return { terms: mergeRepeatedKeys(terms), errors };
}

/** `state:running state:paused` means either state: merge filters of one key (and sign) into
 * one term of alternatives. Free words stay separate: every word must match. */
function mergeRepeatedKeys(terms: QueryTerm[]): QueryTerm[] {
  const out: QueryTerm[] = [];
  const byKey = new Map<string, QueryTerm>();
  for (const t of terms) {
    if (t.key === 'text') {
      out.push(t);
      continue;
    }
    const id = `${t.negate ? '-' : '+'}${t.key}`;
    const prev = byKey.get(id);
    if (prev) {
      for (const v of t.values) if (!prev.values.includes(v)) prev.values.push(v);
    } else {
      const copy = { ...t, values: [...t.values] };
      byKey.set(id, copy);
      out.push(copy);
    }
  }
  return out;
}

function toKey(raw: string): QueryKey | null {
  if ((QUERY_KEYS as readonly string[]).includes(raw)) return raw as QueryKey;
  return KEY_ALIASES[raw] ?? null;
}

/** A value: a "quoted string" (may contain spaces) or a run of non-space characters. */
function readValue(
  text: string,
  start: number,
): { value: string; end: number; quoted: boolean; unclosed: boolean } {
  if (text.charAt(start) === '"') {
    const close = text.indexOf('"', start + 1);
    if (close < 0) return { value: text.slice(start + 1), end: text.length, quoted: true, unclosed: true };
    return { value: text.slice(start + 1, close), end: close + 1, quoted: true, unclosed: false };
  }
  let end = start;
  while (end < text.length && !/\s/.test(text.charAt(end))) end++;
  return { value: text.slice(start, end), end, quoted: false, unclosed: false };
}
