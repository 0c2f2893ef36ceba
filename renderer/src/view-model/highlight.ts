// Splits a name into plain and marked parts for the free words and name filters of a query,
// so the part of a name that made it match is visible.
import type { ParsedQuery } from './query';

export interface Segment {
  text: string;
  mark: boolean;
}

/** The needles of a query that look at names: free words and `name:` values, not negated. */
export function nameNeedles(q: ParsedQuery): string[] {
  const out: string[] = [];
  for (const t of q.terms) if (!t.negate && (t.key === 'text' || t.key === 'name')) out.push(...t.values);
  return out;
}

/** Marks every (case-insensitive) occurrence of any needle; overlapping hits merge. */
export function highlight(text: string, needles: readonly string[]): Segment[] {
  const lower = text.toLowerCase();
  // Some characters change length when lower-cased: then offsets would not line up, mark nothing.
  if (lower.length !== text.length) return [{ text, mark: false }];
  const marked = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    if (n === '') continue;
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + 1)) marked.fill(true, i, i + n.length);
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length;) {
    const mark = marked[i] === true;
    let j = i;
    while (j < text.length && (marked[j] === true) === mark) j++;
    out.push({ text: text.slice(i, j), mark });
    i = j;
  }
  return out;
}
